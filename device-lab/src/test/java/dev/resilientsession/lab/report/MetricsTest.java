package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import dev.resilientsession.lab.scenario.Statistic;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final List<RunResults.DeviceResult> devices = new ResultsBuilder()
      .device("user-1/phone-1", "phone", true, counts().calls(10).failedCalls(2).prompts(2).recoveries(1)
          .tokenRequests(4).signIns(1))
      .device("user-1/tablet-1", "tablet", true, counts().calls(10).failedCalls(1).recoveries(3).tokenRequests(4)
          .signIns(1).signInFailures(1))
      .device("user-2/phone-1", "phone", false, counts().calls(10).unauthorized(3).prompts(1).tokenRequests(1)
          .signIns(1))
      .build().devices();

  @Test void aMetricCountsTheWholeFleetWithoutAGroup() {
    assertThat(Metrics.actual("failed_calls", null, "all", devices)).isEqualTo(3);
    assertThat(Metrics.actual("calls", null, "all", devices)).isEqualTo(30);
    assertThat(Metrics.actual("unauthorized_calls", null, "all", devices)).isEqualTo(3);
    assertThat(Metrics.actual("token_requests", null, "all", devices)).isEqualTo(9);
    assertThat(Metrics.actual("sign_in_failures", null, "all", devices)).isEqualTo(1);
    assertThat(Metrics.actual("recoveries", null, "all", devices)).isEqualTo(4);
  }

  @Test void aGroupCountsOnlyItsDevices() {
    assertThat(Metrics.actual("failed_calls", "phone", "all", devices)).isEqualTo(2);
    assertThat(Metrics.actual("failed_calls", "tablet", "all", devices)).isEqualTo(1);
    assertThat(Metrics.actual("failed_calls", "desktop", "all", devices)).isZero();
  }

  @Test void usersSplitByWhetherTheirPasswordChanged() {
    assertThat(Metrics.actual("prompts", null, "password_changed", devices)).isEqualTo(2);
    assertThat(Metrics.actual("prompts", null, "password_unchanged", devices)).isEqualTo(1);
    assertThat(Metrics.actual("prompts", "phone", "password_unchanged", devices)).isEqualTo(1);
  }

  @Test void promptedDevicesCountDevicesNotPrompts() {
    assertThat(Metrics.actual("prompts", "phone", "all", devices)).isEqualTo(3);
    assertThat(Metrics.actual("prompted_devices", "phone", "all", devices)).isEqualTo(2);
  }

  @Test void tokenRequestsPerRecoveryIsOfTheCountsAddedUpNotAnAverageOfRatios() {
    // phone: (4 - 1) / 1 = 3; tablet: (4 - 1 - 1) / 3; added up: (8 - 2 - 1) / 4
    assertThat(Metrics.actual("token_requests_per_recovery", "phone", "password_changed", devices)).isEqualTo(3);
    assertThat(Metrics.actual("token_requests_per_recovery", null, "password_changed", devices)).isEqualTo(1.25);
  }

  /**
   * An outage from 10 s to 100 s of a 130 s run: three phones and a tablet sign in before the
   * timeline (-2 s), the phones hammer the dead endpoint, and come back after the heal.
   */
  private final RunResults outage = new ResultsBuilder().planned(130)
      .device("user-1/phone", "phone", counts().calls(26), List.of(-2.0, 10.5, 11.0, 11.5, 40.0, 100.4),
          new EventHit("outage", 10.5, 100.5))
      .device("user-2/phone", "phone", counts().calls(26), List.of(-2.0, 12.0, 12.2, 101.0),
          new EventHit("outage", 12.0, 104.0))
      .device("user-3/phone", "phone", counts().calls(26), List.of(-2.0, 14.0, 108.9),
          new EventHit("outage", 14.0, 110.0))
      .device("user-1/tablet", "tablet", counts().calls(26), List.of(-2.0, 99.0))
      .event(10, "token_fault", "token_fault unavailable for 90 s", "outage", 100.0)
      .event(10, "revoke_user", "revoke_user: every user")
      .build();

  @Test void tokenRequestsPerDeviceCountTheWindowOnlyAsTheStatisticSays() {
    assertThat(perDevice("max", 10.0, 100.0)).as("user-1's 4 in the outage; not its sign-in or its heal").isEqualTo(4);
    assertThat(perDevice("mean", 10.0, 100.0)).as("(4 + 2 + 1 + 1) / 4").isEqualTo(2);
    assertThat(perDevice("p50", 10.0, 100.0)).isEqualTo(1);
    assertThat(perDevice("p99", null, null)).as("the whole timeline, sign-ins before it left out").isEqualTo(5);
  }

  @Test void theWindowIncludesItsStartAndNotItsEnd() {
    assertThat(perDevice("max", 40.0, 100.4)).as("user-1's at 40 s").isEqualTo(1);
    assertThat(perDevice("max", 40.0, 100.401)).as("and the one at 100.4 s").isEqualTo(2);
  }

  @Test void thePeakTokenRateIsTheBusiestWholeSecondOfTheWindow() {
    assertThat(Metrics.peakTokenRate(outage.devices(), 0, Double.POSITIVE_INFINITY))
        .as("10.5 and 11.0 fall in different seconds; 11.0 and 11.5 in one").isEqualTo(new Metrics.Peak(11, 2));
    assertThat(Metrics.peakTokenRate(outage.devices(), 13, 130)).as("a tie goes to the earlier second")
        .isEqualTo(new Metrics.Peak(14, 1));
    assertThat(measure(new Expectation(Metric.PEAK_TOKEN_RATE, "phone", Users.ALL, Duration.ofSeconds(12), null, null,
        null, null, 2.0, 1)).actual()).as("12.0 and 12.2").isEqualTo(2);
  }

  @Test void theRecoveryTimeIsFromTheEventsEndUntilTheShareOfTheDevicesItHitWereBack() {
    assertThat(recovery("p50").actual()).as("back 0.5, 4 and 10 s after the heal").isEqualTo(4);
    assertThat(recovery("max").actual()).isEqualTo(10);
    assertThat(recovery("max").met()).isTrue();
    assertThat(measure(aftermath(Metric.DEVICES_HIT, null)).actual()).as("the tablet was never hit").isEqualTo(3);
    assertThat(measure(aftermath(Metric.DEVICES_NOT_BACK, null)).actual()).isZero();
  }

  @Test void devicesNotBackByTheEndFailTheRecoveryTimeWhateverItsBound() {
    RunResults oneLost = new ResultsBuilder().planned(130)
        .device("user-1/phone", "phone", counts(), List.of(), new EventHit("outage", 10.5, 100.5))
        .device("user-2/phone", "phone", counts(), List.of(), new EventHit("outage", 11.0, null))
        .event(10, "token_fault", "token_fault unavailable for 90 s", "outage", 100.0)
        .build();

    ExpectationResult p99 = Metrics.evaluate(recoveryExpectation("p99", 1000.0), oneLost.devices(), oneLost.events(),
        130);

    assertThat(p99.met()).isFalse();
    assertThat(p99.actual()).as("how long the run watched after the heal").isEqualTo(30);
    assertThat(p99.note()).isEqualTo("1 of the 2 devices outage hit were not back when the run ended, 30 s after its end");
    assertThat(Metrics.evaluate(recoveryExpectation("p50", 1.0), oneLost.devices(), oneLost.events(), 130).met())
        .as("half were back within 0.5 s").isTrue();
    assertThat(Metrics.evaluate(aftermath(Metric.DEVICES_NOT_BACK, null), oneLost.devices(), oneLost.events(), 130)
        .actual()).isEqualTo(1);
  }

  @Test void anEventTheRunNeverPlayedMeetsNoExpectationAboutIt() {
    ExpectationResult result = Metrics.evaluate(aftermath(Metric.DEVICES_NOT_BACK, null), outage.devices(), List.of(),
        5);

    assertThat(result.met()).isFalse();
    assertThat(result.note()).isEqualTo("the run ended before outage was played");
  }

  @Test void eachNamedEventReportsTheDevicesItHitAndHowSoonTheyWereBack() {
    assertThat(outage.eventRecoveries()).containsExactly(
        new EventRecovery("outage", 20, 10, 100, 3, 3, 4.0, 10.0, 10.0));
    assertThat(outage.eventRecoveries().get(0).summary())
        .isEqualTo("3 devices hit, 3 back: half 4 s after its end, 99% 10 s, all 10 s");
  }

  @Test void aMetricNeedingAStatisticOrAnEventIsRefusedWithoutOne() {
    assertThatThrownBy(() -> Metrics.actual("recovery_seconds", null, "all", devices))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("recovery_seconds needs a statistic");
    assertThatThrownBy(() -> Metrics.actual("devices_hit", null, "all", devices))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("devices_hit needs an event");
  }

  private double perDevice(String statistic, @Nullable Double from, @Nullable Double to) {
    return measure(new Expectation(Metric.TOKEN_REQUESTS_PER_DEVICE, null, Users.ALL, millis(from), millis(to),
        Statistic.parse(statistic), null, null, 100.0, 1)).actual();
  }

  private ExpectationResult recovery(String statistic) {
    return measure(recoveryExpectation(statistic, 20.0));
  }

  private static Expectation recoveryExpectation(String statistic, double max) {
    return new Expectation(Metric.RECOVERY_SECONDS, null, Users.ALL, null, null, Statistic.parse(statistic), "outage",
        null, max, 1);
  }

  private static Expectation aftermath(Metric metric, @Nullable Statistic statistic) {
    return new Expectation(metric, null, Users.ALL, null, null, statistic, "outage", null, 0.0, 1);
  }

  private ExpectationResult measure(Expectation expectation) {
    return Metrics.evaluate(expectation, outage.devices(), outage.events(), outage.elapsedSeconds());
  }

  private static @Nullable Duration millis(@Nullable Double seconds) {
    return seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000));
  }

  @Test void anUnknownMetricIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Metrics.actual("latency", null, "all", devices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no metric \"latency\"; the metrics are [failed_calls, prompts,");
  }

  @Test void unknownUsersAreRefused() {
    assertThatThrownBy(() -> Metrics.actual("prompts", null, "admins", devices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no users \"admins\"; expected all, password_changed or password_unchanged");
  }
}

package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

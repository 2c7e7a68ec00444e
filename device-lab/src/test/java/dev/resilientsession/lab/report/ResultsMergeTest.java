package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.at;
import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import dev.resilientsession.lab.scenario.Statistic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsMergeTest {
  private final RunResults first = new ResultsBuilder().shards("0/2")
      .group("phone", 40, 50)
      .device("user-1/phone-1", "phone", counts().calls(10).failedCalls(1).tokenRequests(2).signIns(1),
          at(12, "failed", "503"))
      .device("user-3/phone-1", "phone", counts().calls(10).tokenRequests(1).signIns(1))
      .second(0, 2, 0, 0, 2, 0, 0, 0, 0)
      .second(12, 2, 0, 0, 0, 0, 0, 1, 0)
      .event(10, "api_fault", "the API answers 503 for 5 s")
      .expect(Metric.FAILED_CALLS, null, null, 1.0)
      .expect(Metric.CALLS, "phone", 20.0, null)
      .build();
  private final RunResults second = new ResultsBuilder().shards("1/2").stoppedAfter(35)
      .group("phone", 60)
      .device("user-2/phone-1", "phone", counts().calls(9).failedCalls(1).offlineCalls(2).tokenRequests(1)
          .signIns(1), at(11, "failed", "503"))
      .second(0, 1, 0, 0, 1, 0, 0, 0, 0)
      .second(11, 1, 0, 0, 0, 0, 0, 1, 0)
      .event(10.04, "api_fault", "the API answers 503 for 5 s")
      .event(30, "note", "shard 1 alone")
      .expect(Metric.FAILED_CALLS, null, null, 1.0)
      .expect(Metric.CALLS, "phone", 20.0, null)
      .build();

  @Test void theShardsCountsAddUp() throws ReportException {
    RunResults merged = ResultsMerge.merge(List.of(first, second));

    assertThat(merged.totals()).isEqualTo(first.totals().plus(second.totals()));
    assertThat(merged.totals().calls()).isEqualTo(29);
    assertThat(merged.groups()).singleElement().satisfies(group -> {
      assertThat(group.devices()).isEqualTo(3);
      assertThat(group.counts()).isEqualTo(merged.totals());
      assertThat(group.latency().count()).isEqualTo(3);
      assertThat(group.latency().percentile(99)).isEqualTo(60);
    });
    assertThat(merged.latency().count()).isEqualTo(3);
  }

  @Test void secondsAddUpBySecond() throws ReportException {
    RunResults merged = ResultsMerge.merge(List.of(first, second));

    assertThat(merged.seconds()).extracting(RunResults.SecondCounts::second).containsExactly(0, 11, 12);
    assertThat(merged.seconds().get(0)).isEqualTo(new RunResults.SecondCounts(0, 3, 0, 0, 3, 0, 0, 0, 0));
  }

  @Test void expectationsAreMeasuredAgainOnTheWholeFleet() throws ReportException {
    assertThat(first.passed()).isTrue();
    assertThat(second.passed()).as("9 calls of at least 20").isFalse();

    RunResults merged = ResultsMerge.merge(List.of(first, second));

    assertThat(merged.expectations()).extracting(ExpectationResult::actual, ExpectationResult::met)
        .containsExactly(tuple(2.0, false), tuple(29.0, true));
    assertThat(merged.expectations().get(0).description()).isEqualTo("failed_calls <= 1");
    assertThat(merged.passed()).isFalse();
  }

  @Test void theRecoveryFromANamedEventIsMeasuredAgainOnTheWholeFleet() throws ReportException {
    Expectation allBackWithin5s = new Expectation(Metric.RECOVERY_SECONDS, null, Users.ALL, null, null, Statistic.MAX,
        "outage", null, 5.0, 60);
    RunResults fast = new ResultsBuilder().shards("0/2")
        .device("user-1/phone-1", "phone", counts(), List.of(10.5, 30.1), new EventHit("outage", 10.5, 31.0))
        .event(10, "token_fault", "token_fault unavailable for 20 s", "outage", 30.0)
        .expect(allBackWithin5s).build();
    RunResults slow = new ResultsBuilder().shards("1/2")
        .device("user-2/phone-1", "phone", counts(), List.of(10.7, 38.0), new EventHit("outage", 10.7, 39.0))
        .event(10.02, "token_fault", "token_fault unavailable for 20 s", "outage", 30.02)
        .expect(allBackWithin5s).build();
    assertThat(fast.passed()).isTrue();

    RunResults merged = ResultsMerge.merge(List.of(fast, slow));

    assertThat(merged.expectations()).singleElement().satisfies(expectation -> {
      assertThat(expectation.actual()).as("the slow shard's device, 9 s after the heal").isEqualTo(9);
      assertThat(expectation.met()).isFalse();
    });
    assertThat(merged.eventRecoveries()).extracting(EventRecovery::devicesHit, EventRecovery::allSeconds)
        .containsExactly(tuple(2, 9.0));
  }

  @Test void anEventEveryShardPlayedIsMarkedOnce() throws ReportException {
    RunResults merged = ResultsMerge.merge(List.of(first, second));

    assertThat(merged.events()).extracting(EventMark::description)
        .containsExactly("the API answers 503 for 5 s", "shard 1 alone");
  }

  @Test void devicesAreTogetherInTheOrderOfTheirIds() throws ReportException {
    RunResults merged = ResultsMerge.merge(List.of(first, second));

    assertThat(merged.devices()).extracting(DeviceResult::id)
        .containsExactly("user-1/phone-1", "user-2/phone-1", "user-3/phone-1");
  }

  @Test void theMergeCoversTheShardsInOrderAndStoppedEarlyIfOneDid() throws ReportException {
    RunResults merged = ResultsMerge.merge(List.of(second, first));

    assertThat(merged.shards()).isEqualTo("0/2,1/2");
    assertThat(merged.stoppedEarly()).isTrue();
    assertThat(merged.elapsedSeconds()).isEqualTo(40);
    assertThat(merged.groups()).extracting(GroupResult::name).containsExactly("phone");
  }

  @Test void aMergeMergesWithTheShardItLacks() throws ReportException {
    RunResults third = new ResultsBuilder().shards("2/3").device("user-9/phone-1", "phone", counts().calls(1))
        .expect(Metric.FAILED_CALLS, null, null, 1.0).expect(Metric.CALLS, "phone", 20.0, null).build();
    RunResults firstTwo = ResultsMerge.merge(List.of(
        new ResultsBuilder().shards("0/3").device("user-1/phone-1", "phone", counts().calls(1))
            .expect(Metric.FAILED_CALLS, null, null, 1.0).expect(Metric.CALLS, "phone", 20.0, null).build(),
        new ResultsBuilder().shards("1/3").device("user-2/phone-1", "phone", counts().calls(1))
            .expect(Metric.FAILED_CALLS, null, null, 1.0).expect(Metric.CALLS, "phone", 20.0, null).build()));

    RunResults all = ResultsMerge.merge(List.of(third, firstTwo));

    assertThat(all.shards()).isEqualTo("0/3,1/3,2/3");
    assertThat(all.totals().calls()).isEqualTo(3);
  }

  @Test void resultsOfAnotherScenarioAreRefused() {
    RunResults other = new ResultsBuilder().scenario("password-change").shards("1/2").build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, other)))
        .isInstanceOf(ReportException.class)
        .hasMessage("cannot merge different scenarios: signout-storm and password-change");
  }

  @Test void theSameShardTwiceIsRefused() {
    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, second, first)))
        .isInstanceOf(ReportException.class)
        .hasMessage("shard 0/2 of signout-storm is in the results twice");
  }

  @Test void resultsWithoutAShardAreRefused() {
    RunResults whole = new ResultsBuilder().expect(Metric.FAILED_CALLS, null, null, 1.0)
        .expect(Metric.CALLS, "phone", 20.0, null).build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, whole)))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("without a shard cover the whole fleet");
  }

  @Test void shardsOfDifferentSplitsAreRefused() {
    RunResults ofThree = new ResultsBuilder().shards("1/3").expect(Metric.FAILED_CALLS, null, null, 1.0)
        .expect(Metric.CALLS, "phone", 20.0, null).build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, ofThree)))
        .isInstanceOf(ReportException.class)
        .hasMessage("the shards of signout-storm split the fleet differently: 0/2,1/3");
  }

  @Test void shardsExpectingDifferentThingsAreRefused() {
    RunResults edited = new ResultsBuilder().shards("1/2").expect(Metric.FAILED_CALLS, null, null, 0.0).build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, edited)))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("expect different things");
  }

  @Test void shardsThatPlayedDifferentTargetsAreRefused() {
    String keycloak = "https://kc:8443/realms/lab/protocol/openid-connect/token";
    RunResults elsewhere = new ResultsBuilder().shards("1/2").endpoints(keycloak, "https://kc:8443/realms/lab/")
        .expect(Metric.FAILED_CALLS, null, null, 1.0).expect(Metric.CALLS, "phone", 20.0, null).build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, elsewhere)))
        .isInstanceOf(ReportException.class)
        .hasMessage("shards 0/2 and 1/2 of signout-storm played different targets: the embedded mock gateway"
            + " (authorization URL http://127.0.0.1:50001/oauth2/authorize, revocation URL"
            + " http://127.0.0.1:50001/oauth2/revoke) and token URL " + keycloak + ", API URL https://kc:8443/realms/lab/"
            + " (authorization URL https://kc:8443/realms/lab/protocol/openid-connect/authorize, revocation URL"
            + " https://kc:8443/realms/lab/protocol/openid-connect/revoke); merge the shards of one run only");
  }

  @Test void shardsWhoseBrowserSignInsStartedAtDifferentAuthorizationUrlsAreRefused() {
    String token = "https://kc:8443/realms/lab/protocol/openid-connect/token";
    ResultsBuilder shard = new ResultsBuilder().endpoints(token, "https://kc:8443/realms/lab/protocol/openid-connect/");
    RunResults derived = shard.shards("0/2").build();
    RunResults given = shard.shards("1/2").authorizationUrl("https://kc:8443/realms/lab/protocol/openid-connect/auth")
        .build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(derived, given)))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("played different targets: ")
        .hasMessageContaining("(authorization URL https://kc:8443/realms/lab/protocol/openid-connect/authorize,")
        .hasMessageContaining("(authorization URL https://kc:8443/realms/lab/protocol/openid-connect/auth,");
  }

  @Test void theMergeRecordsTheTargetItsShardsPlayed() throws ReportException {
    String token = "https://apim:9443/oauth2/token";
    ResultsBuilder shard = new ResultsBuilder().endpoints(token, "https://apim:8243/pizzashack/1.0.0/");

    RunResults merged = ResultsMerge.merge(List.of(shard.shards("0/2").build(), shard.shards("1/2").build()));

    assertThat(merged.target()).isEqualTo(new RunResults.TargetFacts("endpoints", token,
        "https://apim:9443/oauth2/authorize", "https://apim:9443/oauth2/revoke", "https://apim:8243/pizzashack/1.0.0/"));
  }

  @Test void devicesThatNeverSignedInAddUpAcrossShardsAndAGroupIsShortOfCallsOnlyIfItMadeNoneAnywhere()
      throws ReportException {
    RunResults.Shortfall neverSignedIn = new RunResults.Shortfall("never_signed_in", "phone", 1, 2, 0, "user-1/phone-1",
        "sign-in failed: invalid_credentials (invalid_grant): Wrong username or password");
    RunResults.Shortfall noCalls = new RunResults.Shortfall("no_calls", "phone", 1, 2, 3, "user-3/phone-1",
        "not signed in when its calls were due");
    RunResults shard0 = new ResultsBuilder().shards("0/2").device("user-1/phone-1", "phone", counts())
        .device("user-3/phone-1", "phone", counts().signIns(1)).shortfall(neverSignedIn).shortfall(noCalls).build();
    RunResults shard1 = new ResultsBuilder().shards("1/2").device("user-2/phone-1", "phone", counts())
        .device("user-4/phone-1", "phone", counts().signIns(1).calls(2)).shortfall(new RunResults.Shortfall(
            "never_signed_in", "phone", 1, 2, 0, "user-2/phone-1", "sign-in failed: ...")).build();

    RunResults merged = ResultsMerge.merge(List.of(shard0, shard1));

    assertThat(merged.shortfalls()).singleElement().satisfies(shortfall -> {
      assertThat(shortfall.describe()).isEqualTo("group phone: 2 of 4 devices never signed in; user-1/phone-1:"
          + " sign-in failed: invalid_credentials (invalid_grant): Wrong username or password");
    });
    assertThat(merged.passed()).isFalse();
  }

  @Test void aDeviceInTwoShardsIsRefused() {
    RunResults overlapping = new ResultsBuilder().shards("1/2").device("user-1/phone-1", "phone", counts())
        .expect(Metric.FAILED_CALLS, null, null, 1.0).expect(Metric.CALLS, "phone", 20.0, null).build();

    assertThatThrownBy(() -> ResultsMerge.merge(List.of(first, overlapping)))
        .isInstanceOf(ReportException.class)
        .hasMessage("device user-1/phone-1 is in more than one shard");
  }
}

package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.DeviceEvent;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import dev.resilientsession.lab.report.RunResults.TargetFacts;
import dev.resilientsession.lab.scenario.Expectation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * RunResults as a test needs them: devices and their counts are given, and the groups, totals and
 * expectations are worked out from them as the engine would.
 */
final class ResultsBuilder {
  private String scenario = "signout-storm";
  private String description = "Every phone signs out at 20 s; the tablets recover silently.";
  private String shards = "";
  private double plannedSeconds = 40;
  private double elapsedSeconds = 40;
  private boolean stoppedEarly;
  private final Map<String, Latency> groups = new LinkedHashMap<>();
  private final List<DeviceResult> devices = new ArrayList<>();
  private final List<Expectation> expectations = new ArrayList<>();
  private final List<SecondCounts> seconds = new ArrayList<>();
  private final List<EventMark> events = new ArrayList<>();
  private final List<Shortfall> shortfalls = new ArrayList<>();
  private TargetFacts target = new TargetFacts(TargetFacts.EMBEDDED, "http://127.0.0.1:50001/oauth2/token",
      "http://127.0.0.1:50001/oauth2/authorize", "http://127.0.0.1:50001/oauth2/revoke", "http://127.0.0.1:50001/");

  /** Two users with a phone and a tablet; the phones sign out at 20 s and one tablet fails a call. */
  static ResultsBuilder storm() {
    return new ResultsBuilder()
        .group("phone", 40, 55, 120)
        .group("tablet", 35, 80)
        .device("user-1/phone-1", "phone", counts().calls(8).signIns(1).tokenRequests(1).signOuts(1))
        .device("user-1/tablet-1", "tablet", counts().calls(8).unauthorized(1).recoveries(1).tokenRequests(2)
            .signIns(1), at(20.1, "401", "GET /orders"), at(20.2, "recovery", "refresh"))
        .device("user-2/phone-1", "phone", counts().calls(8).signIns(1).tokenRequests(1).signOuts(1))
        .device("user-2/tablet-1", "tablet", counts().calls(8).failedCalls(1).unauthorized(1).tokenRequests(2)
            .signIns(1).prompts(1), at(20.1, "401", "GET /orders"), at(20.3, "prompt", "refresh token revoked"))
        .second(0, 4, 0, 0, 0, 0, 0, 0, 0)
        .second(20, 4, 2, 1, 2, 1, 0, 1, 1)
        .event(20, "sign_out", "signed out 2 devices")
        .expect(Expectation.Metric.FAILED_CALLS, "tablet", null, 1.0)
        .expect(Expectation.Metric.PROMPTS, null, null, 0.0);
  }

  ResultsBuilder scenario(String name) {
    scenario = name;
    return this;
  }

  ResultsBuilder description(String text) {
    description = text;
    return this;
  }

  ResultsBuilder shards(String shards) {
    this.shards = shards;
    return this;
  }

  ResultsBuilder planned(double seconds) {
    plannedSeconds = seconds;
    elapsedSeconds = seconds;
    return this;
  }

  /**
   * Played against a running server given by its token and API URLs, signing in in the browser and
   * revoking where the SDK derives it.
   */
  ResultsBuilder endpoints(String tokenUrl, String apiUrl) {
    target = new TargetFacts(TargetFacts.ENDPOINTS, tokenUrl, tokenUrl.replaceAll("token$", "authorize"),
        tokenUrl.replaceAll("token$", "revoke"), apiUrl);
    return this;
  }

  /** Browser sign-ins started at {@code authorizationUrl}, given with the target. */
  ResultsBuilder authorizationUrl(String authorizationUrl) {
    target = new TargetFacts(target.kind(), target.tokenUrl(), authorizationUrl, target.revokeUrl(), target.apiUrl());
    return this;
  }

  ResultsBuilder shortfall(Shortfall shortfall) {
    shortfalls.add(shortfall);
    return this;
  }

  ResultsBuilder stoppedAfter(double seconds) {
    stoppedEarly = true;
    elapsedSeconds = seconds;
    return this;
  }

  /** A group whose user calls took {@code millis}, one call each. */
  ResultsBuilder group(String name, long... millis) {
    Latency latency = Latency.EMPTY;
    for (long call : millis) latency = latency.plus(new Latency(List.of(new long[] {Latency.bucketOf(call), 1})));
    groups.put(name, latency);
    return this;
  }

  ResultsBuilder device(String id, String group, CountsBuilder counts, DeviceEvent... timeline) {
    return device(id, group, false, counts, timeline);
  }

  ResultsBuilder device(String id, String group, boolean passwordChanged, CountsBuilder counts,
      DeviceEvent... timeline) {
    return device(id, group, passwordChanged, counts, List.of(), List.of(), timeline);
  }

  /** A device that sent token requests at {@code tokenRequestsAt} seconds, and that named events {@code hits} hit. */
  ResultsBuilder device(String id, String group, CountsBuilder counts, List<Double> tokenRequestsAt,
      EventHit... hits) {
    return device(id, group, false, counts.tokenRequests(tokenRequestsAt.size()), tokenRequestsAt, List.of(hits));
  }

  private ResultsBuilder device(String id, String group, boolean passwordChanged, CountsBuilder counts,
      List<Double> tokenRequestsAt, List<EventHit> hits, DeviceEvent... timeline) {
    groups.putIfAbsent(group, Latency.EMPTY);
    String user = id.substring(0, id.indexOf('/'));
    devices.add(new DeviceResult(id, user, group, passwordChanged, counts.build(), tokenRequestsAt, hits,
        timeline.length > 0, List.of(timeline)));
    return this;
  }

  ResultsBuilder second(int second, long calls, long unauthorized, long recoveries, long tokenRequests,
      long rejectedTokenRequests, long unansweredTokenRequests, long failures, long prompts) {
    seconds.add(new SecondCounts(second, calls, unauthorized, recoveries, tokenRequests, rejectedTokenRequests,
        unansweredTokenRequests, failures, prompts));
    return this;
  }

  ResultsBuilder event(double at, String kind, String description) {
    events.add(new EventMark(at, kind, description, 20 + events.size(), null, null));
    return this;
  }

  /** A named event, over at {@code endSeconds} (null: when it starts). */
  ResultsBuilder event(double at, String kind, String description, String name, @Nullable Double endSeconds) {
    events.add(new EventMark(at, kind, description, 20 + events.size(), name, endSeconds));
    return this;
  }

  ResultsBuilder expect(Expectation expectation) {
    expectations.add(expectation);
    return this;
  }

  ResultsBuilder expect(Expectation.Metric metric, @Nullable String group, @Nullable Double min,
      @Nullable Double max) {
    return expect(metric, group, Expectation.Users.ALL, min, max);
  }

  ResultsBuilder expect(Expectation.Metric metric, @Nullable String group, Expectation.Users users,
      @Nullable Double min, @Nullable Double max) {
    expectations.add(new Expectation(metric, group, users, min, max, 40 + expectations.size()));
    return this;
  }

  RunResults build() {
    List<GroupResult> groupResults = new ArrayList<>();
    groups.forEach((name, latency) -> {
      List<DeviceResult> members = devices.stream().filter(device -> device.group().equals(name)).toList();
      groupResults.add(new GroupResult(name, "jwt", "JWT", true, members.size(), sum(members), latency));
    });
    List<ExpectationResult> expectationResults = new ArrayList<>();
    for (Expectation expectation : expectations) {
      expectationResults.add(Metrics.evaluate(expectation, devices, events, elapsedSeconds));
    }
    Latency latency = groups.values().stream().reduce(Latency.EMPTY, Latency::plus);
    return new RunResults(scenario, description, "scenarios/" + scenario + ".toml", "2025-06-02T09:30:00Z",
        plannedSeconds, elapsedSeconds, stoppedEarly, target, shards, sum(devices), latency, groupResults,
        expectationResults, shortfalls, seconds, events, Metrics.recoveries(devices, events), devices);
  }

  private static Counts sum(List<DeviceResult> devices) {
    return devices.stream().map(DeviceResult::counts).reduce(Counts.ZERO, Counts::plus);
  }

  static CountsBuilder counts() {
    return new CountsBuilder();
  }

  static DeviceEvent at(double seconds, String kind, String detail) {
    return new DeviceEvent(seconds, kind, detail);
  }

  /** Counts by name; what is not named is 0. */
  static final class CountsBuilder {
    private long calls;
    private long failedCalls;
    private long offlineCalls;
    private long unauthorized;
    private long recoveries;
    private long passwordReplays;
    private long displacements;
    private long tokenRequests;
    private long rejectedTokenRequests;
    private long unansweredTokenRequests;
    private long signIns;
    private long signInFailures;
    private long signOuts;
    private long prompts;

    CountsBuilder calls(long calls) {
      this.calls = calls;
      return this;
    }

    CountsBuilder failedCalls(long failedCalls) {
      this.failedCalls = failedCalls;
      return this;
    }

    CountsBuilder offlineCalls(long offlineCalls) {
      this.offlineCalls = offlineCalls;
      return this;
    }

    CountsBuilder unauthorized(long unauthorized) {
      this.unauthorized = unauthorized;
      return this;
    }

    CountsBuilder recoveries(long recoveries) {
      this.recoveries = recoveries;
      return this;
    }

    CountsBuilder passwordReplays(long passwordReplays) {
      this.passwordReplays = passwordReplays;
      return this;
    }

    CountsBuilder displacements(long displacements) {
      this.displacements = displacements;
      return this;
    }

    CountsBuilder tokenRequests(long tokenRequests) {
      this.tokenRequests = tokenRequests;
      return this;
    }

    CountsBuilder rejectedTokenRequests(long rejectedTokenRequests) {
      this.rejectedTokenRequests = rejectedTokenRequests;
      return this;
    }

    CountsBuilder unansweredTokenRequests(long unansweredTokenRequests) {
      this.unansweredTokenRequests = unansweredTokenRequests;
      return this;
    }

    CountsBuilder signIns(long signIns) {
      this.signIns = signIns;
      return this;
    }

    CountsBuilder signInFailures(long signInFailures) {
      this.signInFailures = signInFailures;
      return this;
    }

    CountsBuilder signOuts(long signOuts) {
      this.signOuts = signOuts;
      return this;
    }

    CountsBuilder prompts(long prompts) {
      this.prompts = prompts;
      return this;
    }

    Counts build() {
      return new Counts(calls, failedCalls, offlineCalls, unauthorized, recoveries, passwordReplays, displacements,
          tokenRequests, rejectedTokenRequests, unansweredTokenRequests, signIns, signInFailures, signOuts, prompts);
    }
  }
}

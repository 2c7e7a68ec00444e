package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.fleet.FleetMeter.Series;
import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults.DeviceEvent;
import dev.resilientsession.lab.report.RunResults.EventHit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one device did, counted and, up to a bound, told in order: the device's row in the report
 * and its swimlane; when it sent each token request; and where the scenario's named events hit it
 * and when it was back. Feeds the fleet's per-second series and the run's observer as it goes.
 */
final class DeviceLog {
  /** Enough for a minute or two of a device's life; later events are counted, not told. */
  private static final int MAX_EVENTS = 300;

  final String id;
  final int group;
  private final FleetMeter meter;
  private final RunObserver observer;
  private final EventWatch watch;

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
  private long skippedCalls;
  private List<DeviceEvent> timeline;
  private int untold;
  /** When each token request was sent (nanoTime), the first {@code tokenRequests} of them. */
  private long[] tokenRequestNanos = new long[4];
  /** Per named event: when its aftermath hit this device, and when the device was back; or NONE. */
  private final long[] hitAt;
  private final long[] backAt;

  DeviceLog(String id, int group, FleetMeter meter, RunObserver observer, EventWatch watch) {
    this.id = id;
    this.group = group;
    this.meter = meter;
    this.observer = observer;
    this.watch = watch;
    this.hitAt = new long[watch.size()];
    this.backAt = new long[watch.size()];
    Arrays.fill(hitAt, EventWatch.NONE);
    Arrays.fill(backAt, EventWatch.NONE);
  }

  /** A call that started at {@code startNanos} got its answer: the user saw it succeed. */
  void callSucceeded(long startNanos, boolean sawUnauthorized, int status) {
    long end = System.nanoTime();
    long millis = (end - startNanos) / 1_000_000;
    synchronized (this) {
      calls++;
      if (sawUnauthorized) unauthorized++;
      watch.observe(hitAt, backAt, startNanos, end, sawUnauthorized, true);
    }
    meter.count(Series.CALLS);
    if (sawUnauthorized) meter.count(Series.UNAUTHORIZED);
    meter.latency(group, millis);
    tell("call", status + (sawUnauthorized ? " after a 401, recovered" : "") + " in " + millis + " ms");
  }

  /** A call that started at {@code startNanos} failed while the device was online: the user saw an error. */
  void callFailed(long startNanos, boolean sawUnauthorized, String why) {
    long end = System.nanoTime();
    long millis = (end - startNanos) / 1_000_000;
    synchronized (this) {
      calls++;
      failedCalls++;
      if (sawUnauthorized) unauthorized++;
      watch.observe(hitAt, backAt, startNanos, end, true, false);
    }
    meter.count(Series.CALLS);
    meter.count(Series.FAILURES);
    if (sawUnauthorized) meter.count(Series.UNAUTHORIZED);
    meter.latency(group, millis);
    tell("failed", why);
  }

  void callOffline() {
    synchronized (this) {
      calls++;
      offlineCalls++;
    }
    meter.count(Series.CALLS);
    tell("offline call", "no network: the call failed on the device");
  }

  void tokenRequest(String what) {
    long now = System.nanoTime();
    synchronized (this) {
      if (tokenRequests == tokenRequestNanos.length) {
        tokenRequestNanos = Arrays.copyOf(tokenRequestNanos, tokenRequestNanos.length * 2);
      }
      tokenRequestNanos[(int) tokenRequests] = now;
      tokenRequests++;
    }
    meter.count(Series.TOKEN_REQUESTS);
    tell("token request", what);
  }

  /** The token endpoint answered a token request 429 or 5xx. */
  void tokenRejected(String answer) {
    synchronized (this) {
      rejectedTokenRequests++;
    }
    meter.count(Series.REJECTED_TOKEN_REQUESTS);
    tell("token rejected", answer);
  }

  /** A token request got no answer: it could not connect, the connection dropped or timed out, or it was abandoned. */
  void tokenUnanswered(String why) {
    synchronized (this) {
      unansweredTokenRequests++;
    }
    meter.count(Series.UNANSWERED_TOKEN_REQUESTS);
    tell("token unanswered", why);
  }

  void recovered(String how) {
    synchronized (this) {
      recoveries++;
    }
    meter.count(Series.RECOVERIES);
    tell("recovered", how);
  }

  void passwordReplayed() {
    synchronized (this) {
      passwordReplays++;
    }
  }

  void displaced(String code) {
    synchronized (this) {
      displacements++;
    }
    tell("displaced", "the gateway refused the unexpired token" + (code == null ? "" : " (" + code + ")"));
  }

  void prompted(String reason) {
    synchronized (this) {
      prompts++;
    }
    meter.count(Series.PROMPTS);
    tell("prompt", "sign-in required: " + reason);
  }

  void signedIn(String scopes) {
    synchronized (this) {
      signIns++;
    }
    tell("signed in", scopes);
  }

  void signInFailed(String why) {
    synchronized (this) {
      signInFailures++;
    }
    meter.count(Series.FAILURES);
    tell("sign-in failed", why);
  }

  void signedOut(String result) {
    synchronized (this) {
      signOuts++;
    }
    tell("signed out", result);
  }

  /**
   * A call was due while the device was not signed in: the app showed its sign-in screen instead.
   * Told in the timeline when {@code tell}: a call event's skip is, a call rate's every tick is not.
   */
  void callSkipped(boolean tell) {
    synchronized (this) {
      skippedCalls++;
    }
    if (tell) tell("skipped", "not signed in: the app shows its sign-in screen instead of calling");
  }

  /** Calls that were due while the device was not signed in. */
  synchronized long skippedCalls() {
    return skippedCalls;
  }

  void note(String kind, String detail) {
    tell(kind, detail);
  }

  synchronized Counts counts() {
    return new Counts(calls, failedCalls, offlineCalls, unauthorized, recoveries, passwordReplays, displacements,
        tokenRequests, rejectedTokenRequests, unansweredTokenRequests, signIns, signInFailures, signOuts, prompts);
  }

  /** When each token request was sent, in seconds into the timeline. */
  synchronized List<Double> tokenRequestsAt() {
    List<Double> seconds = new ArrayList<>((int) tokenRequests);
    for (int i = 0; i < tokenRequests; i++) seconds.add(meter.secondsAt(tokenRequestNanos[i]));
    return seconds;
  }

  /** The named events whose aftermath hit this device, in timeline order. */
  synchronized List<EventHit> hits() {
    List<EventHit> hits = new ArrayList<>();
    for (int i = 0; i < hitAt.length; i++) {
      if (hitAt[i] == EventWatch.NONE) continue;
      hits.add(new EventHit(watch.name(i), meter.secondsAt(hitAt[i]),
          backAt[i] == EventWatch.NONE ? null : meter.secondsAt(backAt[i])));
    }
    return hits;
  }

  synchronized List<DeviceEvent> timeline() {
    List<DeviceEvent> told = timeline == null ? new ArrayList<>() : new ArrayList<>(timeline);
    if (untold > 0) {
      told.add(new DeviceEvent(told.get(told.size() - 1).atSeconds(), "untold", untold + " more events not kept"));
    }
    return told;
  }

  private void tell(String kind, String detail) {
    double at = Math.round(meter.elapsedSeconds() * 1000) / 1000.0;
    synchronized (this) {
      if (timeline == null) timeline = new ArrayList<>(8);
      if (timeline.size() < MAX_EVENTS) {
        timeline.add(new DeviceEvent(at, kind, detail));
      } else {
        untold++;
      }
    }
    observer.onDeviceEvent(id, kind, detail);
  }
}

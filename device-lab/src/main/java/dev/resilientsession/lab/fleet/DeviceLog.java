package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.fleet.FleetMeter.Series;
import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults.DeviceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one device did, counted and, up to a bound, told in order: the device's row in the report
 * and its swimlane. Feeds the fleet's per-second series and the run's observer as it goes.
 */
final class DeviceLog {
  /** Enough for a minute or two of a device's life; later events are counted, not told. */
  private static final int MAX_EVENTS = 300;

  final String id;
  final int group;
  private final FleetMeter meter;
  private final RunObserver observer;

  private long calls;
  private long failedCalls;
  private long offlineCalls;
  private long unauthorized;
  private long recoveries;
  private long passwordReplays;
  private long displacements;
  private long tokenRequests;
  private long signIns;
  private long signInFailures;
  private long signOuts;
  private long prompts;
  private List<DeviceEvent> timeline;
  private int untold;

  DeviceLog(String id, int group, FleetMeter meter, RunObserver observer) {
    this.id = id;
    this.group = group;
    this.meter = meter;
    this.observer = observer;
  }

  void callSucceeded(long millis, boolean sawUnauthorized, int status) {
    synchronized (this) {
      calls++;
      if (sawUnauthorized) unauthorized++;
    }
    meter.count(Series.CALLS);
    if (sawUnauthorized) meter.count(Series.UNAUTHORIZED);
    meter.latency(group, millis);
    tell("call", status + (sawUnauthorized ? " after a 401, recovered" : "") + " in " + millis + " ms");
  }

  void callFailed(long millis, boolean sawUnauthorized, String why) {
    synchronized (this) {
      calls++;
      failedCalls++;
      if (sawUnauthorized) unauthorized++;
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
    synchronized (this) {
      tokenRequests++;
    }
    meter.count(Series.TOKEN_REQUESTS);
    tell("token request", what);
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

  void note(String kind, String detail) {
    tell(kind, detail);
  }

  synchronized Counts counts() {
    return new Counts(calls, failedCalls, offlineCalls, unauthorized, recoveries, passwordReplays, displacements,
        tokenRequests, signIns, signInFailures, signOuts, prompts);
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

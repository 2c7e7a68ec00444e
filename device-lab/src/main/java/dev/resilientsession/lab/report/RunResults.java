package dev.resilientsession.lab.report;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run's report shows, as written to {@code results.json}: the report's HTML and
 * JUnit files are made from this alone, and {@code lab merge} adds shards' results together.
 *
 * @param startedAt when the timeline started, ISO-8601
 * @param plannedSeconds the scenario's duration
 * @param elapsedSeconds how long the timeline actually ran (less when stopped early)
 * @param stoppedEarly whether the run was interrupted (Ctrl-C) before its end
 * @param target the server played against
 * @param shards the shards these results cover, such as "0/2" or "0/2,1/2" after a merge; "" unsharded
 * @param totals the whole fleet's counts
 * @param latency the fleet's user-call latencies
 * @param shortfalls what the scenario meant to exercise and the run did not; each fails the run
 * @param seconds the time chart's data: one entry per second of the timeline
 * @param events the scenario's events as they happened, to mark on the chart
 * @param eventRecoveries for each named event, how many devices it hit and how soon they were back
 * @param devices every device, with its timeline when it is sampled, failed or was prompted
 */
public record RunResults(
    String scenario,
    String description,
    String source,
    String startedAt,
    double plannedSeconds,
    double elapsedSeconds,
    boolean stoppedEarly,
    TargetFacts target,
    String shards,
    Counts totals,
    Latency latency,
    List<GroupResult> groups,
    List<ExpectationResult> expectations,
    List<Shortfall> shortfalls,
    List<SecondCounts> seconds,
    List<EventMark> events,
    List<EventRecovery> eventRecoveries,
    List<DeviceResult> devices) {

  public RunResults {
    groups = List.copyOf(groups);
    expectations = List.copyOf(expectations);
    shortfalls = List.copyOf(shortfalls);
    seconds = List.copyOf(seconds);
    events = List.copyOf(events);
    eventRecoveries = List.copyOf(eventRecoveries);
    devices = List.copyOf(devices);
  }

  /**
   * Whether every expectation was met and the run exercised what the scenario meant it to: every
   * device it had sign in did, and every group it had call made calls (see {@link Shortfall}).
   */
  public boolean passed() {
    return expectations.stream().allMatch(ExpectationResult::met) && shortfalls.isEmpty();
  }

  /**
   * The server a run played against.
   *
   * @param kind "embedded" (a mock started for the run, on loopback), "gateway" (a running one
   *     given by its single origin) or "endpoints" (a running one given by its token and API URLs)
   * @param authorizationUrl where browser sign-ins started: the one given, or where the SDK derives
   *     it from the token URL
   * @param revokeUrl where sign-outs revoked: the one given, or where the SDK derives it from the token URL
   * @param apiUrl the base the groups' call paths are relative to
   */
  public record TargetFacts(String kind, String tokenUrl, String authorizationUrl, String revokeUrl, String apiUrl) {
    public static final String EMBEDDED = "embedded";
    public static final String GATEWAY = "gateway";
    public static final String ENDPOINTS = "endpoints";

    /** "the embedded mock gateway", "gateway https://staging:9443/", "token URL ..., API URL ...". */
    public String describe() {
      switch (kind) {
        case EMBEDDED:
          return "the embedded mock gateway";
        case GATEWAY:
          return "gateway " + apiUrl;
        default:
          return "token URL " + tokenUrl + ", API URL " + apiUrl;
      }
    }
  }

  /**
   * Something the scenario meant the run to exercise and the run did not, which fails it as an unmet
   * expectation does: its devices of a group that never signed in, though the scenario had them sign
   * in; or a group whose devices made none of the calls the scenario had them make, because they
   * were not signed in when the calls were due. A scenario that means sign-ins to fail says so with
   * a {@code sign_in_failures} expectation that allows some; then neither is a shortfall.
   *
   * @param kind {@link #NEVER_SIGNED_IN} or {@link #NO_CALLS}
   * @param devices the group's devices concerned: that never signed in; or, for no calls, that had calls due
   * @param groupDevices the group's devices in these results
   * @param callsDue for no calls, how many were due and not made; 0 otherwise
   * @param example one device concerned, such as "user-1/phone"
   * @param reason why, as that device saw it, such as "sign-in failed: invalid_credentials (invalid_grant): ..."
   */
  public record Shortfall(String kind, String group, long devices, long groupDevices, long callsDue, String example,
      String reason) {
    public static final String NEVER_SIGNED_IN = "never_signed_in";
    public static final String NO_CALLS = "no_calls";

    /** What failed, as a test would be named: "group phone: devices sign in". */
    public String title() {
      return "group " + group + (kind.equals(NO_CALLS) ? ": devices make their calls" : ": devices sign in");
    }

    /**
     * "group phone: 20 of 20 devices never signed in; user-1/phone: sign-in failed: ...", "group
     * tablet: made none of the 40 calls it was meant to; user-1/tablet: not signed in when due".
     */
    public String describe() {
      if (kind.equals(NO_CALLS)) {
        return "group " + group + ": made none of the " + Figures.count(callsDue) + " call" + (callsDue == 1 ? "" : "s")
            + " it was meant to; " + example + ": " + reason;
      }
      return "group " + group + ": " + Figures.count(devices) + " of " + Figures.count(groupDevices) + " device"
          + (groupDevices == 1 ? "" : "s") + " never signed in; " + example + ": " + reason;
    }
  }

  /** A device group's devices and their counts added up. */
  public record GroupResult(String name, String application, String tokenType, boolean deviceScope, int devices,
      Counts counts, Latency latency) {
  }

  /**
   * One expectation and how the run measured up: {@code actual} against its bounds.
   *
   * @param fromSeconds the start of a windowed metric's window, or null
   * @param toSeconds the end of that window, or null for the end of the run
   * @param statistic "max", "mean", "p99" for a metric measured per device, or null
   * @param event the named event a metric about an event's aftermath is about, or null
   * @param note what the number alone does not say, such as "12 of the 1,000 devices hit were not
   *     back when the run ended" (then {@code actual} is the time the run watched, and not met); or null
   */
  public record ExpectationResult(String description, String metric, @Nullable String group, String users,
      @Nullable Double fromSeconds, @Nullable Double toSeconds, @Nullable String statistic, @Nullable String event,
      @Nullable Double min, @Nullable Double max, double actual, boolean met, @Nullable String note, int line) {
  }

  /**
   * What happened in one second of the timeline, fleet-wide.
   *
   * @param rejectedTokenRequests token requests the endpoint answered 429 or 5xx in that second
   * @param unansweredTokenRequests token requests that got no answer in that second
   */
  public record SecondCounts(int second, long calls, long unauthorized, long recoveries, long tokenRequests,
      long rejectedTokenRequests, long unansweredTokenRequests, long failures, long prompts) {
  }

  /**
   * A scenario event, when it started, and what it did ("signed out 500 devices").
   *
   * @param name the event's name in the scenario, or null
   * @param endSeconds when a fault or an offline spell given {@code for} ended, or null
   */
  public record EventMark(double atSeconds, String kind, String description, int line, @Nullable String name,
      @Nullable Double endSeconds) {
  }

  /**
   * What a named event did to the fleet: the devices whose calls met a 401 or failed after it (and
   * before the next named event), and how soon after its end they were back, each at its first
   * successful call. The times are null when that share of the devices was not back by the end.
   *
   * @param endSeconds when the event ended: its start, or its start plus its {@code for}
   * @param p50Seconds seconds from its end until half the devices it hit were back
   * @param p99Seconds seconds from its end until 99% of them were back
   * @param allSeconds seconds from its end until every one of them was back
   */
  public record EventRecovery(String event, int line, double atSeconds, double endSeconds, int devicesHit,
      int devicesBack, @Nullable Double p50Seconds, @Nullable Double p99Seconds, @Nullable Double allSeconds) {

    /** "1,000 devices hit, 1,000 back: half 2.1 s after its end, 99% 12.3 s, all 14 s". */
    public String summary() {
      String hit = Figures.count(devicesHit) + (devicesHit == 1 ? " device" : " devices") + " hit";
      if (devicesHit == 0) return hit;
      return hit + ", " + Figures.count(devicesBack) + " back: half " + after(p50Seconds) + " after its end, 99% "
          + after(p99Seconds) + ", all " + after(allSeconds);
    }

    private static String after(@Nullable Double seconds) {
      return seconds == null ? "not by the end" : Figures.number(seconds) + " s";
    }
  }

  /**
   * One simulated device.
   *
   * @param id "user-17/phone-1"
   * @param sampled whether its timeline was kept as part of the report's sample
   * @param tokenRequestsAt when it sent each token request, in seconds into the timeline (negative
   *     before it: the sign-ins)
   * @param hits the named events whose aftermath met it: when, and when it was back
   * @param timeline what it saw, when kept (sampled, failed or prompted); empty otherwise
   */
  public record DeviceResult(String id, String user, String group, boolean passwordChanged, Counts counts,
      List<Double> tokenRequestsAt, List<EventHit> hits, boolean sampled, List<DeviceEvent> timeline) {
    public DeviceResult {
      tokenRequestsAt = List.copyOf(tokenRequestsAt);
      hits = List.copyOf(hits);
      timeline = List.copyOf(timeline);
    }
  }

  /**
   * A named event's aftermath meeting one device.
   *
   * @param hitAtSeconds when its first call after the event that met a 401 or failed started
   * @param backAtSeconds when its first successful call from then on, ending after the event's
   *     end, returned; null when it was not back by the end of the run
   */
  public record EventHit(String event, double hitAtSeconds, @Nullable Double backAtSeconds) {
  }

  /** One thing a device saw: a call and its outcome, a 401, a recovery, a prompt, going offline. */
  public record DeviceEvent(double atSeconds, String kind, String detail) {
  }
}

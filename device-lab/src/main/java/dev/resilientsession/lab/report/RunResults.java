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
 * @param gateway "embedded" or the URL of the gateway played against
 * @param shards the shards these results cover, such as "0/2" or "0/2,1/2" after a merge; "" unsharded
 * @param totals the whole fleet's counts
 * @param latency the fleet's user-call latencies
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
    String gateway,
    String shards,
    Counts totals,
    Latency latency,
    List<GroupResult> groups,
    List<ExpectationResult> expectations,
    List<SecondCounts> seconds,
    List<EventMark> events,
    List<EventRecovery> eventRecoveries,
    List<DeviceResult> devices) {

  public RunResults {
    groups = List.copyOf(groups);
    expectations = List.copyOf(expectations);
    seconds = List.copyOf(seconds);
    events = List.copyOf(events);
    eventRecoveries = List.copyOf(eventRecoveries);
    devices = List.copyOf(devices);
  }

  /** Whether every expectation was met. */
  public boolean passed() {
    return expectations.stream().allMatch(ExpectationResult::met);
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

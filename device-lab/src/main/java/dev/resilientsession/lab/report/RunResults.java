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
    List<DeviceResult> devices) {

  public RunResults {
    groups = List.copyOf(groups);
    expectations = List.copyOf(expectations);
    seconds = List.copyOf(seconds);
    events = List.copyOf(events);
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

  /** One expectation and how the run measured up: {@code actual} against its bounds. */
  public record ExpectationResult(String description, String metric, @Nullable String group, String users,
      @Nullable Double min, @Nullable Double max, double actual, boolean met, int line) {
  }

  /** What happened in one second of the timeline, fleet-wide. */
  public record SecondCounts(int second, long calls, long unauthorized, long recoveries, long tokenRequests,
      long failures, long prompts) {
  }

  /** A scenario event, when it started, and what it did ("signed out 500 devices"). */
  public record EventMark(double atSeconds, String kind, String description, int line) {
  }

  /**
   * One simulated device.
   *
   * @param id "user-17/phone-1"
   * @param sampled whether its timeline was kept as part of the report's sample
   * @param timeline what it saw, when kept (sampled, failed or prompted); empty otherwise
   */
  public record DeviceResult(String id, String user, String group, boolean passwordChanged, Counts counts,
      boolean sampled, List<DeviceEvent> timeline) {
    public DeviceResult {
      timeline = List.copyOf(timeline);
    }
  }

  /** One thing a device saw: a call and its outcome, a 401, a recovery, a prompt, going offline. */
  public record DeviceEvent(double atSeconds, String kind, String detail) {
  }
}

package dev.resilientsession.benchmarks;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.Metrics;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.scenario.Statistic;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a fleet did through a token-endpoint outage, the measures, read with the device lab's
 * own metrics from its device results, so that the SDK's fleet and the google-auth peer's are
 * measured alike.
 *
 * @param devices the fleet's devices
 * @param outageSeconds how long the token endpoint was down, as played
 * @param tokenRequestsMean token requests per device sent while the endpoint was down, the mean
 * @param tokenRequestsP99 the same, 99th percentile over the devices (nearest rank)
 * @param tokenRequestsMax the same, the most any device sent
 * @param peakTokenRate token requests in the busiest second of the timeline
 * @param devicesHit the devices whose calls met a 401 or failed after the outage began
 * @param devicesBack those that made a successful call after its end
 * @param recoveryP50 seconds from the heal until half the devices hit were back; null if they never were
 * @param recoveryP99 seconds from the heal until 99% of them were back; null if they never were
 * @param recoveryAll seconds from the heal until all of them were back; null if some never were
 * @param totals the fleet's counts: calls, failures, rejected token requests, prompts
 * @param p99CallMs the 99th percentile of every call's latency, as the lab buckets it
 */
record OutageFigures(int devices, double outageSeconds, double tokenRequestsMean, double tokenRequestsP99,
    double tokenRequestsMax, long peakTokenRate, int devicesHit, int devicesBack, @Nullable Double recoveryP50,
    @Nullable Double recoveryP99, @Nullable Double recoveryAll, Counts totals, long p99CallMs) {
  private static final Statistic P99 = Statistic.parse("p99");

  /** The figures of the outage {@code outage} (a named event with a {@code for}) in a run's results. */
  static OutageFigures of(List<DeviceResult> devices, List<EventMark> events, String outage, Latency latency) {
    EventMark mark = events.stream().filter(event -> outage.equals(event.name())).findFirst()
        .orElseThrow(() -> new IllegalStateException("the run never played the event " + outage));
    if (mark.endSeconds() == null) throw new IllegalArgumentException("the event " + outage + " has no for");
    double from = mark.atSeconds();
    double to = mark.endSeconds();
    double[] perDevice = devices.stream()
        .mapToDouble(device -> device.tokenRequestsAt().stream().filter(at -> at >= from && at < to).count())
        .toArray();
    EventRecovery recovery = Metrics.recoveries(devices, events).stream()
        .filter(candidate -> candidate.event().equals(outage)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no recovery from " + outage));
    Counts totals = devices.stream().map(DeviceResult::counts).reduce(Counts.ZERO, Counts::plus);
    return new OutageFigures(devices.size(), to - from, Statistic.MEAN.of(perDevice), P99.of(perDevice),
        Statistic.MAX.of(perDevice), Metrics.peakTokenRate(devices, 0, Double.POSITIVE_INFINITY).requests(),
        recovery.devicesHit(), recovery.devicesBack(), recovery.p50Seconds(), recovery.p99Seconds(),
        recovery.allSeconds(), totals, latency.percentile(99));
  }

  /** The result line's keys, {@code key=value} separated by spaces. */
  String keys() {
    return String.format(Locale.ROOT, "devices=%d outage_s=%.0f token_requests_per_device_mean=%.1f"
            + " token_requests_per_device_p99=%.0f token_requests_per_device_max=%.0f peak_token_rate=%d"
            + " devices_hit=%d devices_back=%d recovery_p50_s=%s recovery_p99_s=%s recovery_all_s=%s calls=%d"
            + " failed_calls=%d rejected_token_requests=%d prompts=%d p99_call_ms=%d",
        devices, outageSeconds, tokenRequestsMean, tokenRequestsP99, tokenRequestsMax, peakTokenRate, devicesHit,
        devicesBack, seconds(recoveryP50), seconds(recoveryP99), seconds(recoveryAll), totals.calls(),
        totals.failedCalls(), totals.rejectedTokenRequests(), totals.prompts(), p99CallMs);
  }

  /** {@code never} for devices that did not come back by the end of the run, else seconds to one place. */
  static String seconds(@Nullable Double seconds) {
    return seconds == null ? "never" : String.format(Locale.ROOT, "%.1f", seconds);
  }
}

package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report's charts draw, as the JSON blob inside {@code report.html}: the seconds, the
 * scenario's events, and one swimlane per device whose timeline was kept, troubled devices first.
 *
 * @param lanes devices with a timeline, failed or prompted ones first, at most {@link #MAX_LANES}
 * @param lanesLeftOut devices with a timeline beyond the lanes shown
 */
record ChartData(double plannedSeconds, double elapsedSeconds, List<SecondCounts> seconds, List<EventMark> events,
    List<DeviceResult> lanes, int lanesLeftOut) {

  static final int MAX_LANES = 60;

  static ChartData of(RunResults results) {
    List<DeviceResult> lanes = results.devices().stream()
        .filter(device -> !device.timeline().isEmpty())
        .sorted(Comparator.comparing((DeviceResult device) -> !troubled(device))
            .thenComparing(DeviceResult::id, NaturalOrder.INSTANCE))
        .toList();
    List<DeviceResult> shown = lanes.subList(0, Math.min(MAX_LANES, lanes.size()));
    return new ChartData(results.plannedSeconds(), results.elapsedSeconds(), results.seconds(), results.events(),
        shown, lanes.size() - shown.size());
  }

  static boolean troubled(DeviceResult device) {
    return device.counts().failedCalls() > 0 || device.counts().prompts() > 0;
  }

  /**
   * As JSON that cannot end the script element it is in: every {@code <} is written {@code \u003c}.
   * (Moshi reads only public records, so the blob is written as a map of the public ones.)
   */
  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("plannedSeconds", plannedSeconds);
    json.put("elapsedSeconds", elapsedSeconds);
    json.put("seconds", seconds);
    json.put("events", events);
    json.put("lanes", lanes);
    json.put("lanesLeftOut", lanesLeftOut);
    return ResultsJson.MOSHI.adapter(Object.class).toJson(json).replace("<", "\\u003c");
  }
}

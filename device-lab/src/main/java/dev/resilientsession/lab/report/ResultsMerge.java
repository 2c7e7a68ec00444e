package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Several shards of one run added up to the run: counts, latencies and seconds summed, devices and
 * events put together, the expectations measured again on the whole fleet (a shard that met "at
 * most 1 failed call" alone says nothing about the fleet), and what the shards did not exercise
 * added up. Shards of different scenarios, expectations or targets are refused.
 */
final class ResultsMerge {
  private ResultsMerge() {
  }

  static RunResults merge(List<RunResults> shards) throws ReportException {
    if (shards.isEmpty()) throw new ReportException("no results to merge");
    List<RunResults> sorted = new ArrayList<>(shards);
    sorted.sort(Comparator.comparingInt(results -> shardIndex(results.shards())));
    checkOneRun(sorted);

    RunResults first = sorted.get(0);
    List<DeviceResult> devices = devices(sorted);
    List<EventMark> events = events(sorted);
    double elapsed = sorted.stream().mapToDouble(RunResults::elapsedSeconds).max().orElseThrow();
    List<GroupResult> groups = groups(sorted);
    List<ExpectationResult> expectations = new ArrayList<>();
    for (ExpectationResult expectation : first.expectations()) {
      try {
        expectations.add(Metrics.evaluate(expectation, devices, events, elapsed));
      } catch (IllegalArgumentException e) {
        throw new ReportException("expectation on line " + expectation.line() + ": " + e.getMessage());
      }
    }
    return new RunResults(
        first.scenario(),
        first.description(),
        first.source(),
        sorted.stream().map(RunResults::startedAt).min(Comparator.naturalOrder()).orElseThrow(),
        first.plannedSeconds(),
        elapsed,
        sorted.stream().anyMatch(RunResults::stoppedEarly),
        first.target(),
        sorted.stream().flatMap(shard -> Arrays.stream(shard.shards().split(",")))
            .sorted(Comparator.comparingInt(ResultsMerge::shardIndex)).collect(Collectors.joining(",")),
        sorted.stream().map(RunResults::totals).reduce(Counts.ZERO, Counts::plus),
        sorted.stream().map(RunResults::latency).reduce(Latency.EMPTY, Latency::plus),
        groups,
        expectations,
        shortfalls(sorted, groups),
        seconds(sorted),
        events,
        Metrics.recoveries(devices, events),
        devices);
  }

  private static void checkOneRun(List<RunResults> shards) throws ReportException {
    RunResults first = shards.get(0);
    Map<String, RunResults> byShard = new HashMap<>();
    Set<String> shardCounts = new LinkedHashSet<>();
    for (RunResults shard : shards) {
      if (!shard.scenario().equals(first.scenario())) {
        throw new ReportException("cannot merge different scenarios: " + first.scenario() + " and " + shard.scenario());
      }
      if (!shard.target().equals(first.target())) {
        throw new ReportException("shards " + first.shards() + " and " + shard.shards() + " of " + shard.scenario()
            + " played different targets: " + endpoints(first.target()) + " and " + endpoints(shard.target())
            + "; merge the shards of one run only");
      }
      if (!expectationsOf(shard).equals(expectationsOf(first))) {
        throw new ReportException("shards " + first.shards() + " and " + shard.shards() + " of " + shard.scenario()
            + " expect different things: were they played from different versions of the scenario?");
      }
      if (shard.shards().isEmpty()) {
        throw new ReportException("results of " + shard.scenario() + " without a shard cover the whole fleet:"
            + " there is nothing to merge them with");
      }
      for (String part : shard.shards().split(",")) {
        RunResults before = byShard.put(part, shard);
        if (before != null) {
          throw new ReportException("shard " + part + " of " + shard.scenario() + " is in the results twice");
        }
        shardCounts.add(part.substring(part.indexOf('/') + 1));
      }
    }
    if (shardCounts.size() > 1) {
      throw new ReportException("the shards of " + first.scenario() + " split the fleet differently: "
          + String.join(",", byShard.keySet().stream().sorted().toList()));
    }
  }

  /** "the embedded mock gateway (authorization URL A, revocation URL R)": the target with the URLs describe() omits. */
  private static String endpoints(RunResults.TargetFacts target) {
    return target.describe() + " (authorization URL " + target.authorizationUrl() + ", revocation URL "
        + target.revokeUrl() + ")";
  }

  private static List<List<Object>> expectationsOf(RunResults results) {
    return results.expectations().stream()
        .map(e -> Arrays.<Object>asList(e.line(), e.metric(), e.group(), e.users(), e.fromSeconds(), e.toSeconds(),
            e.statistic(), e.event(), e.min(), e.max()))
        .toList();
  }

  /** 1 for "1/4", and for "1/4,3/4" (a merge's): shards sort by their first part. */
  private static int shardIndex(String shard) {
    int slash = shard.indexOf('/');
    try {
      return slash < 0 ? -1 : Integer.parseInt(shard.substring(0, slash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<GroupResult> groups(List<RunResults> shards) {
    Map<String, GroupResult> byName = new LinkedHashMap<>();
    for (RunResults shard : shards) {
      for (GroupResult group : shard.groups()) {
        byName.merge(group.name(), group, (a, b) -> new GroupResult(a.name(), a.application(), a.tokenType(),
            a.deviceScope(), a.devices() + b.devices(), a.counts().plus(b.counts()), a.latency().plus(b.latency())));
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * The shards' shortfalls, per group: the devices that never signed in added up; a group that made
   * no call on some shard stays short only if it made none on any.
   */
  private static List<Shortfall> shortfalls(List<RunResults> shards, List<GroupResult> groups) {
    Map<String, Shortfall> byKind = new LinkedHashMap<>();
    for (RunResults shard : shards) {
      for (Shortfall shortfall : shard.shortfalls()) {
        byKind.merge(shortfall.kind() + " " + shortfall.group(), shortfall, (a, b) -> new Shortfall(a.kind(),
            a.group(), a.devices() + b.devices(), 0, a.callsDue() + b.callsDue(), a.example(), a.reason()));
      }
    }
    List<Shortfall> merged = new ArrayList<>();
    for (Shortfall shortfall : byKind.values()) {
      GroupResult group = groups.stream().filter(candidate -> candidate.name().equals(shortfall.group())).findFirst()
          .orElse(null);
      long groupDevices = group == null ? shortfall.groupDevices() : group.devices();
      if (shortfall.kind().equals(Shortfall.NO_CALLS) && group != null && group.counts().calls() > 0) continue;
      merged.add(new Shortfall(shortfall.kind(), shortfall.group(), shortfall.devices(), groupDevices,
          shortfall.callsDue(), shortfall.example(), shortfall.reason()));
    }
    return merged;
  }

  private static List<SecondCounts> seconds(List<RunResults> shards) {
    Map<Integer, SecondCounts> bySecond = new TreeMap<>();
    for (RunResults shard : shards) {
      for (SecondCounts second : shard.seconds()) {
        bySecond.merge(second.second(), second, (a, b) -> new SecondCounts(a.second(), a.calls() + b.calls(),
            a.unauthorized() + b.unauthorized(), a.recoveries() + b.recoveries(),
            a.tokenRequests() + b.tokenRequests(), a.rejectedTokenRequests() + b.rejectedTokenRequests(),
            a.unansweredTokenRequests() + b.unansweredTokenRequests(), a.failures() + b.failures(),
            a.prompts() + b.prompts()));
      }
    }
    return List.copyOf(bySecond.values());
  }

  /** Every shard plays the scenario's events: the same mark from two shards is shown once. */
  private static List<EventMark> events(List<RunResults> shards) {
    Map<String, EventMark> distinct = new LinkedHashMap<>();
    for (RunResults shard : shards) {
      for (EventMark event : shard.events()) {
        String key = Math.round(event.atSeconds() * 10) + " " + event.kind() + " " + event.description();
        distinct.putIfAbsent(key, event);
      }
    }
    List<EventMark> events = new ArrayList<>(distinct.values());
    events.sort(Comparator.comparingDouble(EventMark::atSeconds));
    return events;
  }

  private static List<DeviceResult> devices(List<RunResults> shards) throws ReportException {
    List<DeviceResult> devices = new ArrayList<>();
    shards.forEach(shard -> devices.addAll(shard.devices()));
    devices.sort(Comparator.comparing(DeviceResult::id, NaturalOrder.INSTANCE));
    for (int i = 1; i < devices.size(); i++) {
      if (devices.get(i).id().equals(devices.get(i - 1).id())) {
        throw new ReportException("device " + devices.get(i).id() + " is in more than one shard");
      }
    }
    return devices;
  }
}

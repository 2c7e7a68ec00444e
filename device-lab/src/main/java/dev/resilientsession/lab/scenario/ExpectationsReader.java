package dev.resilientsession.lab.scenario;

import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@code [[expect]]}: what must hold at the end of the run. */
final class ExpectationsReader {
  private static final Set<String> KEYS = Set.of("metric", "group", "users", "min", "max", "equals", "from", "to",
      "statistic", "event");
  /** The keys only some metrics take; {@link Metric#takes()} says which. */
  private static final Set<String> PARAMETERS = Set.of("from", "to", "statistic", "event");

  private ExpectationsReader() {
  }

  /**
   * The expectations, each one the file gets wrong left out, its mistakes kept in {@code problems}.
   *
   * @param passwordsChange whether some event changes a password, read or not
   * @param eventNames every event named, including those the file gets wrong
   * @param duration the scenario's, or null when it could not be read: windows then go unchecked against it
   */
  static List<Expectation> read(Section root, Selections selections, boolean passwordsChange, Set<String> eventNames,
      @Nullable Duration duration, Problems problems) throws ScenarioException {
    List<Expectation> expectations = new ArrayList<>();
    for (Section expect : root.tables("expect")) {
      problems.check(() -> expect.allowOnly(KEYS));
      Expectation expectation = problems.read(() -> expectation(expect, selections, passwordsChange, eventNames,
          duration));
      if (expectation != null) expectations.add(expectation);
    }
    return expectations;
  }

  private static Expectation expectation(Section expect, Selections selections, boolean passwordsChange,
      Set<String> eventNames, @Nullable Duration duration) throws ScenarioException {
    Metric metric = metric(expect);
    checkParameters(expect, metric);
    String group = selections.group(expect);
    Users users = users(expect);
    if (users != Users.ALL && !passwordsChange) {
      throw expect.error("users", "no change_password event changes a password, so " + users.toml() + " means nobody");
    }
    Duration from = window(expect, "from", duration);
    Duration to = window(expect, "to", duration);
    if (from != null && to != null && from.compareTo(to) >= 0) {
      throw expect.error("to", DurationText.format(to) + " is not after from, " + DurationText.format(from));
    }
    Statistic statistic = statistic(expect);
    String event = event(expect, eventNames);
    Double min = bound(expect, "min");
    Double max = bound(expect, "max");
    if (expect.has("equals")) {
      for (String key : List.of("min", "max")) {
        if (expect.has(key)) throw expect.error(key, "equals is min and max already; give one or the other");
      }
      min = bound(expect, "equals");
      max = min;
    }
    if (min == null && max == null) throw expect.error("needs a bound: min, max or equals");
    if (min != null && max != null && min > max) throw expect.error("min", "is more than max");
    return new Expectation(metric, group, users, from, to, statistic, event, min, max, expect.line());
  }

  private static Metric metric(Section expect) throws ScenarioException {
    String name = expect.string("metric");
    for (Metric metric : Metric.values()) {
      if (metric.toml().equals(name)) return metric;
    }
    String known = Arrays.stream(Metric.values()).map(Metric::toml).collect(Collectors.joining(", "));
    if (name == null) throw expect.error("metric", "required: one of " + known);
    throw expect.error("metric", "unknown metric \"" + name + "\" (known: " + known + ")");
  }

  /** A metric takes its own keys, needs its statistic and event, and takes no other metric's. */
  private static void checkParameters(Section expect, Metric metric) throws ScenarioException {
    for (String key : PARAMETERS) {
      if (expect.has(key) && !metric.takes().contains(key)) {
        throw expect.error(key, metric.toml() + " takes no '" + key + "' (" + takers(key) + ")");
      }
    }
    for (String key : List.of("statistic", "event")) {
      if (metric.takes().contains(key) && !expect.has(key)) {
        throw expect.error(key, "required for " + metric.toml() + (key.equals("statistic")
            ? ": max, mean, or a percentile such as p99" : ": the name of the event, as its [[events]] name gives it"));
      }
    }
  }

  /** "from is for token_requests_per_device and peak_token_rate". */
  private static String takers(String key) {
    List<String> takers = Arrays.stream(Metric.values()).filter(metric -> metric.takes().contains(key))
        .map(Metric::toml).toList();
    String last = takers.get(takers.size() - 1);
    return key + " is for " + (takers.size() == 1 ? last
        : String.join(", ", takers.subList(0, takers.size() - 1)) + " and " + last);
  }

  private static Users users(Section expect) throws ScenarioException {
    String name = expect.string("users");
    if (name == null) return Users.ALL;
    for (Users users : Users.values()) {
      if (users.toml().equals(name)) return users;
    }
    throw expect.error("users", "must be \"all\", \"password_changed\" or \"password_unchanged\", was \"" + name + "\"");
  }

  /** An offset from the timeline's start, within it. */
  private static @Nullable Duration window(Section expect, String key, @Nullable Duration duration)
      throws ScenarioException {
    Duration offset = expect.duration(key);
    if (offset != null && duration != null && offset.compareTo(duration) > 0) {
      throw expect.error(key, DurationText.format(offset) + " is beyond the scenario's duration, "
          + DurationText.format(duration));
    }
    return offset;
  }

  private static @Nullable Statistic statistic(Section expect) throws ScenarioException {
    String text = expect.string("statistic");
    if (text == null) return null;
    Statistic statistic = Statistic.parse(text);
    if (statistic == null) {
      throw expect.error("statistic", "must be \"max\", \"mean\" or a percentile such as \"p99\" (p0.001 to p100),"
          + " was \"" + text + "\"");
    }
    return statistic;
  }

  private static @Nullable String event(Section expect, Set<String> names) throws ScenarioException {
    String name = expect.string("event");
    if (name == null) return null;
    if (names.contains(name)) return name;
    if (names.isEmpty()) {
      throw expect.error("event", "no event is named \"" + name + "\": give the event name = \"" + name + "\"");
    }
    throw expect.error("event", "no event is named \"" + name + "\"; named events are "
        + String.join(", ", new TreeSet<>(names)));
  }

  private static Double bound(Section expect, String key) throws ScenarioException {
    Double value = expect.number(key);
    if (value != null && value < 0) throw expect.error(key, "must not be negative: metrics count things");
    return value;
  }
}

package dev.resilientsession.lab.scenario;

import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code [[expect]]}: what must hold at the end of the run. */
final class ExpectationsReader {
  private static final Set<String> KEYS = Set.of("metric", "group", "users", "min", "max", "equals");

  private ExpectationsReader() {
  }

  static List<Expectation> read(Section root, Selections selections, List<Event> events) throws ScenarioException {
    boolean passwordsChange = events.stream().anyMatch(event -> event.kind() == Event.Kind.CHANGE_PASSWORD);
    List<Expectation> expectations = new ArrayList<>();
    for (Section expect : root.tables("expect")) {
      expect.allowOnly(KEYS);
      Metric metric = metric(expect);
      String group = selections.group(expect);
      Users users = users(expect);
      if (users != Users.ALL && !passwordsChange) {
        throw expect.error("users", "no change_password event changes a password, so " + users.toml() + " means nobody");
      }
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
      expectations.add(new Expectation(metric, group, users, min, max, expect.line()));
    }
    return expectations;
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

  private static Users users(Section expect) throws ScenarioException {
    String name = expect.string("users");
    if (name == null) return Users.ALL;
    for (Users users : Users.values()) {
      if (users.toml().equals(name)) return users;
    }
    throw expect.error("users", "must be \"all\", \"password_changed\" or \"password_unchanged\", was \"" + name + "\"");
  }

  private static Double bound(Section expect, String key) throws ScenarioException {
    Double value = expect.number(key);
    if (value != null && value < 0) throw expect.error(key, "must not be negative: metrics count things");
    return value;
  }
}

package dev.resilientsession.lab.scenario;

import static dev.resilientsession.lab.scenario.Event.Kind.ADVANCE_CLOCK;
import static dev.resilientsession.lab.scenario.Event.Kind.API_FAULT;
import static dev.resilientsession.lab.scenario.Event.Kind.BURST;
import static dev.resilientsession.lab.scenario.Event.Kind.CALL;
import static dev.resilientsession.lab.scenario.Event.Kind.CHANGE_PASSWORD;
import static dev.resilientsession.lab.scenario.Event.Kind.NOTE;
import static dev.resilientsession.lab.scenario.Event.Kind.OFFLINE;
import static dev.resilientsession.lab.scenario.Event.Kind.REVOKE_USER;
import static dev.resilientsession.lab.scenario.Event.Kind.SHOW_TOKENS;
import static dev.resilientsession.lab.scenario.Event.Kind.SIGN_IN;
import static dev.resilientsession.lab.scenario.Event.Kind.SIGN_OUT;
import static dev.resilientsession.lab.scenario.Event.Kind.TOKEN_FAULT;

import dev.resilientsession.lab.scenario.Event.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@code [[events]]}: the timeline, each event checked against the keys its kind takes. */
final class EventsReader {
  static final int MAX_COUNT = 10_000;
  private static final Set<String> KEYS = Set.of("name", "at", "do", "group", "users", "device", "count", "for",
      "by", "fault", "retry_after", "status", "capacity", "password", "text");
  /** What every kind takes. */
  private static final Set<String> COMMON = Set.of("name", "at", "do");
  private static final Set<String> FAULT_KEYS = Set.of("fault", "count", "for", "retry_after", "status", "capacity");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");
  /** The keys each kind takes besides {@code at} and {@code do}. */
  private static final Map<Kind, Set<String>> TAKES = new EnumMap<>(Map.ofEntries(
      Map.entry(SIGN_IN, Set.of("group", "users", "device")),
      Map.entry(SIGN_OUT, Set.of("group", "users", "device")),
      Map.entry(CALL, Set.of("group", "users", "device", "count")),
      Map.entry(BURST, Set.of("group", "users", "device", "count")),
      Map.entry(OFFLINE, Set.of("group", "users", "device", "for")),
      Map.entry(CHANGE_PASSWORD, Set.of("users", "password")),
      Map.entry(REVOKE_USER, Set.of("users")),
      Map.entry(ADVANCE_CLOCK, Set.of("by")),
      Map.entry(TOKEN_FAULT, FAULT_KEYS),
      Map.entry(API_FAULT, FAULT_KEYS),
      Map.entry(SHOW_TOKENS, Set.of()),
      Map.entry(NOTE, Set.of("text"))));
  private static final Map<Kind, String> REQUIRES = Map.of(OFFLINE, "for", ADVANCE_CLOCK, "by",
      TOKEN_FAULT, "fault", API_FAULT, "fault", NOTE, "text");

  /** Null when the file's duration could not be read: an event's at then goes unchecked against it. */
  private final @Nullable Duration duration;
  private final Selections selections;
  /** The events named so far, and the lines they are named on. */
  private final Map<String, Integer> names = new HashMap<>();
  private @Nullable Section lastTimed;
  private @Nullable Duration lastAt;

  private EventsReader(@Nullable Duration duration, Selections selections) {
    this.duration = duration;
    this.selections = selections;
  }

  /**
   * The timeline, each event the file gets wrong left out, its mistakes kept in {@code problems};
   * its name, when readable, still goes into {@code named}, so that expectations naming it are not
   * refused too.
   */
  static List<Event> read(Section root, @Nullable Duration duration, Selections selections, Problems problems,
      Set<String> named) throws ScenarioException {
    EventsReader reader = new EventsReader(duration, selections);
    List<Event> events = new ArrayList<>();
    try {
      for (Section section : root.tables("events")) {
        problems.check(() -> section.allowOnly(KEYS));
        Event event = problems.read(() -> reader.event(section));
        if (event != null) events.add(event);
      }
    } finally {
      named.addAll(reader.names.keySet());
    }
    return events;
  }

  private Event event(Section event) throws ScenarioException {
    String name = name(event);
    Kind kind = kind(event);
    for (String key : event.keys()) {
      if (KEYS.contains(key) && !COMMON.contains(key) && !TAKES.get(kind).contains(key)) {
        throw event.error(key, kind.toml() + " takes no '" + key + "' (it takes " + takes(kind) + ")");
      }
    }
    String required = REQUIRES.get(kind);
    if (required != null && !event.has(required)) throw event.missing(required);
    Duration at = at(event);
    if (kind == TOKEN_FAULT || kind == API_FAULT) return FaultReader.read(event, kind, name, at);
    Duration span = event.positiveDuration(kind == ADVANCE_CLOCK ? "by" : "for");
    int count = event.integer("count", 1, MAX_COUNT, kind == BURST ? 10 : kind == CALL ? 1 : 0);
    String text = kind == NOTE ? event.requiredString("text") : kind == CHANGE_PASSWORD ? newPassword(event) : null;
    return new Event(name, at, kind, selections.of(event), span, count, null, null, null, null, text, event.line());
  }

  /** An expectation's handle on the event: unique, in the characters group names use. */
  private @Nullable String name(Section event) throws ScenarioException {
    if (!event.has("name")) return null;
    String name = event.requiredString("name");
    if (!NAME.matcher(name).matches()) {
      throw event.error("name", "must be lower-case letters, digits, '_' and '-', was \"" + name + "\"");
    }
    Integer before = names.putIfAbsent(name, event.line());
    if (before != null) throw event.error("name", "\"" + name + "\" names the event on line " + before + " already");
    return name;
  }

  private static Kind kind(Section event) throws ScenarioException {
    String name = event.string("do");
    if (name == null) throw event.error("do", "required: one of " + kinds());
    for (Kind kind : Kind.values()) {
      if (kind.toml().equals(name)) return kind;
    }
    throw event.error("do", "unknown event \"" + name + "\" (known: " + kinds() + ")");
  }

  /** Checks {@code at} is within the timeline and not before an earlier event's. */
  private @Nullable Duration at(Section event) throws ScenarioException {
    Duration at = event.duration("at");
    if (at == null) return null;
    if (duration != null && at.compareTo(duration) > 0) {
      throw event.error("at", DurationText.format(at) + " is beyond the scenario's duration, "
          + DurationText.format(duration));
    }
    if (lastAt != null && at.compareTo(lastAt) < 0) {
      throw event.error("at", DurationText.format(at) + " is before " + DurationText.format(lastAt) + ", the at of "
          + lastTimed.name() + " (line " + lastTimed.line() + "); list events in the order they happen");
    }
    lastAt = at;
    lastTimed = event;
    return at;
  }

  private static String newPassword(Section event) throws ScenarioException {
    String pattern = event.has("password") ? event.requiredString("password") : "{name}-new";
    return NamePattern.check(event, "password", pattern, Set.of("name", "n"));
  }

  private static String takes(Kind kind) {
    Set<String> keys = new TreeSet<>(TAKES.get(kind));
    keys.addAll(COMMON);
    return String.join(", ", keys);
  }

  private static String kinds() {
    return Arrays.stream(Kind.values()).map(Kind::toml).collect(Collectors.joining(", "));
  }
}

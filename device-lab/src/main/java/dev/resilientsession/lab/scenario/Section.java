package dev.resilientsession.lab.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of a scenario file, such as {@code [scenario]} or {@code events[2]}, read key by key:
 * a missing, unknown or ill-typed key is a {@link ScenarioException} naming the file, the line and
 * the key.
 */
final class Section {
  private final String source;
  private final TomlTable table;
  private final String name;
  private final int line;

  /**
   * @param name how messages call the table ("events[2]"), empty for the file's root
   * @param line where the table starts, for errors about a key it lacks
   */
  Section(String source, TomlTable table, String name, int line) {
    this.source = source;
    this.table = table;
    this.name = name;
    this.line = line;
  }

  TomlTable toml() {
    return table;
  }

  String name() {
    return name;
  }

  int line() {
    return line;
  }

  boolean has(String key) {
    return table.contains(List.of(key));
  }

  /** The key as messages name it: "events[2].at". */
  String path(String key) {
    return name.isEmpty() ? key : name + "." + key;
  }

  /** Refuses every key not {@code known}, each one a mistake of its own. */
  void allowOnly(Set<String> known) throws ScenarioException {
    List<String> unknown = new ArrayList<>();
    for (String key : table.keySet()) {
      if (!known.contains(key)) {
        unknown.add(error(key, "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")").getMessage());
      }
    }
    if (!unknown.isEmpty()) throw new ScenarioException(unknown);
  }

  Set<String> keys() {
    return table.keySet();
  }

  /** Whether {@code key} is there and a string. */
  boolean hasString(String key) {
    return has(key) && table.isString(List.of(key));
  }

  @Nullable String string(String key) throws ScenarioException {
    if (!has(key)) return null;
    if (!table.isString(List.of(key))) throw error(key, "must be a string");
    return table.getString(List.of(key));
  }

  /** A string that is there and not blank. */
  String requiredString(String key) throws ScenarioException {
    String value = string(key);
    if (value == null) throw missing(key);
    if (value.isBlank()) throw error(key, "must not be empty");
    return value;
  }

  @Nullable Long integer(String key) throws ScenarioException {
    if (!has(key)) return null;
    if (!table.isLong(List.of(key))) throw error(key, "must be a whole number");
    return table.getLong(List.of(key));
  }

  /** A whole number from {@code min} to {@code max}, or {@code absent} when the key is not there. */
  int integer(String key, int min, int max, int absent) throws ScenarioException {
    Long value = integer(key);
    if (value == null) return absent;
    if (value < min || value > max) throw error(key, "must be " + min + " to " + max + ", was " + value);
    return value.intValue();
  }

  boolean bool(String key, boolean absent) throws ScenarioException {
    if (!has(key)) return absent;
    if (!table.isBoolean(List.of(key))) throw error(key, "must be true or false");
    return table.getBoolean(List.of(key));
  }

  /** A finite number, whole or not. */
  @Nullable Double number(String key) throws ScenarioException {
    if (!has(key)) return null;
    Object value = table.get(List.of(key));
    if (value instanceof Long) return ((Long) value).doubleValue();
    if (value instanceof Double && Double.isFinite((Double) value)) return (Double) value;
    throw error(key, "must be a finite number");
  }

  /** A duration that is not negative, such as "5s" or "PT1H". */
  @Nullable Duration duration(String key) throws ScenarioException {
    if (!has(key)) return null;
    if (!table.isString(List.of(key))) throw error(key, "must be a duration in quotes, such as \"5s\"");
    String text = table.getString(List.of(key));
    Duration duration = DurationText.parse(text);
    if (duration == null) {
      throw error(key, "must be a duration such as \"500ms\", \"5s\", \"2m\", \"1h\" or \"PT1H\", was \"" + text + "\"");
    }
    if (duration.isNegative()) throw error(key, "must not be negative, was \"" + text + "\"");
    return duration;
  }

  /** A duration longer than zero. */
  @Nullable Duration positiveDuration(String key) throws ScenarioException {
    Duration duration = duration(key);
    if (duration != null && duration.isZero()) throw error(key, "must be longer than zero");
    return duration;
  }

  @Nullable Section table(String key) throws ScenarioException {
    if (!has(key)) return null;
    if (!table.isTable(List.of(key))) throw error(key, "must be a table ([" + path(key) + "])");
    return new Section(source, table.getTable(List.of(key)), path(key), lineOf(key));
  }

  /** The tables of {@code [[key]]}, named "key[0]", "key[1]"...; empty when there are none. */
  List<Section> tables(String key) throws ScenarioException {
    List<Section> sections = new ArrayList<>();
    if (!has(key)) return sections;
    TomlArray array = table.isArray(List.of(key)) ? table.getArray(List.of(key)) : null;
    if (array == null || !allTables(array)) throw error(key, "must be an array of tables ([[" + path(key) + "]])");
    for (int i = 0; i < array.size(); i++) {
      sections.add(new Section(source, array.getTable(i), path(key) + "[" + i + "]", lineOf(array, i)));
    }
    return sections;
  }

  @Nullable TomlArray array(String key) throws ScenarioException {
    if (!has(key)) return null;
    if (!table.isArray(List.of(key))) throw error(key, "must be an array");
    return table.getArray(List.of(key));
  }

  @Nullable Object value(String key) {
    return table.get(List.of(key));
  }

  /** An error about {@code key}, at its line, or at the table's when the key is not there. */
  ScenarioException error(String key, String reason) {
    int at = has(key) ? lineOf(key) : line;
    return new ScenarioException(source + ":" + at + ": " + path(key) + ": " + reason);
  }

  /** An error about an element of the array {@code key}, at the element's line. */
  ScenarioException error(String key, TomlArray array, int index, String reason) {
    return new ScenarioException(source + ":" + lineOf(array, index) + ": " + path(key) + "[" + index + "]: " + reason);
  }

  /** An error about the table as a whole, at its first line. */
  ScenarioException error(String reason) {
    return new ScenarioException(source + ":" + line + ": " + name + ": " + reason);
  }

  ScenarioException missing(String key) {
    return error(key, "required");
  }

  private static boolean allTables(TomlArray array) {
    for (int i = 0; i < array.size(); i++) {
      if (!array.isTable(i)) return false;
    }
    return true;
  }

  private int lineOf(String key) {
    TomlPosition position = table.inputPositionOf(List.of(key));
    return position != null ? position.line() : line;
  }

  private int lineOf(TomlArray array, int index) {
    TomlPosition position = array.inputPositionOf(index);
    return position != null ? position.line() : line;
  }
}

package dev.resilientsession.lab.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Durations as scenario files write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT1H}. */
final class DurationText {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {
  }

  /** The duration {@code text} says, or null when it is not one. */
  static @Nullable Duration parse(String text) {
    Matcher matcher = WITH_UNIT.matcher(text.strip());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms": return Duration.ofMillis(amount);
        case "s": return Duration.ofSeconds(amount);
        case "m": return Duration.ofMinutes(amount);
        default: return Duration.ofHours(amount);
      }
    }
    try {
      Duration duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      duration.toMillis(); // what the lab counts in; beyond it, it is no duration a run could have
      return duration;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** The way a scenario file would write it, for messages: "1500ms", "40s", "2m", "1h". */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis != 0) return millis / 3_600_000 + "h";
    if (millis % 60_000 == 0 && millis != 0) return millis / 60_000 + "m";
    if (millis % 1_000 == 0) return millis / 1_000 + "s";
    return millis + "ms";
  }
}

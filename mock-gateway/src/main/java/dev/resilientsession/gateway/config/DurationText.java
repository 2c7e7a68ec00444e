package dev.resilientsession.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as the mock's config file and its {@code /admin} controls write it: a whole number
 * and a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code "900s"}). Public only so that
 * the gateway's own packages share it; not for users of the mock.
 */
public final class DurationText {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {
  }

  /** The duration {@code text} says, or null when it is not a number with a unit. */
  public static Duration parse(String text) {
    Matcher matcher = WITH_UNIT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) return null;
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms": return Duration.ofMillis(amount);
      case "s": return Duration.ofSeconds(amount);
      case "m": return Duration.ofMinutes(amount);
      default: return Duration.ofHours(amount);
    }
  }
}

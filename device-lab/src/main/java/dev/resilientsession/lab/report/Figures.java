package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the reports write numbers: whole numbers as such, others with at most two decimals. */
final class Figures {
  private Figures() {
  }

  static String number(double value) {
    if (!Double.isFinite(value)) return Double.toString(value);
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1f s", value);
  }

  /** "at most 1", "at least 2", "between 1 and 3", "exactly 0". */
  static String bounds(ExpectationResult expectation) {
    @Nullable Double min = expectation.min();
    @Nullable Double max = expectation.max();
    if (min != null && min.equals(max)) return "exactly " + number(min);
    if (min != null && max != null) return "between " + number(min) + " and " + number(max);
    if (min != null) return "at least " + number(min);
    if (max != null) return "at most " + number(max);
    return "anything";
  }
}

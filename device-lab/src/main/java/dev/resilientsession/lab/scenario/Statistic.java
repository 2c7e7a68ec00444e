package dev.resilientsession.lab.scenario;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a number measured per device becomes one number for the fleet: the largest, the mean, or a
 * percentile such as {@code p99}, the value 99% of the devices are at or below (nearest rank).
 * Scenario files write it as {@code "max"}, {@code "mean"} or {@code "p99"} ({@code "p99.9"}).
 */
public final class Statistic {
  public static final Statistic MAX = new Statistic("max", 100);
  public static final Statistic MEAN = new Statistic("mean", Double.NaN);

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,3})?)");

  private final String toml;
  /** From above 0 to 100; NaN for the mean. */
  private final double percent;

  private Statistic(String toml, double percent) {
    this.toml = toml;
    this.percent = percent;
  }

  /** The statistic {@code text} names, or null when it names none. */
  public static @Nullable Statistic parse(String text) {
    if (text.equals(MAX.toml)) return MAX;
    if (text.equals(MEAN.toml)) return MEAN;
    Matcher matcher = PERCENTILE.matcher(text);
    if (!matcher.matches()) return null;
    double percent = Double.parseDouble(matcher.group(1));
    if (percent <= 0 || percent > 100) return null;
    return new Statistic("p" + new BigDecimal(matcher.group(1)).stripTrailingZeros().toPlainString(), percent);
  }

  /** As scenario files write it: "max", "mean", "p99". */
  public String toml() {
    return toml;
  }

  /**
   * This statistic of {@code values}, one per device; 0 when there are none. A device that never
   * got there counts as {@link Double#POSITIVE_INFINITY}, and the answer is infinite when the
   * statistic reaches it: the mean of any, p99 when more than 1% of the devices never got there.
   */
  public double of(double[] values) {
    if (values.length == 0) return 0;
    if (Double.isNaN(percent)) {
      double sum = 0;
      for (double value : values) sum += value;
      return sum / values.length;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent * sorted.length / 100 - 1e-9);
    return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
  }

  @Override public boolean equals(Object other) {
    return other instanceof Statistic && ((Statistic) other).toml.equals(toml);
  }

  @Override public int hashCode() {
    return toml.hashCode();
  }

  @Override public String toString() {
    return toml;
  }
}

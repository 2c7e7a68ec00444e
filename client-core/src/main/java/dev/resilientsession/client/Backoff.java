package dev.resilientsession.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How token requests are retried when the token endpoint is unreachable, overloaded (429) or
 * failing (5xx): exponential delays with jitter, honouring {@code Retry-After} up to the largest
 * delay. OAuth errors are never retried.
 */
public final class Backoff {
  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;

  private Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
  }

  /** {@code maxAttempts} tries in all, waiting {@code initialDelay}, doubling, capped at {@code maxDelay}. */
  public static Backoff exponential(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new Backoff(maxAttempts, Objects.requireNonNull(initialDelay), Objects.requireNonNull(maxDelay));
  }

  /** The default: 4 tries, 250 ms then doubling, at most 4 s between tries. */
  public static Backoff defaults() {
    return new Backoff(4, Duration.ofMillis(250), Duration.ofSeconds(4));
  }

  /** One try, no retry. */
  public static Backoff none() {
    return new Backoff(1, Duration.ZERO, Duration.ZERO);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The wait before try {@code attempt + 1} after try {@code attempt} (1-based) failed: a random
   * point in the upper half of the exponential delay, or {@code retryAfter} when the server sent one.
   * Null when the server asked for a longer wait than {@link #maxDelay()}: better to fail now.
   */
  Duration delayAfter(int attempt, Duration retryAfter) {
    if (retryAfter != null) return retryAfter.compareTo(maxDelay) <= 0 ? retryAfter : null;
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : capped % 2);
    return Duration.ofMillis(jittered);
  }

  @Override public String toString() {
    return "Backoff{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + "}";
  }
}

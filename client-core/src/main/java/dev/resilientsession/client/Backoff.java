package dev.resilientsession.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How token requests are retried when the token endpoint is unreachable, overloaded (429), failing
 * (5xx) or answering with something that is not OAuth: exponential delays with jitter. The schedule
 * spans calls: while a delay runs, every call that meets a 401 takes it at once instead of asking
 * again, so an outage costs the endpoint the schedule's requests, not one round per call. A
 * {@code Retry-After} replaces the delay, however long it is. OAuth errors are never retried.
 */
public final class Backoff {
  /**
   * After a call's last try failed, the next call waits at least this long, whatever the schedule:
   * the late 401s of a storm whose recovery failed must not each ask again.
   */
  static final Duration MIN_WINDOW = Duration.ofSeconds(1);

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

  /** One try per call, no retry; the next call may try again after {@link #MIN_WINDOW one second}. */
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
   * The wait after the {@code failures}-th failed try in a row (1-based): a random point in the upper
   * half of the exponential delay.
   */
  Duration delayAfter(int failures) {
    long base = initialDelay.toMillis() << Math.min(failures - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : capped % 2);
    return Duration.ofMillis(jittered);
  }

  @Override public String toString() {
    return "Backoff{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + "}";
  }
}

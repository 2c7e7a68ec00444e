package dev.resilientsession.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a session spends token requests while the token endpoint is unreachable, overloaded (429),
 * failing (5xx) or answering with something that is not OAuth.
 *
 * <p>The call that first meets a failure tries up to {@link #maxAttempts()} times, a short wait
 * apart, so that a blip never reaches the user. If those fail, an outage is known: the session
 * then sends one token request per window, and every call in between takes its 401 at once with
 * {@link SessionWarning#RECOVERY_DEFERRED} instead of blocking. Each failure in a row doubles the
 * window, from {@code initialDelay} up to {@code maxDelay}, with jitter so that a fleet that lost
 * its tokens together does not ask together. A {@code Retry-After} sets the window instead,
 * however long it is. The first answer that is not for now (a token, or an OAuth error) ends the
 * outage. OAuth errors are never retried.
 *
 * <p>The growing window is the session's retry budget: an outage of {@code T} costs the endpoint
 * about {@code log2(maxDelay / initialDelay) + T / maxDelay} requests per device, whatever the app
 * calls, and a device is back within about {@code maxDelay} of the endpoint's return.
 */
public final class Backoff {
  /**
   * After a call's last try failed, the next try waits at least this long, whatever the schedule:
   * the late 401s of a storm whose recovery failed must not each ask again.
   */
  static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  /** A call sleeps between its tries only for waits this short; a longer one becomes a window. */
  static final Duration MAX_WAIT_IN_CALL = Duration.ofSeconds(4);

  /** Jitter takes a window anywhere in its last quarter: spread enough, never much shorter. */
  private static final double JITTER = 0.25;

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

  /**
   * {@code maxAttempts} tries in the call that first meets a failure, {@code initialDelay} apart;
   * then one try per window, the window doubling after each failure up to {@code maxDelay}.
   */
  public static Backoff exponential(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return new Backoff(maxAttempts, Objects.requireNonNull(initialDelay), Objects.requireNonNull(maxDelay));
  }

  /**
   * The default: 2 tries 1 s apart, then windows of 2, 4, 8 and at most 15 s. The cap is what a
   * device may lag behind the endpoint's return; 15 s keeps 99% of a fleet back within 20 s of
   * the heal while a 90 s outage costs at most 10 requests per device (measured with the
   * device-lab's {@code scenarios/long-outage.toml}).
   */
  public static Backoff defaults() {
    return new Backoff(2, Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  /** One try per call, no retry; the next call may try again after {@link #MIN_WINDOW one second}. */
  public static Backoff none() {
    return new Backoff(1, Duration.ZERO, Duration.ZERO);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  /** The longest window between two tries while no {@code Retry-After} says otherwise. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The window after the {@code failures}-th failed try in a row (1-based), jittered. */
  Duration delayAfter(int failures) {
    long base = initialDelay.toMillis() << Math.min(failures - 1, 20);
    return jittered(Math.min(base, maxDelay.toMillis()));
  }

  /** The window a {@code Retry-After} asks for, stretched by the jitter so that a fleet does not return at once. */
  static Duration afterRetryAfter(Duration retryAfter) {
    long asked = retryAfter.toMillis();
    return Duration.ofMillis(asked + (asked > 0 ? ThreadLocalRandom.current().nextLong((long) (asked * JITTER) + 1) : 0));
  }

  private static Duration jittered(long millis) {
    long spread = (long) (millis * JITTER);
    return Duration.ofMillis(millis - spread + (spread > 0 ? ThreadLocalRandom.current().nextLong(spread + 1) : 0));
  }

  @Override public String toString() {
    return "Backoff{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + "}";
  }
}

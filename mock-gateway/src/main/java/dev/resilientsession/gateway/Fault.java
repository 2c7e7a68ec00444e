package dev.resilientsession.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure QA injects into the gateway: the next {@code count} API calls or token requests are
 * throttled (429) or find the key manager down (503), so clients can prove they back off and keep
 * their session.
 */
public final class Fault {
  /** Where the fault strikes. */
  public enum Target { API, TOKEN }

  /** What the client sees. */
  public enum Kind {
    /** 429, WSO2 code 900800, with {@code Retry-After}. */
    THROTTLED,
    /** 503, WSO2 code 900900 (key validation backend down), with {@code Retry-After}. */
    UNAVAILABLE
  }

  /** {@link #count()} of a fault that lasts until cleared. */
  public static final int UNLIMITED = -1;

  private final Target target;
  private final Kind kind;
  private final int count;
  private final Duration retryAfter;

  private Fault(Target target, Kind kind, int count, Duration retryAfter) {
    this.target = Objects.requireNonNull(target, "target");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (count == 0 || count < UNLIMITED) throw new IllegalArgumentException("count must be positive: " + count);
    if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter is negative");
    this.count = count;
    this.retryAfter = retryAfter;
  }

  /** Strikes the next request to {@code target}; widen it with {@link #times} or {@link #untilCleared}. */
  public static Fault of(Target target, Kind kind) {
    return new Fault(target, kind, 1, Duration.ofSeconds(1));
  }

  public Fault times(int count) {
    return new Fault(target, kind, count, retryAfter);
  }

  public Fault untilCleared() {
    return new Fault(target, kind, UNLIMITED, retryAfter);
  }

  /** The {@code Retry-After} the response carries, in whole seconds. */
  public Fault retryAfter(Duration retryAfter) {
    return new Fault(target, kind, count, retryAfter);
  }

  public Target target() {
    return target;
  }

  public Kind kind() {
    return kind;
  }

  public int count() {
    return count;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override public String toString() {
    return "Fault{" + target + " " + kind + ", count=" + (count == UNLIMITED ? "unlimited" : count)
        + ", retryAfter=" + retryAfter.getSeconds() + "s}";
  }
}

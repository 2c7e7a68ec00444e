package dev.resilientsession.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * WSO2's account locking ({@code [identity_mgt.account_locking]}): after {@code maxFailedAttempts}
 * password grants with a wrong password in a row, the user is locked for {@code duration}, and
 * both the password and the refresh grant fail until it passes. Replaying a stale password is how
 * an app locks its own user out; this lets QA see it.
 */
public final class AccountLockout {
  private static final AccountLockout DISABLED = new AccountLockout(0, Duration.ZERO);

  private final int maxFailedAttempts;
  private final Duration duration;

  private AccountLockout(int maxFailedAttempts, Duration duration) {
    this.maxFailedAttempts = maxFailedAttempts;
    this.duration = duration;
  }

  /** No locking, the default. */
  public static AccountLockout disabled() {
    return DISABLED;
  }

  /** Locks a user for {@code duration} after {@code maxFailedAttempts} failed password grants in a row. */
  public static AccountLockout after(int maxFailedAttempts, Duration duration) {
    if (maxFailedAttempts < 1) throw new IllegalArgumentException("maxFailedAttempts must be at least 1");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive");
    return new AccountLockout(maxFailedAttempts, duration);
  }

  public boolean isEnabled() {
    return maxFailedAttempts > 0;
  }

  public int maxFailedAttempts() {
    return maxFailedAttempts;
  }

  public Duration duration() {
    return duration;
  }

  @Override public String toString() {
    return isEnabled() ? "AccountLockout{after " + maxFailedAttempts + " failures, for " + duration + "}"
        : "AccountLockout{disabled}";
  }
}

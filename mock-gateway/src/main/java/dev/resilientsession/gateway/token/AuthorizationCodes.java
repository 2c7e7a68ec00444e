package dev.resilientsession.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The authorization codes in flight: each is redeemed once, and a used code is remembered until it
 * expires so that a replay is recognised (and the tokens it bought revoked, as WSO2 does). Codes
 * live in memory only: they last minutes, and a restart costs a user one more sign-in at most.
 */
final class AuthorizationCodes {
  /** Expired codes are swept after this many new ones, so memory follows the codes in flight. */
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final Duration validity;
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  AuthorizationCodes(Clock clock, Duration validity) {
    this.clock = clock;
    this.validity = validity;
  }

  /** Stores a code for {@code authorization}, whose scopes were granted as {@code scopes}. */
  void put(String code, Authorization authorization, SortedSet<String> scopes) {
    Instant now = clock.instant();
    if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      sinceSweep.set(0);
      codes.values().removeIf(existing -> existing.expired(now));
    }
    codes.put(code, new Code(authorization, scopes, now.plus(validity)));
  }

  /** The code, or null when unknown or long expired. */
  Code get(String code) {
    return code == null ? null : codes.get(code);
  }

  int size() {
    return codes.size();
  }

  void clear() {
    codes.clear();
  }

  /** One code: what it stands for and whether it was used. Its mutable state is guarded by itself. */
  static final class Code {
    final Authorization authorization;
    final SortedSet<String> scopes;
    final Instant expiresAt;
    private boolean used;
    private boolean replayed;
    private boolean burnt;
    private String accessToken;

    Code(Authorization authorization, SortedSet<String> scopes, Instant expiresAt) {
      this.authorization = authorization;
      this.scopes = scopes;
      this.expiresAt = expiresAt;
    }

    /** WSO2 treats a code with less than a second left as expired. */
    boolean expired(Instant now) {
      return !now.plusSeconds(1).isBefore(expiresAt);
    }

    /** Marks the code used; false when it already was, which marks it replayed. */
    synchronized boolean redeem() {
      if (used) {
        replayed = true;
        return false;
      }
      used = true;
      return true;
    }

    /** Marks a code whose exchange failed: WSO2 revokes a code on every attempt, so it cannot be tried again. */
    synchronized void burn() {
      burnt = true;
    }

    /** True when the code was used by an exchange that succeeded (rather than burnt by one that failed). */
    synchronized boolean boughtSomething() {
      return !burnt;
    }

    /**
     * Records the access token the code bought; returns true when a replay came first, so the
     * token must be revoked.
     */
    synchronized boolean bought(String token) {
      accessToken = token;
      return replayed;
    }

    /** The access token the code bought; null while its exchange is still under way. */
    synchronized String accessToken() {
      return accessToken;
    }
  }
}

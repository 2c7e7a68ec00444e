package dev.resilientsession.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tokens a session holds, with their lifetime on the {@link Ticker}: when to renew them before
 * a call, and whether a 401 came early (revoked or displaced) or at the end of their life.
 */
final class HeldTokens {
  final StoredTokens stored;
  private final long renewAtNanos;
  private final long expiresAtNanos;
  /** {@code Bearer <access token>}, made once rather than on every call. */
  final String authorization;
  /**
   * True when the access token holds only the characters a header carries as they are (RFC 6750's
   * b64token and then some: visible ASCII), checked once so that calls need not check it again.
   */
  final boolean headerSafe;

  private HeldTokens(StoredTokens stored, long renewAtNanos, long expiresAtNanos) {
    this.stored = stored;
    this.renewAtNanos = renewAtNanos;
    this.expiresAtNanos = expiresAtNanos;
    this.authorization = "Bearer " + stored.accessToken();
    this.headerSafe = headerSafe(stored.accessToken());
  }

  /** Tokens just granted: their lifetime starts now. */
  static HeldTokens granted(TokenGrant grant, SignInMethod method, Instant now, long nowNanos, Duration refreshSkew) {
    Set<String> scopes = grant.scope == null || grant.scope.trim().isEmpty()
        ? Collections.emptySet() : new LinkedHashSet<>(Arrays.asList(grant.scope.trim().split("\\s+")));
    Duration lifetime = Duration.ofSeconds(grant.expiresIn);
    StoredTokens stored = new StoredTokens(grant.accessToken, grant.refreshToken, now, now.plus(lifetime), scopes,
        method);
    return at(stored, lifetime, lifetime, nowNanos, refreshSkew);
  }

  /** Tokens read from the store: only the wall clock knows how much life they have left. */
  static HeldTokens restored(StoredTokens stored, Instant now, long nowNanos, Duration refreshSkew) {
    Duration lifetime = Duration.between(stored.issuedAt(), stored.expiresAt());
    Duration left = Duration.between(now, stored.expiresAt());
    return at(stored, lifetime, left.isNegative() ? Duration.ZERO : left, nowNanos, refreshSkew);
  }

  private static HeldTokens at(StoredTokens stored, Duration lifetime, Duration left, long nowNanos,
      Duration refreshSkew) {
    // Renew skew before expiry, but never in the first three quarters of a short-lived token's life.
    Duration quarter = lifetime.dividedBy(4);
    Duration skew = refreshSkew.compareTo(quarter) < 0 ? refreshSkew : quarter;
    long expiresAt = nowNanos + left.toNanos();
    return new HeldTokens(stored, expiresAt - skew.toNanos(), expiresAt);
  }

  HeldTokens withoutRefreshToken() {
    return new HeldTokens(stored.withoutRefreshToken(), renewAtNanos, expiresAtNanos);
  }

  String accessToken() {
    return stored.accessToken();
  }

  SignInMethod signInMethod() {
    return stored.signInMethod();
  }

  String refreshToken() {
    return stored.refreshToken();
  }

  /** Due for renewal: inside the skew before expiry, or past it. Before this point a 401 came early. */
  boolean renewalDue(long nowNanos) {
    return nowNanos - renewAtNanos >= 0;
  }

  boolean expired(long nowNanos) {
    return nowNanos - expiresAtNanos >= 0;
  }

  /** Whether {@code token} holds only visible ASCII, which a header carries as it is. */
  static boolean headerSafe(String token) {
    if (token.isEmpty()) return false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') return false;
    }
    return true;
  }

  @Override public String toString() {
    return "HeldTokens{" + stored + "}";
  }
}

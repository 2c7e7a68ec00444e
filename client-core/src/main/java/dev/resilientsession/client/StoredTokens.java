package dev.resilientsession.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tokens a session holds: what a {@link TokenStore} persists. Never the password. Immutable;
 * {@link #toString()} shows no token.
 */
public final class StoredTokens {
  private final String accessToken;
  private final @Nullable String refreshToken;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Set<String> scopes;

  /**
   * @param refreshToken null when the gateway issued none.
   * @param issuedAt when this device received the token, by its own clock.
   */
  public StoredTokens(String accessToken, @Nullable String refreshToken, Instant issuedAt, Instant expiresAt,
      Set<String> scopes) {
    if (accessToken == null || accessToken.isEmpty()) throw new IllegalArgumentException("accessToken is empty");
    this.accessToken = accessToken;
    this.refreshToken = refreshToken == null || refreshToken.isEmpty() ? null : refreshToken;
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(issuedAt)) throw new IllegalArgumentException("expiresAt is before issuedAt");
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
  }

  public String accessToken() {
    return accessToken;
  }

  /** The refresh token, or null. */
  public @Nullable String refreshToken() {
    return refreshToken;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** The scopes the gateway granted. */
  public Set<String> scopes() {
    return scopes;
  }

  StoredTokens withoutRefreshToken() {
    return new StoredTokens(accessToken, null, issuedAt, expiresAt, scopes);
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof StoredTokens)) return false;
    StoredTokens that = (StoredTokens) other;
    return accessToken.equals(that.accessToken) && Objects.equals(refreshToken, that.refreshToken)
        && issuedAt.equals(that.issuedAt) && expiresAt.equals(that.expiresAt) && scopes.equals(that.scopes);
  }

  @Override public int hashCode() {
    return Objects.hash(accessToken, refreshToken, issuedAt, expiresAt, scopes);
  }

  @Override public String toString() {
    return "StoredTokens{scopes=" + scopes + ", expiresAt=" + expiresAt
        + ", refreshToken=" + (refreshToken != null ? "present" : "none") + "}";
  }
}

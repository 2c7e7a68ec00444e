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
  private final SignInMethod signInMethod;

  /** Tokens from a password sign-in; see {@link #StoredTokens(String, String, Instant, Instant, Set, SignInMethod)}. */
  public StoredTokens(String accessToken, @Nullable String refreshToken, Instant issuedAt, Instant expiresAt,
      Set<String> scopes) {
    this(accessToken, refreshToken, issuedAt, expiresAt, scopes, SignInMethod.PASSWORD);
  }

  /**
   * @param refreshToken null when the gateway issued none.
   * @param issuedAt when this device received the token, by its own clock.
   * @param signInMethod how the user signed in: a store must keep it, so that a session restored
   *     from it knows whether a password or the browser can mend it.
   */
  public StoredTokens(String accessToken, @Nullable String refreshToken, Instant issuedAt, Instant expiresAt,
      Set<String> scopes, SignInMethod signInMethod) {
    if (accessToken == null || accessToken.isEmpty()) throw new IllegalArgumentException("accessToken is empty");
    this.accessToken = accessToken;
    this.refreshToken = refreshToken == null || refreshToken.isEmpty() ? null : refreshToken;
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(issuedAt)) throw new IllegalArgumentException("expiresAt is before issuedAt");
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    this.signInMethod = Objects.requireNonNull(signInMethod, "signInMethod");
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

  public SignInMethod signInMethod() {
    return signInMethod;
  }

  StoredTokens withoutRefreshToken() {
    return new StoredTokens(accessToken, null, issuedAt, expiresAt, scopes, signInMethod);
  }

  StoredTokens withSignInMethod(SignInMethod method) {
    return new StoredTokens(accessToken, refreshToken, issuedAt, expiresAt, scopes, method);
  }

  @Override public boolean equals(Object other) {
    if (!(other instanceof StoredTokens)) return false;
    StoredTokens that = (StoredTokens) other;
    return accessToken.equals(that.accessToken) && Objects.equals(refreshToken, that.refreshToken)
        && issuedAt.equals(that.issuedAt) && expiresAt.equals(that.expiresAt) && scopes.equals(that.scopes)
        && signInMethod == that.signInMethod;
  }

  @Override public int hashCode() {
    return Objects.hash(accessToken, refreshToken, issuedAt, expiresAt, scopes, signInMethod);
  }

  @Override public String toString() {
    return "StoredTokens{scopes=" + scopes + ", expiresAt=" + expiresAt + ", signInMethod=" + signInMethod
        + ", refreshToken=" + (refreshToken != null ? "present" : "none") + "}";
  }
}

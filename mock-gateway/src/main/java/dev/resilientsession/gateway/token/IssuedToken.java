package dev.resilientsession.gateway.token;

import java.util.Set;

/**
 * A successful token response: what the token endpoint returns as JSON. {@code refreshToken} is
 * null when none was issued, {@code idToken} unless {@code openid} was granted. {@code expiresIn}
 * counts the seconds left, which for a reused OPAQUE token is less than the full validity.
 */
public final class IssuedToken {
  private final String accessToken;
  private final String refreshToken;
  private final Set<String> scopes;
  private final String scope;
  private final long expiresIn;
  private final String user;
  private final String idToken;

  /** @param scope {@code scopes} space-separated, as the token's key already holds them */
  IssuedToken(String accessToken, String refreshToken, Set<String> scopes, String scope, long expiresIn,
      String user, String idToken) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.scopes = scopes;
    this.scope = scope;
    this.expiresIn = expiresIn;
    this.user = user;
    this.idToken = idToken;
  }

  IssuedToken withIdToken(String idToken) {
    return new IssuedToken(accessToken, refreshToken, scopes, scope, expiresIn, user, idToken);
  }

  /** Whose token it is. */
  String user() {
    return user;
  }

  /** The OpenID Connect {@code id_token}; null unless {@code openid} was granted. */
  public String idToken() {
    return idToken;
  }

  public String accessToken() {
    return accessToken;
  }

  public String refreshToken() {
    return refreshToken;
  }

  public Set<String> scopes() {
    return scopes;
  }

  /** The {@code scope} field: the granted scopes, space-separated. */
  public String scope() {
    return scope;
  }

  public long expiresIn() {
    return expiresIn;
  }

  @Override public String toString() {
    return "IssuedToken{scope=" + scope() + ", expiresIn=" + expiresIn
        + ", refreshToken=" + (refreshToken != null ? "present" : "none")
        + (idToken != null ? ", idToken=present" : "") + "}";
  }
}

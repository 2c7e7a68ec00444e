package dev.resilientsession.client;

/** A successful token response, as the token endpoint sent it. */
final class TokenGrant {
  final String accessToken;
  final String refreshToken;
  final long expiresIn;
  final String scope;
  /** The OpenID Connect id_token, when the scope had {@code openid}; null otherwise. */
  final String idToken;

  TokenGrant(String accessToken, String refreshToken, long expiresIn, String scope) {
    this(accessToken, refreshToken, expiresIn, scope, null);
  }

  TokenGrant(String accessToken, String refreshToken, long expiresIn, String scope, String idToken) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.expiresIn = expiresIn;
    this.scope = scope;
    this.idToken = idToken;
  }

  @Override public String toString() {
    return "TokenGrant{scope=" + scope + ", expiresIn=" + expiresIn + "}";
  }
}

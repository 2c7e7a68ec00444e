package dev.resilientsession.client;

/** A successful token response, as the token endpoint sent it. */
final class TokenGrant {
  final String accessToken;
  final String refreshToken;
  final long expiresIn;
  final String scope;

  TokenGrant(String accessToken, String refreshToken, long expiresIn, String scope) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.expiresIn = expiresIn;
    this.scope = scope;
  }

  @Override public String toString() {
    return "TokenGrant{scope=" + scope + ", expiresIn=" + expiresIn + "}";
  }
}

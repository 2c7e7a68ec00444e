package dev.resilientsession.client;

/**
 * The token and revocation endpoints, as the recovery logic sees them: plain Java, one attempt per
 * call, every failure typed. Retries and backoff are the caller's.
 */
interface TokenEndpoint {
  TokenOutcome password(String username, char[] password, String scope);

  TokenOutcome refresh(String refreshToken);

  /** The authorization code grant: the code a browser sign-in brought back, with its PKCE verifier. */
  TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier);

  /** Revokes {@code token}; returns null on success, or why it failed. */
  String revoke(String token, String tokenTypeHint);
}

package dev.resilientsession.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The authorization code grant (RFC 6749 section 4.1.3, RFC 7636 section 4.6): a code from the
 * browser flow is redeemed once, by the client it was issued to, with the redirect URI and the PKCE
 * verifier of its authorization request. The token it buys follows every rule of the key, like a
 * password grant's; with {@code openid} an ID token comes with it. A code presented twice is
 * refused and the token of its first use revoked, as WSO2 does against a stolen code; a failed
 * exchange (wrong redirect URI or verifier) burns the code, as on WSO2.
 */
final class AuthorizationCodeGrant implements Grant {
  private static final String REVOKED = "Expired or Revoked authorization code received from token request";

  private final AuthorizationCodes codes;
  private final TokenIssuer issuer;
  private final UserStore users;
  private final Clock clock;
  private final Consumer<String> revokeAccessToken;

  AuthorizationCodeGrant(AuthorizationCodes codes, TokenIssuer issuer, UserStore users, Clock clock,
      Consumer<String> revokeAccessToken) {
    this.codes = codes;
    this.issuer = issuer;
    this.users = users;
    this.clock = clock;
    this.revokeAccessToken = revokeAccessToken;
  }

  @Override public IssuedToken token(Application application, TokenRequest request) {
    if (request.code() == null || request.code().isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing parameters: code");
    }
    AuthorizationCodes.Code code = codes.get(request.code());
    // Another client's code is as unknown as a made-up one.
    if (code == null || !code.authorization.clientId().equals(application.consumerKey())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "Invalid authorization code received from token request");
    }
    Instant now = clock.instant();
    Authorization authorization = code.authorization;
    if (!code.redeem()) {
      // A code used twice may have been stolen: the tokens of its first use go too (RFC 6749 section 4.1.2).
      String first = code.accessToken();
      if (first != null) revokeAccessToken.accept(first);
      throw new OAuthException(OAuthError.INVALID_GRANT, code.boughtSomething()
          ? "Inactive authorization code received from token request" : REVOKED);
    }
    try {
      if (code.expired(now)) throw new OAuthException(OAuthError.INVALID_GRANT, REVOKED);
      if (!authorization.redirectUri().equals(request.redirectUri())) {
        throw new OAuthException(OAuthError.INVALID_GRANT, "Callback url mismatch");
      }
      checkPkce(application, authorization, request.codeVerifier());
      users.checkNotLocked(authorization.user(), now);
    } catch (OAuthException e) {
      code.burn(); // as WSO2: one failed attempt revokes the code
      throw e;
    }
    IssuedToken token = issuer.issue(application, authorization.user(), code.scopes, GrantType.AUTHORIZATION_CODE);
    if (code.bought(token.accessToken())) {
      revokeAccessToken.accept(token.accessToken());
      throw new OAuthException(OAuthError.INVALID_GRANT, "Inactive authorization code received from token request");
    }
    if (!code.scopes.contains(Scopes.OPENID)) return token;
    return token.withIdToken(issuer.idToken(application, token,
        new IdTokenClaims(authorization.nonce(), authorization.sessionId(), authorization.authTime())));
  }

  /** WSO2's checks and messages, in its order; a verifier without a challenge is ignored, as there. */
  private static void checkPkce(Application application, Authorization authorization, String verifier) {
    String challenge = authorization.codeChallenge();
    if (challenge == null && !application.pkceMandatory()) return;
    if (verifier == null || verifier.isEmpty()) {
      throw new OAuthException(OAuthError.INVALID_GRANT, challenge == null
          ? "No PKCE code verifier found.PKCE is mandatory for this oAuth 2.0 application."
          : "Empty PKCE code_verifier sent. This authorization code requires a PKCE verification to obtain an access "
              + "token.");
    }
    if (!Pkce.isWellFormed(verifier)) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "Code verifier used is not up to RFC 7636 specifications.");
    }
    if (challenge == null || !Pkce.verifies(verifier, challenge, authorization.codeChallengeMethod())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "PKCE validation failed");
    }
  }
}

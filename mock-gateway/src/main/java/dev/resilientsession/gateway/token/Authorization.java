package dev.resilientsession.gateway.token;

import java.time.Instant;

/**
 * What a signed-in user allowed at {@code /oauth2/authorize}, for the code that stands for it:
 * the client, the user, the requested scopes, the redirect URI the code must come back with, the
 * PKCE challenge (null without PKCE), the OpenID Connect {@code nonce} (null when none was sent),
 * and the browser session and the time the user signed in, for the ID token's {@code sid} and
 * {@code auth_time}.
 */
public record Authorization(
    String clientId,
    String user,
    String scope,
    String redirectUri,
    String codeChallenge,
    String codeChallengeMethod,
    String nonce,
    String sessionId,
    Instant authTime) {
}

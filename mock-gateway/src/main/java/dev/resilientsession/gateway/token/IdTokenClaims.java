package dev.resilientsession.gateway.token;

import java.time.Instant;

/**
 * The ID token claims that come from the sign-in rather than the token: {@code nonce}, {@code sid}
 * and {@code auth_time}, each null when unknown (a refresh or a password grant has no browser).
 */
record IdTokenClaims(String nonce, String sessionId, Instant authTime) {
  static final IdTokenClaims NONE = new IdTokenClaims(null, null, null);
}

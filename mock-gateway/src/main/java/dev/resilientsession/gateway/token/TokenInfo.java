package dev.resilientsession.gateway.token;

import java.time.Instant;
import java.util.Set;

/**
 * What the gateway knows of one token, without the token itself: for introspection, access
 * checks and the QA listing. {@code refreshExpiresAt} is null when no refresh token was issued.
 */
public record TokenInfo(
    String id,
    String user,
    String clientId,
    Set<String> scopes,
    TokenType tokenType,
    GrantType grantType,
    TokenState state,
    Instant issuedAt,
    Instant expiresAt,
    Instant refreshExpiresAt) {

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}

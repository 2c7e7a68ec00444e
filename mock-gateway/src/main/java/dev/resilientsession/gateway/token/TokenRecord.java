package dev.resilientsession.gateway.token;

import java.time.Instant;
import java.util.SortedSet;

/**
 * One row of the token table: an access token and the refresh token it carries. WSO2 keeps them as
 * one row, so revoking either revokes both; a refresh token may be carried by several rows of one
 * key (a new token inherits it), and it belongs to the newest. State changes happen under the lock
 * of the key's {@link KeySlot}.
 */
final class TokenRecord {
  final String id;
  final TokenKey key;
  final Application application;
  final SortedSet<String> scopes;
  final GrantType grantType;
  final Instant issuedAt;
  final Instant expiresAt;
  final String refreshToken;
  final Instant refreshExpiresAt;
  /** Set once; for JWTs it is signed after the record is registered, outside the key's lock. */
  volatile String accessToken;
  volatile TokenState state = TokenState.ACTIVE;
  /** When the record left ACTIVE; null while it is ACTIVE. */
  volatile Instant retiredAt;

  TokenRecord(String id, TokenKey key, Application application, SortedSet<String> scopes,
      GrantType grantType, Instant issuedAt, Instant expiresAt, String refreshToken,
      Instant refreshExpiresAt) {
    this.id = id;
    this.key = key;
    this.application = application;
    this.scopes = scopes;
    this.grantType = grantType;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.refreshToken = refreshToken;
    this.refreshExpiresAt = refreshExpiresAt;
  }

  String user() {
    return key.user();
  }

  String clientId() {
    return key.clientId();
  }

  boolean accessExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** ACTIVE or EXPIRED: the states in which WSO2 still counts a row as the key's existing token. */
  boolean isCurrent() {
    return state == TokenState.ACTIVE || state == TokenState.EXPIRED;
  }

  /** After this instant nothing can use or revoke the record any more, whatever its state. */
  Instant deadAt() {
    Instant dead = expiresAt;
    if (refreshExpiresAt != null && refreshExpiresAt.isAfter(dead)) dead = refreshExpiresAt;
    return dead;
  }

  TokenInfo info() {
    return new TokenInfo(id, user(), clientId(), scopes, application.tokenType(), grantType, state,
        issuedAt, expiresAt, refreshExpiresAt);
  }

  @Override public String toString() {
    return "TokenRecord{id=" + id + ", key=" + key + ", state=" + state + "}";
  }
}

package dev.resilientsession.gateway.token;

import java.time.Clock;
import java.time.Instant;

/**
 * The refresh token grant. The refresh token resolves to the newest row carrying it, scoped to the
 * calling application; that row's access token becomes INACTIVE and a new pair is issued. By default
 * the refresh token rotates and the new one gets a full validity (a sliding expiry), so an app that
 * keeps refreshing stays signed in.
 */
final class RefreshTokenGrant implements Grant {
  private final TokenTable table;
  private final TokenIssuer issuer;
  private final UserStore users;
  private final Clock clock;
  private final boolean rotate;
  private final boolean extendExpiry;

  RefreshTokenGrant(TokenTable table, TokenIssuer issuer, UserStore users, Clock clock, boolean rotate,
      boolean extendExpiry) {
    this.table = table;
    this.issuer = issuer;
    this.users = users;
    this.clock = clock;
    this.rotate = rotate;
    this.extendExpiry = extendExpiry;
  }

  @Override public IssuedToken token(Application application, TokenRequest request) {
    String refreshToken = request.refreshToken();
    if (refreshToken == null || refreshToken.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing parameters: refresh_token");
    }
    TokenRecord old = table.byRefreshToken(refreshToken);
    if (old == null || !old.clientId().equals(application.consumerKey())) throw notFound();
    Instant now = clock.instant();
    users.checkNotLocked(old.user(), now); // before the row's state: a locked user's tokens were revoked
    TokenRecord record = table.lockedIfPresent(old, slot -> {
      if (table.byRefreshToken(refreshToken) != old || !old.isCurrent()) throw notFound();
      if (!now.isBefore(old.refreshExpiresAt)) {
        // Only the refresh token is dead: an access token that is still valid keeps working.
        table.refreshTokenExpired(slot, old);
        throw new OAuthException(OAuthError.INVALID_GRANT, "Refresh token is expired.");
      }
      table.retire(slot, old, TokenState.INACTIVE, now);
      if (!issuer.renews(application, GrantType.REFRESH_TOKEN)) {
        for (TokenRecord existing : slot.active()) table.retire(slot, existing, TokenState.REVOKED, now);
      }
      String nextToken = rotate ? issuer.randomId() : refreshToken;
      Instant nextExpiry = rotate && extendExpiry ? now.plus(application.refreshTokenValidity()) : old.refreshExpiresAt;
      return issuer.add(slot, application, old.scopes, GrantType.REFRESH_TOKEN, now, nextToken, nextExpiry);
    });
    if (record == null) throw notFound();
    return issuer.finish(record, now);
  }

  private static OAuthException notFound() {
    return new OAuthException(OAuthError.INVALID_GRANT, "Persisted access token data not found");
  }
}

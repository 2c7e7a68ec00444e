package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.GatewayConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * WSO2's issuing rules for a key (section 2 of docs/gateway-behaviour.md): OPAQUE returns the same token
 * while it has more than a second left, JWT revokes the previous one, {@code
 * renew_token_without_revoking_existing} keeps them all, and a new token inherits the refresh token
 * of the key's current row while that one outlives the new access token. With {@code
 * renew_access_token_per_request}, every type revokes the previous pair and nothing is inherited
 * (WSO2's {@code AbstractAuthorizationGrantHandler.renewAccessToken}).
 */
final class TokenIssuer {
  private static final Duration REUSE_MARGIN = Duration.ofSeconds(1);

  private final TokenTable table;
  private final Clock clock;
  private final Map<TokenType, RenewalPolicy> renewalPolicies = new EnumMap<>(TokenType.class);
  private final boolean renewPerRequest;
  private final JwtSigner jwtSigner;
  private final Executor background;
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean purging = new AtomicBoolean();

  /** @param database where the signing key is kept; null for this JVM's key, in memory only */
  TokenIssuer(TokenTable table, GatewayConfig config, Clock clock, Executor background, GatewayDatabase database) {
    this.table = table;
    this.clock = clock;
    this.background = background;
    renewalPolicies.put(TokenType.JWT, config.jwtRenewal());
    renewalPolicies.put(TokenType.OPAQUE, config.opaqueRenewal());
    this.renewPerRequest = config.renewAccessTokenPerRequest();
    this.jwtSigner = database == null ? JwtSigner.withSharedKey(background, config.issuer())
        : JwtSigner.withStoredKey(database.signingKey(), database.journal(), background, config.issuer());
  }

  /** A token for {@code user} and {@code scopes}, by the rules of the key they make with the application. */
  IssuedToken issue(Application application, String user, SortedSet<String> scopes, GrantType grantType) {
    TokenKey key = new TokenKey(application.consumerKey(), user, String.join(" ", scopes), TokenKey.NO_BINDING);
    Instant now = clock.instant();
    boolean withRefreshToken = grantType != GrantType.CLIENT_CREDENTIALS && application.allows(GrantType.REFRESH_TOKEN);
    Object outcome = table.locked(key, slot -> {
      TokenRecord current = slot.latest();
      // Decided before the current row is retired below: a displaced JWT's refresh token lives on,
      // unless every request renews both tokens.
      boolean inherit = withRefreshToken && !renewPerRequest && current != null
          && inheritable(current, application, now);
      // renew_token_without_revoking_existing is decided first: it leaves the key's tokens alone.
      boolean besideTheOthers = renews(application, grantType);
      if (!besideTheOthers && renewPerRequest) {
        revokePreviousPairs(slot, now);
      } else if (!besideTheOthers) {
        for (TokenRecord existing : slot.active()) {
          if (existing.accessExpiredAt(now)) {
            table.retire(slot, existing, TokenState.EXPIRED, now);
          } else if (application.tokenType() == TokenType.OPAQUE) {
            if (reusable(existing, now)) return reused(existing, now, withRefreshToken);
            table.retire(slot, existing, TokenState.EXPIRED, now);
          } else {
            table.retire(slot, existing, TokenState.REVOKED, now);
          }
        }
      }
      if (!withRefreshToken) return add(slot, application, scopes, grantType, now, null, null);
      if (inherit) return add(slot, application, scopes, grantType, now, current.refreshToken, current.refreshExpiresAt);
      return add(slot, application, scopes, grantType, now, randomId(), now.plus(application.refreshTokenValidity()));
    });
    return outcome instanceof IssuedToken ? (IssuedToken) outcome : finish((TokenRecord) outcome, now);
  }

  /**
   * Revokes every row of the key that still works: ACTIVE ones, whatever their time left, and expired
   * ones whose refresh token is still alive, so the previous refresh token dies with its access token.
   */
  private void revokePreviousPairs(KeySlot slot, Instant now) {
    for (TokenRecord existing : new ArrayList<>(slot.records)) {
      boolean refreshable = existing.refreshToken != null && now.isBefore(existing.refreshExpiresAt);
      if (existing.state == TokenState.ACTIVE || refreshable) table.retire(slot, existing, TokenState.REVOKED, now);
    }
  }

  /** True when the request's grant gets a new token beside the existing ones, by the renewal switch. */
  boolean renews(Application application, GrantType grantType) {
    return renewalPolicies.getOrDefault(application.tokenType(), RenewalPolicy.disabled()).renewsWithoutRevoking(grantType);
  }

  /** Creates a row in {@code slot}, whose lock the caller holds. JWTs are signed later, by {@link #finish}. */
  TokenRecord add(KeySlot slot, Application application, SortedSet<String> scopes, GrantType grantType,
      Instant now, String refreshToken, Instant refreshExpiresAt) {
    TokenRecord record = new TokenRecord(randomId(), slot.key, application, scopes, grantType, now,
        now.plus(application.accessTokenValidity()), refreshToken, refreshExpiresAt);
    if (application.tokenType() == TokenType.OPAQUE) record.accessToken = randomId();
    table.add(slot, record);
    return record;
  }

  /**
   * Signs a JWT outside the key's lock, so one busy key does not serialise every signature, and
   * starts a purge of dead rows when one is due.
   */
  IssuedToken finish(TokenRecord record, Instant now) {
    if (record.accessToken == null) {
      record.accessToken = jwtSigner.sign(record);
      table.indexAccessToken(record);
    }
    if (table.purgeDue(now) && purging.compareAndSet(false, true)) {
      background.execute(() -> {
        try {
          table.purge(clock.instant());
        } finally {
          purging.set(false);
        }
      });
    }
    return new IssuedToken(record.accessToken, record.refreshToken, record.scopes, record.key.scopes(),
        Duration.between(now, record.expiresAt).getSeconds(), record.user(), null);
  }

  /** An OpenID Connect ID token for {@code token}, issued to {@code application}. */
  String idToken(Application application, IssuedToken token, IdTokenClaims claims) {
    return jwtSigner.signIdToken(application, token, claims, clock.instant());
  }

  String idTokenClient(String idToken) {
    return jwtSigner.verifiedClient(idToken);
  }

  String jwkSetJson() {
    return jwtSigner.jwkSetJson();
  }

  String randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    StringBuilder id = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) id.append('-');
      id.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return id.toString();
  }

  /** WSO2's setRefreshTokenDetails: the current row's refresh token, if it outlives the new access token. */
  private boolean inheritable(TokenRecord current, Application application, Instant now) {
    return current.isCurrent() && table.ownsRefreshToken(current)
        && Duration.between(now, current.refreshExpiresAt).compareTo(application.accessTokenValidity()) > 0;
  }

  private static boolean reusable(TokenRecord existing, Instant now) {
    if (Duration.between(now, existing.expiresAt).compareTo(REUSE_MARGIN) <= 0) return false;
    return existing.refreshToken == null
        || Duration.between(now, existing.refreshExpiresAt).compareTo(REUSE_MARGIN) > 0;
  }

  private static IssuedToken reused(TokenRecord existing, Instant now, boolean withRefreshToken) {
    long secondsLeft = Duration.between(now, existing.expiresAt).getSeconds();
    return new IssuedToken(existing.accessToken, withRefreshToken ? existing.refreshToken : null,
        existing.scopes, existing.key.scopes(), secondsLeft, existing.user(), null);
  }
}

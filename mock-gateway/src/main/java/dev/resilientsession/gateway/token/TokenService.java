package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.GatewayConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WSO2 API Manager's key manager in plain Java: client authentication, the three grants, one
 * ACTIVE token per key (OPAQUE reuse, JWT revoke-previous), {@code renew_token_without_revoking_existing},
 * refresh-token rotation, revocation and introspection. Safe for concurrent use: every change to a
 * key's tokens happens under that key's lock, so concurrent requests never leave two ACTIVE tokens
 * for one key unless the renewal policy allows it.
 */
public final class TokenService {
  private static final Duration REUSE_MARGIN = Duration.ofSeconds(1);
  private static final int HISTORY_LIMIT = 1000;
  private static final int PURGE_EVERY = 4096;

  private final Clock clock;
  private final Map<String, Application> applications;
  private final List<User> configuredUsers;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<TokenType, RenewalPolicy> renewalPolicies;
  private final boolean rotateRefreshTokens;
  private final OAuthError unknownGrantTypeError;
  private final JwtSigner jwtSigner;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong issued = new AtomicLong();

  private final Map<TokenKey, KeySlot> slots = new ConcurrentHashMap<>();
  private final Map<String, TokenRecord> byAccessToken = new ConcurrentHashMap<>();
  private final Map<String, TokenRecord> byRefreshToken = new ConcurrentHashMap<>();
  /** Guarded by itself: the most recently retired tokens, for the QA listing. */
  private final Deque<TokenInfo> history = new ArrayDeque<>();

  /**
   * The rules of {@code config}'s users, applications and switches, on {@code clock}. The JWT
   * signing key (half a second of CPU) is generated on {@code keyExecutor}.
   */
  public TokenService(GatewayConfig config, Clock clock, Executor keyExecutor) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Map<String, Application> apps = new LinkedHashMap<>();
    for (Application application : config.applications()) apps.put(application.consumerKey(), application);
    this.applications = Map.copyOf(apps);
    this.configuredUsers = config.users();
    for (User user : configuredUsers) users.put(user.username(), user);
    this.renewalPolicies = new EnumMap<>(TokenType.class);
    renewalPolicies.put(TokenType.JWT, config.jwtRenewal());
    renewalPolicies.put(TokenType.OPAQUE, config.opaqueRenewal());
    this.rotateRefreshTokens = config.rotateRefreshTokens();
    this.unknownGrantTypeError = config.unknownGrantTypeError();
    this.jwtSigner = JwtSigner.withSharedKey(Objects.requireNonNull(keyExecutor, "keyExecutor"), config.issuer());
  }

  /** Like {@link #TokenService(GatewayConfig, Clock, Executor)}, generating the signing key on a daemon thread. */
  public static TokenService create(GatewayConfig config, Clock clock) {
    return new TokenService(config, clock, command -> {
      Thread thread = new Thread(command, "mock-gateway-jwt-key");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Answers a token request, or throws the OAuth error the endpoint must return. */
  public IssuedToken token(TokenRequest request) {
    Application application = authenticate(request.clientId(), request.clientSecret());
    String grantName = request.grantType();
    if (grantName == null || grantName.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing grant_type parameter value");
    }
    GrantType grantType = GrantType.fromWireName(grantName).orElseThrow(() ->
        new OAuthException(unknownGrantTypeError, "Unsupported grant_type value"));
    if (!application.allows(grantType)) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
          "The authenticated client is not authorized to use this authorization grant type");
    }
    switch (grantType) {
      case PASSWORD:
        return passwordGrant(application, request);
      case CLIENT_CREDENTIALS:
        return clientCredentialsGrant(application, request);
      case REFRESH_TOKEN:
        return refreshGrant(application, request);
      default:
        throw new AssertionError(grantType);
    }
  }

  /**
   * Revokes the access or refresh token {@code token} and its partner. An unknown token revokes
   * nothing and is not an error; another client's token is refused.
   */
  public Revocation revoke(String clientId, String clientSecret, String token, String tokenTypeHint) {
    Application application = authenticate(clientId, clientSecret);
    if (token == null || token.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing token parameter");
    }
    TokenRecord record = "refresh_token".equals(tokenTypeHint)
        ? firstNonNull(byRefreshToken.get(token), byAccessToken.get(token))
        : firstNonNull(byAccessToken.get(token), byRefreshToken.get(token));
    if (record == null) return Revocation.nothing();
    if (!record.clientId().equals(application.consumerKey())) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "Unauthorized Client");
    }
    KeySlot slot = slots.get(record.key);
    if (slot == null) return Revocation.nothing();
    synchronized (slot) {
      if (record.state != TokenState.ACTIVE && record.state != TokenState.EXPIRED) {
        return Revocation.nothing();
      }
      retire(slot, record, TokenState.REVOKED);
    }
    return Revocation.of(record.accessToken, record.refreshToken, record.user());
  }

  /**
   * The token presented to an API, if it is an ACTIVE unexpired access token. This is the gateway's
   * key validation: revoked, replaced, expired and unknown tokens are all simply absent.
   */
  public Optional<TokenInfo> validate(String accessToken) {
    TokenRecord record = accessToken == null ? null : byAccessToken.get(accessToken);
    if (record == null || record.state != TokenState.ACTIVE) return Optional.empty();
    if (record.accessExpiredAt(clock.instant())) {
      expire(record);
      return Optional.empty();
    }
    return Optional.of(record.info());
  }

  /**
   * Introspection (RFC 7662): the token's details if it is an active access or refresh token; for a
   * refresh token, {@code expiresAt} is the refresh token's own expiry.
   */
  public Optional<TokenInfo> introspect(String token) {
    Optional<TokenInfo> access = validate(token);
    if (access.isPresent()) return access;
    TokenRecord record = byRefreshToken.get(token);
    if (record == null || !record.refreshUsableAt(clock.instant())) return Optional.empty();
    TokenInfo info = record.info();
    return Optional.of(new TokenInfo(info.id(), info.user(), info.clientId(), info.scopes(), info.tokenType(),
        info.grantType(), info.state(), info.issuedAt(), record.refreshExpiresAt, record.refreshExpiresAt));
  }

  /** The public signing key as a JWK Set (JSON); waits for the key if it is still being generated. */
  public String jwkSetJson() {
    return jwtSigner.jwkSetJson();
  }

  /** Every ACTIVE, unexpired token; with {@code includeRetired}, also the last retired ones. */
  public List<TokenInfo> tokens(boolean includeRetired) {
    Instant now = clock.instant();
    List<TokenInfo> result = new ArrayList<>();
    for (KeySlot slot : slots.values()) {
      synchronized (slot) {
        for (TokenRecord record : new ArrayList<>(slot.active)) {
          if (record.accessExpiredAt(now)) {
            retire(slot, record, TokenState.EXPIRED);
          } else {
            result.add(record.info());
          }
        }
      }
    }
    if (includeRetired) {
      synchronized (history) {
        result.addAll(history);
      }
    }
    result.sort(Comparator.comparing(TokenInfo::issuedAt).thenComparing(TokenInfo::id));
    return result;
  }

  /** Revokes every token of {@code username}, as an administrator would; returns how many. */
  public int revokeAll(String username) {
    int count = 0;
    for (KeySlot slot : slots.values()) {
      if (!slot.key.user().equals(username)) continue;
      synchronized (slot) {
        for (TokenRecord record : new ArrayList<>(slot.active)) {
          retire(slot, record, TokenState.REVOKED);
          count++;
        }
      }
    }
    for (TokenRecord record : byRefreshToken.values()) {
      if (!record.user().equals(username)) continue;
      KeySlot slot = slots.get(record.key);
      if (slot == null) continue;
      synchronized (slot) {
        if (record.state == TokenState.EXPIRED) {
          retire(slot, record, TokenState.REVOKED);
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Changes a user's password and, as WSO2 does on a credential update, revokes the user's tokens.
   * Returns false when there is no such user.
   */
  public boolean changePassword(String username, String newPassword) {
    User changed = users.computeIfPresent(username, (name, user) -> user.withPassword(newPassword));
    if (changed == null) return false;
    revokeAll(username);
    return true;
  }

  /** Forgets every token and password change, as if the server's database were new. */
  public void reset() {
    for (User user : configuredUsers) users.put(user.username(), user);
    for (KeySlot slot : slots.values()) {
      synchronized (slot) {
        for (TokenRecord record : slot.active) record.state = TokenState.REVOKED;
        slot.active.clear();
      }
    }
    slots.clear();
    byAccessToken.clear();
    byRefreshToken.clear();
    synchronized (history) {
      history.clear();
    }
  }

  private Application authenticate(String clientId, String clientSecret) {
    if (clientId == null || clientId.isEmpty()) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed: no client credentials");
    }
    Application application = applications.get(clientId);
    if (application == null || !application.secretMatches(clientSecret)) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client credentials are invalid.");
    }
    return application;
  }

  private IssuedToken passwordGrant(Application application, TokenRequest request) {
    if (isBlank(request.username()) || request.password() == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "Missing parameters: username and password are required for the password grant");
    }
    User user = users.get(request.username());
    if (user == null || !user.passwordMatches(request.password())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "Authentication failed for " + request.username());
    }
    SortedSet<String> scopes = Scopes.grant(Scopes.parse(request.scope()), user.scopes());
    return issue(application, user.username(), scopes, GrantType.PASSWORD);
  }

  private IssuedToken clientCredentialsGrant(Application application, TokenRequest request) {
    User owner = users.get(application.owner());
    Set<String> allowed = owner != null ? owner.scopes() : Set.of();
    SortedSet<String> scopes = Scopes.grant(Scopes.parse(request.scope()), allowed);
    return issue(application, application.owner(), scopes, GrantType.CLIENT_CREDENTIALS);
  }

  private IssuedToken issue(Application application, String user, SortedSet<String> scopes,
      GrantType grantType) {
    TokenKey key = new TokenKey(application.consumerKey(), user, String.join(" ", scopes), TokenKey.NO_BINDING);
    KeySlot slot = slots.computeIfAbsent(key, KeySlot::new);
    Instant now = clock.instant();
    boolean withRefreshToken = grantType != GrantType.CLIENT_CREDENTIALS
        && application.allows(GrantType.REFRESH_TOKEN);
    TokenRecord record;
    synchronized (slot) {
      if (slots.get(key) != slot) return issue(application, user, scopes, grantType); // reset raced us
      if (!renewalPolicy(application).renewsWithoutRevoking(grantType)) {
        for (TokenRecord existing : new ArrayList<>(slot.active)) {
          if (existing.accessExpiredAt(now)) {
            retire(slot, existing, TokenState.EXPIRED);
          } else if (application.tokenType() == TokenType.OPAQUE) {
            if (reusable(existing, now)) return reused(existing, now, withRefreshToken);
            retire(slot, existing, TokenState.EXPIRED);
          } else {
            retire(slot, existing, TokenState.REVOKED);
          }
        }
      }
      String refreshToken = withRefreshToken ? randomId() : null;
      Instant refreshExpiresAt = withRefreshToken ? now.plus(application.refreshTokenValidity()) : null;
      record = register(slot, application, scopes, grantType, now, refreshToken, refreshExpiresAt);
    }
    return finish(record, now);
  }

  private IssuedToken refreshGrant(Application application, TokenRequest request) {
    String refreshToken = request.refreshToken();
    if (isBlank(refreshToken)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing parameters: refresh_token");
    }
    TokenRecord old = byRefreshToken.get(refreshToken);
    if (old == null || !old.clientId().equals(application.consumerKey())) {
      throw new OAuthException(OAuthError.INVALID_GRANT, "Persisted access token data not found");
    }
    KeySlot slot = slots.get(old.key);
    if (slot == null) throw new OAuthException(OAuthError.INVALID_GRANT, "Persisted access token data not found");
    Instant now = clock.instant();
    TokenRecord record;
    synchronized (slot) {
      if (!old.refreshUsableAt(now)) {
        if (old.refreshToken != null && !now.isBefore(old.refreshExpiresAt)) {
          retire(slot, old, TokenState.EXPIRED);
          byRefreshToken.remove(old.refreshToken, old);
          throw new OAuthException(OAuthError.INVALID_GRANT, "Refresh token is expired.");
        }
        throw new OAuthException(OAuthError.INVALID_GRANT, "Persisted access token data not found");
      }
      retire(slot, old, TokenState.INACTIVE);
      if (!renewalPolicy(application).renewsWithoutRevoking(GrantType.REFRESH_TOKEN)) {
        for (TokenRecord existing : new ArrayList<>(slot.active)) {
          retire(slot, existing, TokenState.REVOKED);
        }
      }
      String nextRefreshToken = rotateRefreshTokens ? randomId() : old.refreshToken;
      record = register(slot, application, old.scopes, GrantType.REFRESH_TOKEN, now,
          nextRefreshToken, old.refreshExpiresAt);
    }
    return finish(record, now);
  }

  private boolean reusable(TokenRecord existing, Instant now) {
    if (Duration.between(now, existing.expiresAt).compareTo(REUSE_MARGIN) <= 0) return false;
    return existing.refreshToken == null
        || Duration.between(now, existing.refreshExpiresAt).compareTo(REUSE_MARGIN) > 0;
  }

  private IssuedToken reused(TokenRecord existing, Instant now, boolean withRefreshToken) {
    long secondsLeft = Duration.between(now, existing.expiresAt).getSeconds();
    return new IssuedToken(existing.accessToken, withRefreshToken ? existing.refreshToken : null,
        existing.scopes, secondsLeft);
  }

  /** Creates and indexes a record; the caller holds the slot's lock. JWTs are signed later. */
  private TokenRecord register(KeySlot slot, Application application, SortedSet<String> scopes,
      GrantType grantType, Instant now, String refreshToken, Instant refreshExpiresAt) {
    TokenRecord record = new TokenRecord(randomId(), slot.key, application, scopes, grantType, now,
        now.plus(application.accessTokenValidity()), refreshToken, refreshExpiresAt);
    if (application.tokenType() == TokenType.OPAQUE) {
      record.accessToken = randomId();
      byAccessToken.put(record.accessToken, record);
    }
    if (refreshToken != null) byRefreshToken.put(refreshToken, record);
    slot.active.add(record);
    if (issued.incrementAndGet() % PURGE_EVERY == 0) purgeDeadRefreshTokens(now);
    return record;
  }

  /** Signs a JWT outside the key's lock, so one busy key does not serialise every signature. */
  private IssuedToken finish(TokenRecord record, Instant now) {
    if (record.accessToken == null) {
      record.accessToken = jwtSigner.sign(record);
      byAccessToken.put(record.accessToken, record);
      // A concurrent request may have retired the record before it was indexed: unindex it then.
      if (record.state != TokenState.ACTIVE) byAccessToken.remove(record.accessToken, record);
    }
    return new IssuedToken(record.accessToken, record.refreshToken, record.scopes,
        Duration.between(now, record.expiresAt).getSeconds());
  }

  private void expire(TokenRecord record) {
    KeySlot slot = slots.get(record.key);
    if (slot == null) return;
    synchronized (slot) {
      if (record.state == TokenState.ACTIVE) retire(slot, record, TokenState.EXPIRED);
    }
  }

  /** Moves a record out of ACTIVE; the caller holds the slot's lock. */
  private void retire(KeySlot slot, TokenRecord record, TokenState state) {
    record.state = state;
    slot.active.remove(record);
    String accessToken = record.accessToken;
    if (accessToken != null) byAccessToken.remove(accessToken, record);
    // An expired access token's refresh token still works until its own expiry.
    if (state != TokenState.EXPIRED && record.refreshToken != null) {
      byRefreshToken.remove(record.refreshToken, record);
    }
    synchronized (history) {
      history.addFirst(record.info());
      if (history.size() > HISTORY_LIMIT) history.removeLast();
    }
  }

  private void purgeDeadRefreshTokens(Instant now) {
    byRefreshToken.values().removeIf(record -> !now.isBefore(record.refreshExpiresAt));
  }

  private RenewalPolicy renewalPolicy(Application application) {
    return renewalPolicies.getOrDefault(application.tokenType(), RenewalPolicy.disabled());
  }

  private String randomId() {
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

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static <T> T firstNonNull(T first, T second) {
    return first != null ? first : second;
  }
}

package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * WSO2 API Manager's key manager in plain Java: client authentication, the four grants, one
 * ACTIVE token per key, revocation, introspection and the gateway's view of a token. Safe for
 * concurrent use: every change to a key's tokens happens under that key's lock, so concurrent
 * requests never leave two ACTIVE tokens for one key unless the renewal switch allows it.
 */
public final class TokenService {
  private final Clock clock;
  private final Map<String, Application> applications;
  private final OAuthError unknownGrantTypeError;
  private final Duration revocationDelay;
  private final TokenJournal journal;
  private final TokenTable table;
  private final UserStore users;
  private final TokenIssuer issuer;
  private final AuthorizationCodes codes;
  private final Map<GrantType, Grant> grants = new EnumMap<>(GrantType.class);

  /**
   * The rules of {@code config}'s users, applications and switches, on {@code clock}. The JWT
   * signing key (half a second of CPU) is generated on {@code background}, which also purges the
   * rows of dead tokens.
   */
  public TokenService(GatewayConfig config, Clock clock, Executor background) {
    this(config, clock, background, null);
  }

  /**
   * Like {@link #TokenService(GatewayConfig, Clock, Executor)}, keeping tokens, password changes and
   * the signing key in {@code database} (null: in memory only) and starting from what it holds.
   * Tokens of applications that are no longer configured are dropped.
   */
  public TokenService(GatewayConfig config, Clock clock, Executor background, GatewayDatabase database) {
    this(config, clock, background, database, database == null ? TokenJournal.NONE : database.journal());
  }

  /** With another {@code journal} than the database's; for measuring journals against each other. */
  TokenService(GatewayConfig config, Clock clock, Executor background, GatewayDatabase database,
      TokenJournal journal) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Map<String, Application> apps = new LinkedHashMap<>();
    for (Application application : config.applications()) apps.put(application.consumerKey(), application);
    this.applications = Map.copyOf(apps);
    this.unknownGrantTypeError = config.unknownGrantTypeError();
    this.revocationDelay = config.revocationDelay();
    this.journal = journal;
    this.table = new TokenTable(revocationDelay, journal);
    this.users = new UserStore(config.users(), config.accountLockout(), journal);
    this.issuer = new TokenIssuer(table, config, clock, Objects.requireNonNull(background, "background"), database);
    grants.put(GrantType.PASSWORD, new PasswordGrant(this::checkPassword, issuer));
    grants.put(GrantType.CLIENT_CREDENTIALS, new ClientCredentialsGrant(users, issuer));
    grants.put(GrantType.REFRESH_TOKEN, new RefreshTokenGrant(table, issuer, users, clock,
        config.rotateRefreshTokens(), config.extendRenewedRefreshTokenExpiry()));
    this.codes = new AuthorizationCodes(clock, config.authorizationCodeValidity());
    grants.put(GrantType.AUTHORIZATION_CODE, new AuthorizationCodeGrant(codes, issuer, users, clock,
        this::revokeAccessToken));
    if (database != null) load(database);
  }

  /** Like {@link #TokenService(GatewayConfig, Clock, Executor)}, with background work on daemon threads. */
  public static TokenService create(GatewayConfig config, Clock clock) {
    return new TokenService(config, clock, backgroundThreads());
  }

  /**
   * A daemon thread per task, named {@code mock-gateway-background}: where the gateway's few
   * one-off jobs (making the JWT signing key) run when it is given no executor, never holding the JVM.
   */
  public static Executor backgroundThreads() {
    return command -> {
      Thread thread = new Thread(command, "mock-gateway-background");
      thread.setDaemon(true);
      thread.start();
    };
  }

  /** Answers a token request, or throws the OAuth error the endpoint must return. */
  public IssuedToken token(TokenRequest request) {
    String grantName = request.grantType();
    Application application = authenticate(request.clientId(), request.clientSecret(), grantName);
    if (grantName == null || grantName.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing grant_type parameter value");
    }
    GrantType grantType = GrantType.fromWireName(grantName).orElseThrow(() ->
        new OAuthException(unknownGrantTypeError, "Unsupported grant_type value"));
    if (!application.allows(grantType)) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
          "The authenticated client is not authorized to use this authorization grant type");
    }
    IssuedToken token = grants.get(grantType).token(application, request);
    journal.awaitDurable(); // with a database, answered only once what it hands out is kept
    // WSO2 answers every grant that was granted openid with an ID token, not only the code grant.
    if (token.idToken() != null || grantType == GrantType.CLIENT_CREDENTIALS
        || !token.scopes().contains(Scopes.OPENID)) {
      return token;
    }
    return token.withIdToken(issuer.idToken(application, token, IdTokenClaims.NONE));
  }

  /**
   * Issues an authorization code for what a signed-in user allowed; the code buys a token once, at
   * the token endpoint. The browser flow checks the client and redirect URI before it asks.
   */
  public String issueCode(Authorization authorization) {
    User user = users.get(authorization.user());
    Set<String> allowed = user != null ? user.scopes() : Set.of();
    String code = issuer.randomId();
    codes.put(code, authorization, Scopes.grant(Scopes.parse(authorization.scope()), allowed));
    return code;
  }

  /** The configured application with this consumer key, if any; for the browser flow's checks. */
  public Optional<Application> application(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(applications.get(clientId));
  }

  /**
   * Checks a user's password as the password grant does (wrong password, locked account, and the
   * lock's revocation of the user's tokens), for the browser flow's login form. Returns the
   * user's name as the user store spells it.
   */
  public String signIn(String username, String password) {
    return checkPassword(username, password).username();
  }

  /** The client an ID token this gateway issued names; empty for anything else. */
  public Optional<String> idTokenClient(String idToken) {
    if (idToken == null || idToken.isEmpty() || idToken.length() > 16 * 1024) return Optional.empty();
    return Optional.ofNullable(issuer.idTokenClient(idToken));
  }

  /** True while {@code username} is locked out, whatever the password. */
  public boolean isLocked(String username) {
    return users.isLocked(username, clock.instant());
  }

  /**
   * Revokes the access or refresh token {@code token} and the row it belongs to, even when the
   * access token has expired. An unknown token, or another client's refresh token (refresh tokens
   * are looked up per client), revokes nothing and is not an error; another client's access token is
   * refused with 401 {@code unauthorized_client}.
   */
  public Revocation revoke(String clientId, String clientSecret, String token, String tokenTypeHint) {
    Application application = authenticate(clientId, clientSecret, null);
    if (token == null || token.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing token parameter");
    }
    TokenRecord byAccess = table.byAccessToken(token);
    if (byAccess != null && !byAccess.isCurrent()) byAccess = null;
    TokenRecord byRefresh = table.byRefreshToken(token);
    if (byRefresh != null && !byRefresh.clientId().equals(application.consumerKey())) byRefresh = null;
    TokenRecord record = "refresh_token".equals(tokenTypeHint)
        ? firstNonNull(byRefresh, byAccess) : firstNonNull(byAccess, byRefresh);
    if (record == null) return Revocation.nothing();
    if (!record.clientId().equals(application.consumerKey())) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, 401, "Client Authentication failed.");
    }
    Instant now = clock.instant();
    Boolean revoked = table.lockedIfPresent(record, slot -> {
      if (!record.isCurrent()) return false;
      table.retire(slot, record, TokenState.REVOKED, now);
      return true;
    });
    // No slot: an expired row whose refresh token moved on. It is revoked all the same.
    if (revoked == null) revoked = table.retireDetached(record, now);
    journal.awaitDurable();
    return revoked ? Revocation.of(record.accessToken, record.refreshToken, record.user()) : Revocation.nothing();
  }

  /**
   * The key manager's answer for a token presented to an API: its details if it is an ACTIVE
   * unexpired access token. Revoked, replaced, expired and unknown tokens are all simply absent.
   */
  public Optional<TokenInfo> validate(String accessToken) {
    TokenRecord record = accessToken == null ? null : table.byAccessToken(accessToken);
    if (record == null || record.state != TokenState.ACTIVE) return Optional.empty();
    return unexpired(record);
  }

  /**
   * What a gateway that learns of revocations late sees: like {@link #validate}, except that a token
   * revoked or replaced less than the configured revocation delay ago still passes. Expiry is never
   * late: a gateway checks it itself.
   */
  public Optional<TokenInfo> validateAtGateway(String accessToken) {
    TokenRecord record = accessToken == null ? null : table.byAccessToken(accessToken);
    if (record == null) return Optional.empty();
    if (record.state == TokenState.ACTIVE) return unexpired(record);
    Instant retiredAt = record.retiredAt;
    if (record.state == TokenState.EXPIRED || retiredAt == null) return Optional.empty();
    Instant now = clock.instant();
    if (!now.isBefore(retiredAt.plus(revocationDelay)) || record.accessExpiredAt(now)) return Optional.empty();
    return Optional.of(record.info());
  }

  /**
   * Introspection (RFC 7662): an active access token, or an active refresh token with the refresh
   * token's own times. WSO2 reads {@code token_type_hint} only to choose which kind to look up first,
   * and a token is never both, so the hint changes no answer and is not asked for.
   */
  public Optional<Introspection> introspect(String token) {
    Optional<TokenInfo> access = validate(token);
    if (access.isPresent()) {
      TokenInfo info = access.get();
      return Optional.of(new Introspection(info, false, info.issuedAt(), info.expiresAt()));
    }
    TokenRecord record = token == null ? null : table.byRefreshToken(token);
    if (record == null || !record.isCurrent() || !clock.instant().isBefore(record.refreshExpiresAt)) {
      return Optional.empty();
    }
    // A refresh token's expiry is fixed when it is first issued, a full validity of its application,
    // and stays when it is inherited or not rotated: it tells when the refresh token was issued.
    Instant issuedAt = record.refreshExpiresAt.minus(record.application.refreshTokenValidity());
    return Optional.of(new Introspection(record.info(), true, issuedAt, record.refreshExpiresAt));
  }

  /** The public signing key as a JWK Set (JSON); waits for the key if it is still being generated. */
  public String jwkSetJson() {
    return issuer.jwkSetJson();
  }

  /** Every ACTIVE, unexpired token; with {@code includeRetired}, also the last retired ones. */
  public List<TokenInfo> tokens(boolean includeRetired) {
    Instant now = clock.instant();
    List<TokenInfo> result = new ArrayList<>();
    for (KeySlot slot : table.slots()) {
      table.lockedIfPresent(slot, current -> {
        for (TokenRecord record : current.active()) {
          if (record.accessExpiredAt(now)) {
            table.retire(current, record, TokenState.EXPIRED, now);
          } else {
            result.add(record.info());
          }
        }
        return null;
      });
    }
    if (includeRetired) result.addAll(table.history());
    result.sort(Comparator.comparing(TokenInfo::issuedAt).thenComparing(TokenInfo::id));
    return result;
  }

  /** Revokes every token of {@code username}, as an administrator would; returns how many. */
  public int revokeAll(String username) {
    Instant now = clock.instant();
    int count = 0;
    for (KeySlot slot : table.slots()) {
      if (!slot.key.user().equals(username)) continue;
      Integer revoked = table.lockedIfPresent(slot, current -> {
        int n = 0;
        for (TokenRecord record : new ArrayList<>(current.records)) {
          if (record.isCurrent()) {
            table.retire(current, record, TokenState.REVOKED, now);
            n++;
          }
        }
        return n;
      });
      if (revoked != null) count += revoked;
    }
    journal.awaitDurable();
    return count;
  }

  /**
   * Changes a user's password and, as WSO2 does on a credential update, revokes the user's tokens.
   * Returns false when there is no such user.
   */
  public boolean changePassword(String username, String newPassword) {
    if (!users.changePassword(username, newPassword)) return false;
    revokeAll(username);
    return true;
  }

  /** Forgets every token, code, password change and account lock: the configured state, as at start. */
  public void reset() {
    table.clear();
    codes.clear();
    users.reset();
    journal.cleared();
    journal.awaitDurable();
  }

  /** Purges the rows of dead tokens now, rather than when the next token request finds it due. */
  void purge() {
    table.purge(clock.instant());
  }

  /** How many rows and keys the table holds; for memory tests. */
  int rowCount() {
    return table.size();
  }

  int keyCount() {
    return table.slotCount();
  }

  private void load(GatewayDatabase database) {
    users.load(database.changedPasswords());
    List<TokenRecord> records = new ArrayList<>();
    for (GatewayDatabase.Row row : database.takeRows()) {
      Application application = applications.get(row.key().clientId());
      if (application == null) {
        database.delete(row.id());
        continue;
      }
      SortedSet<String> scopes = new TreeSet<>();
      for (String scope : row.key().scopes().split(" ")) {
        if (!scope.isEmpty()) scopes.add(scope);
      }
      TokenRecord record = new TokenRecord(row.id(), row.key(), application, Collections.unmodifiableSortedSet(scopes),
          row.grantType(), row.issuedAt(), row.expiresAt(), row.refreshToken(), row.refreshExpiresAt());
      record.accessToken = row.accessToken();
      record.state = row.state();
      record.retiredAt = row.retiredAt();
      records.add(record);
    }
    Instant now = clock.instant();
    table.load(records, now);
    table.purge(now);
  }

  /**
   * The user whose password {@code password} is, or the OAuth error; the failure that locks an
   * account also revokes the user's tokens, as WSO2 does.
   */
  private User checkPassword(String username, String password) {
    UserStore.SignIn signIn = users.signIn(username, password, clock.instant());
    if (signIn.lockedNow) {
      revokeAll(signIn.user.username());
      throw UserStore.locked(signIn.user.username());
    }
    return signIn.user;
  }

  /** Revokes the row of {@code accessToken}, if it is still current; what a replayed code does. */
  private void revokeAccessToken(String accessToken) {
    TokenRecord record = table.byAccessToken(accessToken);
    if (record == null) return;
    Instant now = clock.instant();
    table.lockedIfPresent(record, slot -> {
      if (record.isCurrent()) table.retire(slot, record, TokenState.REVOKED, now);
      return null;
    });
    journal.awaitDurable();
  }

  /**
   * The client: a confidential one by its secret, a public one by its id alone (no secret sent),
   * except for {@code client_credentials}, which WSO2 never lets a public client authenticate for.
   */
  private Application authenticate(String clientId, String clientSecret, String grantType) {
    if (clientId == null || clientId.isEmpty()) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed: no client credentials");
    }
    Application application = applications.get(clientId);
    if (application != null && application.isPublicClient() && clientSecret == null) {
      if (GrantType.CLIENT_CREDENTIALS.wireName().equals(grantType)) {
        throw new OAuthException(OAuthError.INVALID_CLIENT, "Unsupported Client Authentication Method!");
      }
      return application;
    }
    if (application == null || !application.secretMatches(clientSecret)) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client credentials are invalid.");
    }
    return application;
  }

  private Optional<TokenInfo> unexpired(TokenRecord record) {
    Instant now = clock.instant();
    if (!record.accessExpiredAt(now)) return Optional.of(record.info());
    table.lockedIfPresent(record, slot -> {
      if (record.state == TokenState.ACTIVE) table.retire(slot, record, TokenState.EXPIRED, now);
      return null;
    });
    return Optional.empty();
  }

  private static <T> T firstNonNull(T first, T second) {
    return first != null ? first : second;
  }
}

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.browser.BrowserEndpoint;
import dev.resilientsession.gateway.browser.BrowserSession;
import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.token.DataDirException;
import dev.resilientsession.gateway.token.GatewayDatabase;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenService;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.mockwebserver.Dispatcher;

/**
 * A mock WSO2 API Manager: token endpoint, browser sign-in (authorization code + PKCE, a login
 * page, single sign-on), revocation, introspection, JWKS, OpenID Connect discovery and userinfo,
 * and protected APIs, with the QA controls (clock, revocation, faults) as plain methods. Serve it by giving
 * {@link #dispatcher()} to a {@code MockWebServer}, or use {@code MockGatewayServer} or
 * {@code MockGatewayExtension}.
 *
 * <pre>{@code
 * MockWebServer server = new MockWebServer();
 * server.setDispatcher(MockGateway.create(GatewayConfig.defaults()).dispatcher());
 * }</pre>
 *
 * <p>It keeps everything in memory unless {@link Builder#dataDir} gives it a database, as WSO2
 * keeps its tokens in one: then {@link #close} it, and a gateway on the same directory later takes
 * up its tokens, password changes, signing key and clock offset.
 */
public final class MockGateway implements Closeable {
  private final GatewayConfig config;
  private final AdjustableClock clock;
  private final TokenService tokens;
  private final GatewayTokenCache tokenCache;
  private final ApiGate api;
  private final FaultPlan faults = new FaultPlan();
  /** What sheds token requests beyond {@link GatewayConfig#tokenCapacity()}; null without one. */
  private final Fault configuredOverload;
  /** The configured capacity's bucket, new on reset; null without one. */
  private volatile TokenCapacity configuredCapacity;
  private final LongAdder tokenRequestsAdmitted = new LongAdder();
  private final LongAdder tokenRequestsShed = new LongAdder();
  private final BrowserEndpoint browser;
  private final GatewayHttp http;
  /** Null for an in-memory gateway. */
  private final GatewayDatabase database;
  /** Null when {@code /admin} is open. */
  private final AdminToken adminToken;

  private MockGateway(GatewayConfig config, Clock clock, Executor keyExecutor, Path dataDir, AdminToken adminToken) {
    this.config = Objects.requireNonNull(config, "config");
    this.adminToken = adminToken;
    this.clock = new AdjustableClock(Objects.requireNonNull(clock, "clock"));
    this.database = dataDir == null ? null : GatewayDatabase.open(dataDir);
    try {
      if (database != null) this.clock.restoreOffset(database.clockOffset());
      this.tokens = keyExecutor == null && database == null ? TokenService.create(config, this.clock)
          : new TokenService(config, this.clock, keyExecutor == null ? TokenService.backgroundThreads() : keyExecutor, database);
    } catch (RuntimeException e) {
      if (database != null) database.close();
      throw e;
    }
    this.tokenCache = new GatewayTokenCache(this.tokens, config.gatewayTokenCache(), this.clock);
    this.api = new ApiGate(tokenCache, config.resources(), config.strictResources());
    this.browser = new BrowserEndpoint(tokens, this.clock);
    this.configuredOverload = config.tokenCapacity() == 0 ? null
        : Fault.of(Fault.Target.TOKEN, Fault.Kind.OVERLOADED).capacity(config.tokenCapacity());
    this.configuredCapacity = newConfiguredCapacity();
    this.http = new GatewayHttp(this);
  }

  /** A gateway on the system clock. */
  public static MockGateway create(GatewayConfig config) {
    return builder(config).build();
  }

  /** A gateway whose time is {@code clock}, plus whatever {@link #advanceClock} adds. */
  public static MockGateway create(GatewayConfig config, Clock clock) {
    return builder(config).clock(clock).build();
  }

  /**
   * Like {@link #create(GatewayConfig, Clock)}, generating the JWT signing key (half a second of
   * CPU) on {@code keyExecutor}, for servers that want it off their start-up path.
   */
  public static MockGateway create(GatewayConfig config, Clock clock, Executor keyExecutor) {
    return builder(config).clock(clock).background(keyExecutor).build();
  }

  /** Configures a gateway: its clock, background executor and, to outlive a restart, a data directory. */
  public static Builder builder(GatewayConfig config) {
    return new Builder(config);
  }

  /** Serves this gateway from a {@code MockWebServer}. */
  public Dispatcher dispatcher() {
    return MockWebServerDispatcher.of(http);
  }

  /** The gateway's HTTP side, for {@code MockGatewayServer}: every request it answers goes through this. */
  public HttpHandler httpHandler() {
    return http;
  }

  public GatewayConfig config() {
    return config;
  }

  /** The token rules, for tests that want to issue or inspect tokens without HTTP. */
  public TokenService tokens() {
    return tokens;
  }

  /**
   * Whether {@code /admin} answers only requests that carry the admin token given to {@link
   * Builder#adminToken}; without one it is open, which only a gateway on loopback may be.
   */
  public boolean requiresAdminToken() {
    return adminToken != null;
  }

  /** The token {@code /admin} requires; null when it is open. */
  AdminToken adminToken() {
    return adminToken;
  }

  /** The browser sign-in's HTTP side, for the dispatcher. */
  BrowserEndpoint browser() {
    return browser;
  }

  /** The browsers signed in at the gateway (single sign-on sessions), oldest first. */
  public List<BrowserSession> browserSessions() {
    return browser.sessions();
  }

  /** Ends one browser session, by its id (the ID tokens' {@code sid}); false when there is none. */
  public boolean endBrowserSession(String id) {
    return browser.endSession(id);
  }

  /**
   * Ends every browser session of {@code username}, as a WSO2 administrator can: the user's next
   * browser sign-in shows the login form again. Tokens are not revoked. Returns how many ended.
   */
  public int endBrowserSessions(String username) {
    return browser.endSessions(username);
  }

  /** The API access rules. */
  ApiGate api() {
    return api;
  }

  /** The gateway's current time. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * The gateway's time as a {@link Clock}, moved by {@link #advanceClock}: devices simulated in the
   * same process can share it, so that an hour passes for them as for the gateway.
   */
  public Clock clock() {
    return clock;
  }

  /** Moves the gateway's clock forward, so tokens expire without waiting; returns the new time. */
  public synchronized Instant advanceClock(Duration amount) {
    Instant now = clock.advance(amount);
    if (database != null) database.clockOffsetChanged(clock.offset());
    return now;
  }

  /** Every ACTIVE token, oldest first. */
  public List<TokenInfo> activeTokens() {
    return tokens.tokens(false);
  }

  /** Revokes every token of {@code username}; returns how many. */
  public int revokeAllTokens(String username) {
    return tokens.revokeAll(username);
  }

  /**
   * Changes a user's password, which revokes the user's tokens and ends the user's browser
   * sessions, as WSO2 does on a credential update; false when there is no such user.
   */
  public boolean changePassword(String username, String newPassword) {
    if (!tokens.changePassword(username, newPassword)) return false;
    browser.endSessions(username);
    return true;
  }

  /**
   * Makes {@code fault} strike the next requests to its target. A fault {@link Fault#during a
   * window} starts now, on this gateway's clock. An {@code OVERLOADED} fault takes over from the
   * configured {@link GatewayConfig#tokenCapacity() token capacity} and from older overloads
   * while it is in force.
   *
   * @throws IllegalArgumentException for an {@code OVERLOADED} fault without a {@link Fault#capacity}.
   */
  public void injectFault(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    TokenCapacity capacity = null;
    if (fault.kind() == Fault.Kind.OVERLOADED) {
      if (fault.capacity() == 0) {
        throw new IllegalArgumentException("an overloaded fault needs a capacity, as in "
            + "Fault.of(Target.TOKEN, Kind.OVERLOADED).capacity(500)");
      }
      capacity = new TokenCapacity(fault.capacity(), clock);
    }
    faults.add(fault, now(), capacity);
  }

  /** Clears every injected fault; the configured token capacity stays. */
  public void clearFaults() {
    faults.clear();
  }

  /** The faults that have not struck yet or are in force, with their count or time left. */
  public List<Fault> pendingFaults() {
    List<FaultPlan.Listed> listed = faults.pending(now());
    List<Fault> result = new ArrayList<>(listed.size());
    for (FaultPlan.Listed fault : listed) result.add(fault.fault);
    return result;
  }

  /** The faults with what each overload admitted and shed, for the admin listing. */
  List<FaultPlan.Listed> listFaults() {
    return faults.pending(now());
  }

  /** The fault that strikes this request to {@code target} at {@code stage}, if any; consumes it. */
  Fault strikeFault(Fault.Target target, Fault.Stage stage) {
    return faults.strike(target, stage, now());
  }

  /**
   * Null when a token request may go on to grant work; otherwise the overload that sheds it: the
   * newest {@code OVERLOADED} fault in force, or else the configured capacity. Costs no lock.
   */
  Fault shedTokenRequest() {
    Instant now = now();
    FaultPlan.Entry overload = faults.overload(now);
    TokenCapacity capacity = overload != null ? overload.capacity : configuredCapacity;
    if (capacity == null || capacity.admit()) {
      tokenRequestsAdmitted.increment();
      return null;
    }
    tokenRequestsShed.increment();
    return overload != null ? overload.fault : configuredOverload;
  }

  /**
   * Token requests that went on to grant work since the gateway started or was {@link #reset}:
   * those no injected fault struck and no capacity shed.
   */
  public long tokenRequestsAdmitted() {
    return tokenRequestsAdmitted.sum();
  }

  /**
   * Token requests shed since the gateway started or was {@link #reset}, by an {@code OVERLOADED}
   * fault or the configured {@link GatewayConfig#tokenCapacity() token capacity}.
   */
  public long tokenRequestsShed() {
    return tokenRequestsShed.sum();
  }

  private TokenCapacity newConfiguredCapacity() {
    return config.tokenCapacity() == 0 ? null : new TokenCapacity(config.tokenCapacity(), clock);
  }

  /**
   * Back to the configured state: forgets every token, browser session, fault, password change and account lock,
   * and undoes clock advances, in the database too; the token request counts start again from zero. Not a
   * restart: a gateway restarted on the same data directory keeps its tokens, as WSO2 keeps them in a database.
   */
  public synchronized void reset() {
    tokens.reset();
    browser.reset();
    tokenCache.clear();
    faults.clear();
    clock.resetOffset();
    configuredCapacity = newConfiguredCapacity();
    tokenRequestsAdmitted.reset();
    tokenRequestsShed.reset();
  }

  /** The data directory the gateway keeps its state in; null when it keeps it in memory. */
  public Path dataDir() {
    return database == null ? null : database.directory();
  }

  /**
   * Writes what the database has not written yet and closes it, so another gateway can open the
   * directory; nothing to do for an in-memory gateway. Do not use the gateway afterwards.
   */
  @Override public void close() {
    if (database != null) database.close();
  }

  @Override public String toString() {
    return "MockGateway{" + config + (database == null ? "" : ", dataDir=" + database.directory()) + "}";
  }

  /** Configures and builds a {@link MockGateway}. */
  public static final class Builder {
    private final GatewayConfig config;
    private Clock clock = Clock.systemUTC();
    private Executor background;
    private Path dataDir;
    private AdminToken adminToken;

    private Builder(GatewayConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The gateway's time, plus whatever {@link #advanceClock} adds; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the JWT signing key (half a second of CPU) is generated and dead rows are purged; a
     * daemon thread per task by default.
     */
    public Builder background(Executor executor) {
      this.background = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Keeps tokens, password changes (salted hashes), the signing key and the clock offset in an H2
     * database under {@code directory}, made if missing, so a gateway built on it after this one is
     * {@linkplain #close closed}, or killed, takes them up: a request that changes anything is
     * answered once its change is written, the requests that arrive together sharing one write (503
     * {@code temporarily_unavailable} when it cannot be written within five seconds). Null (the
     * default): memory only.
     */
    public Builder dataDir(Path directory) {
      this.dataDir = directory;
      return this;
    }

    /**
     * Requires {@code token} on every {@code /admin} request, wherever the gateway is served:
     * {@code Authorization: Bearer <token>}, or Basic with the token as the password. Anything else
     * gets 401 and changes nothing. Null (the default) leaves {@code /admin} open, as for a gateway
     * on loopback; {@code MockGatewayServer} refuses to listen beyond loopback without a token.
     *
     * @throws IllegalArgumentException when the token is empty or holds anything but visible ASCII;
     *     the message never repeats the token
     */
    public Builder adminToken(String token) {
      this.adminToken = token == null ? null : AdminToken.of(token);
      return this;
    }

    /**
     * The gateway; with a {@link #dataDir}, throws {@link DataDirException} naming the directory when
     * it cannot be used (not a directory, unreadable, corrupt, or open in another gateway).
     */
    public MockGateway build() {
      return new MockGateway(config, clock, background, dataDir, adminToken);
    }
  }
}

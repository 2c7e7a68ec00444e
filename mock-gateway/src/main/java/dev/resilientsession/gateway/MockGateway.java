package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import okhttp3.mockwebserver.Dispatcher;

/**
 * A mock WSO2 API Manager: token endpoint, revocation, introspection, JWKS and protected APIs,
 * with the QA controls (clock, revocation, faults) as plain methods. Serve it by giving
 * {@link #dispatcher()} to a {@code MockWebServer}, or use {@code MockGatewayServer} or
 * {@code MockGatewayExtension}.
 *
 * <pre>{@code
 * MockWebServer server = new MockWebServer();
 * server.setDispatcher(MockGateway.create(GatewayConfig.defaults()).dispatcher());
 * }</pre>
 */
public final class MockGateway {
  private final GatewayConfig config;
  private final AdjustableClock clock;
  private final TokenService tokens;
  private final GatewayTokenCache tokenCache;
  private final ApiGate api;
  private final FaultPlan faults = new FaultPlan();
  private final GatewayDispatcher dispatcher;

  private MockGateway(GatewayConfig config, Clock clock, Executor keyExecutor) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = new AdjustableClock(Objects.requireNonNull(clock, "clock"));
    this.tokens = keyExecutor == null ? TokenService.create(config, this.clock)
        : new TokenService(config, this.clock, keyExecutor);
    this.tokenCache = new GatewayTokenCache(this.tokens, config.gatewayTokenCache(), this.clock);
    this.api = new ApiGate(tokenCache, config.resources(), config.strictResources());
    this.dispatcher = new GatewayDispatcher(this);
  }

  /** A gateway on the system clock. */
  public static MockGateway create(GatewayConfig config) {
    return new MockGateway(config, Clock.systemUTC(), null);
  }

  /** A gateway whose time is {@code clock}, plus whatever {@link #advanceClock} adds. */
  public static MockGateway create(GatewayConfig config, Clock clock) {
    return new MockGateway(config, clock, null);
  }

  /**
   * Like {@link #create(GatewayConfig, Clock)}, generating the JWT signing key (half a second of
   * CPU) on {@code keyExecutor}, for servers that want it off their start-up path.
   */
  public static MockGateway create(GatewayConfig config, Clock clock, Executor keyExecutor) {
    return new MockGateway(config, clock, Objects.requireNonNull(keyExecutor, "keyExecutor"));
  }

  /** Serves this gateway from a {@code MockWebServer}. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public GatewayConfig config() {
    return config;
  }

  /** The token rules, for tests that want to issue or inspect tokens without HTTP. */
  public TokenService tokens() {
    return tokens;
  }

  /** The API access rules. */
  ApiGate api() {
    return api;
  }

  /** The gateway's current time. */
  public Instant now() {
    return clock.instant();
  }

  /** Moves the gateway's clock forward, so tokens expire without waiting; returns the new time. */
  public Instant advanceClock(Duration amount) {
    return clock.advance(amount);
  }

  /** Every ACTIVE token, oldest first. */
  public List<TokenInfo> activeTokens() {
    return tokens.tokens(false);
  }

  /** Revokes every token of {@code username}; returns how many. */
  public int revokeAllTokens(String username) {
    return tokens.revokeAll(username);
  }

  /** Changes a user's password, which revokes the user's tokens; false when there is no such user. */
  public boolean changePassword(String username, String newPassword) {
    return tokens.changePassword(username, newPassword);
  }

  /**
   * Makes {@code fault} strike the next requests to its target. A fault {@link Fault#during a
   * window} starts now, on this gateway's clock.
   */
  public void injectFault(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"), now());
  }

  public void clearFaults() {
    faults.clear();
  }

  /** The faults that have not struck yet, with their count or time left. */
  public List<Fault> pendingFaults() {
    return faults.pending(now());
  }

  /** The fault that strikes this request to {@code target} at {@code stage}, if any; consumes it. */
  Fault strikeFault(Fault.Target target, Fault.Stage stage) {
    return faults.strike(target, stage, now());
  }

  /**
   * Back to the configured state: forgets every token, fault, password change and account lock,
   * and undoes clock advances. Not a restart: a restarted gateway keeps its tokens, as WSO2 keeps
   * them in a database.
   */
  public void reset() {
    tokens.reset();
    tokenCache.clear();
    faults.clear();
    clock.resetOffset();
  }

  @Override public String toString() {
    return "MockGateway{" + config + "}";
  }
}

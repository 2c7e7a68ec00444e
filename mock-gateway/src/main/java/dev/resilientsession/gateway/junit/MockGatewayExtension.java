package dev.resilientsession.gateway.junit;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a mock gateway for JUnit 5 tests. In a {@code static} field it serves the whole test class;
 * in an instance field, a fresh gateway per test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockGatewayExtension gateway = MockGatewayExtension.builder()
 *     .config(GatewayConfig.defaults())
 *     .build();
 *
 * @Test void signsIn() {
 *   HttpUrl tokenUrl = gateway.url("/oauth2/token");
 *   ...
 * }
 * }</pre>
 */
public final class MockGatewayExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final GatewayConfig config;
  private final Clock clock;
  private final boolean https;
  private final String adminToken;
  private MockGatewayServer server;
  private boolean perClass;
  /** The class that started a class-wide gateway; its @Nested classes get the callbacks too and share it. */
  private String startedBy;

  private MockGatewayExtension(Builder builder) {
    this.config = builder.config;
    this.clock = builder.clock;
    this.https = builder.https;
    this.adminToken = builder.adminToken;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The running gateway: its token rules and QA controls (clock, revocation, faults). */
  public MockGateway gateway() {
    return running().gateway();
  }

  /** The running server, for its URL, port and certificate. */
  public MockGatewayServer server() {
    return running();
  }

  /**
   * A new user at a new browser, for browser sign-in without a browser: it posts the login form
   * and returns the redirect the app would receive. Trusts the gateway's certificate over HTTPS.
   */
  public BrowserRobot browserRobot() {
    return running().browserRobot();
  }

  /** The gateway's URL for {@code path}, such as {@code /oauth2/token}. */
  public HttpUrl url(String path) {
    return running().url(path);
  }

  @Override public void beforeAll(ExtensionContext context) {
    perClass = true;
    if (startedBy != null) return;
    startedBy = context.getUniqueId();
    start();
  }

  @Override public void afterAll(ExtensionContext context) {
    if (!context.getUniqueId().equals(startedBy)) return;
    startedBy = null;
    stop();
  }

  @Override public void beforeEach(ExtensionContext context) {
    if (!perClass) start();
  }

  @Override public void afterEach(ExtensionContext context) {
    if (!perClass) stop();
  }

  private void start() {
    MockGateway gateway = MockGateway.builder(config).clock(clock).adminToken(adminToken).build();
    MockGatewayServer.Builder builder = MockGatewayServer.builder(gateway).recordRequests(true);
    if (https) builder.https();
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("mock gateway failed to start", e);
    }
  }

  private void stop() {
    if (server == null) return;
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("mock gateway failed to stop", e);
    } finally {
      server = null;
    }
  }

  private MockGatewayServer running() {
    if (server == null) {
      throw new IllegalStateException("the mock gateway runs only during a test; register the extension "
          + "with @RegisterExtension");
    }
    return server;
  }

  /** Configures a {@link MockGatewayExtension}. */
  public static final class Builder {
    private GatewayConfig config = GatewayConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private boolean https;
    private String adminToken;

    private Builder() {
    }

    /** The gateway's config; {@link GatewayConfig#defaults()} when not set. */
    public Builder config(GatewayConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The gateway's clock; tests move time with it or with {@code gateway().advanceClock()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Serves HTTPS; trust {@code server().clientCertificates()} in the client. */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * Requires {@code token} on the gateway's {@code /admin} requests, as a standalone gateway
     * listening beyond loopback does, for testing a client of the controls. The extension's own
     * helpers ({@link MockGatewayExtension#gateway()}, {@link MockGatewayExtension#browserRobot()})
     * need none. A token that is empty or holds anything but visible ASCII fails the gateway's start.
     */
    public Builder adminToken(String token) {
      this.adminToken = token;
      return this;
    }

    public MockGatewayExtension build() {
      return new MockGatewayExtension(this);
    }
  }
}

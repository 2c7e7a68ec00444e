package dev.resilientsession.gateway.server;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.junit.BrowserRobot;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A {@link MockGateway} served over HTTP or HTTPS by MockWebServer, with MockWebServer's two
 * traps for long runs removed: accepted sockets get TCP_NODELAY, and recorded requests are
 * drained unless the caller wants them. It listens beyond loopback only for a gateway whose
 * {@code /admin} requires an admin token ({@link MockGateway.Builder#adminToken}).
 */
public final class MockGatewayServer implements Closeable {
  private final MockGateway gateway;
  private final MockWebServer server;
  private final TlsMaterial tls;

  private MockGatewayServer(MockGateway gateway, MockWebServer server, TlsMaterial tls) {
    this.gateway = gateway;
    this.server = server;
    this.tls = tls;
  }

  public static Builder builder(MockGateway gateway) {
    return new Builder(gateway);
  }

  /**
   * Whether a server bound to {@code address} can be reached from other hosts: true for the
   * wildcard addresses ({@code 0.0.0.0}, {@code ::}) and every address outside {@code 127/8} and
   * {@code ::1}.
   */
  static boolean listensBeyondLoopback(InetAddress address) {
    return !address.isLoopbackAddress();
  }

  public MockGateway gateway() {
    return gateway;
  }

  /** The underlying server, for {@code takeRequest()} when requests are recorded. */
  public MockWebServer mockWebServer() {
    return server;
  }

  /** The server's URL for {@code path}, such as {@code https://localhost:9443/oauth2/token}. */
  public HttpUrl url(String path) {
    return server.url(path);
  }

  /**
   * The origin clients reach, such as {@code https://localhost:9443}: {@code url("/")} without its
   * slash, built by hand for a host name because HttpUrl's host check loads Java's IDN tables,
   * about 25 ms of a cold start.
   */
  public String origin() {
    String host = server.getHostName();
    if (host.indexOf(':') != -1) {
      String url = server.url("/").toString(); // IPv6, written the short way
      return url.substring(0, url.length() - 1);
    }
    return (tls != null ? "https" : "http") + "://" + host + ":" + server.getPort();
  }

  /**
   * {@code host}'s address; {@code localhost} without asking the resolver, which costs a cold JVM
   * about 10 ms, as the JDK's loopback address is what it would answer.
   */
  static InetAddress resolve(String host) throws java.net.UnknownHostException {
    return host.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
  }

  /**
   * Loads and initializes MockWebServer's classes (OkHttp, okio, Kotlin), about 100 ms of a cold
   * JVM, so that a second thread can do it while the first builds the gateway.
   */
  static void loadClasses() {
    new MockWebServer(); // never started: it holds no thread and no socket
  }

  public int port() {
    return server.getPort();
  }

  public boolean isHttps() {
    return tls != null;
  }

  /** The CA certificate clients must trust, as PEM; null for plain HTTP. */
  public String certificateAuthorityPem() {
    return tls == null ? null : tls.authorityPem();
  }

  /** The CA clients must trust, as OkHttp handshake certificates; null for plain HTTP. */
  public okhttp3.tls.HandshakeCertificates clientCertificates() {
    if (tls == null) return null;
    return new okhttp3.tls.HandshakeCertificates.Builder()
        .addTrustedCertificate(tls.authorityCertificate())
        .build();
  }

  /**
   * A new user at a new browser (see {@link BrowserRobot}), trusting this server's certificate
   * over HTTPS.
   */
  public BrowserRobot browserRobot() {
    okhttp3.OkHttpClient.Builder client = new okhttp3.OkHttpClient.Builder();
    if (tls != null) {
      okhttp3.tls.HandshakeCertificates certificates = clientCertificates();
      client.sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager());
    }
    return BrowserRobot.create(client.build());
  }

  /** Stops serving, then closes the gateway, which writes and closes its database if it has one. */
  @Override public void close() throws IOException {
    try {
      server.shutdown();
    } finally {
      gateway.close();
    }
  }

  /** Configures and starts a {@link MockGatewayServer}. */
  public static final class Builder {
    private final MockGateway gateway;
    private String host = "localhost";
    private int port;
    private boolean https;
    private TlsMaterial tls;
    private boolean recordRequests;
    private PrintStream accessLog;

    private Builder(MockGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /**
     * The address to listen on; {@code localhost} by default. Any other than a loopback address
     * needs a gateway that requires an admin token.
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, was " + port);
      this.port = port;
      return this;
    }

    /** Serves HTTPS with a freshly generated certificate (see {@link #certificateAuthorityPem()}). */
    public Builder https() {
      this.https = true;
      return this;
    }

    Builder https(TlsMaterial tls) {
      this.https = true;
      this.tls = tls;
      return this;
    }

    /** Keeps every request for {@link MockWebServer#takeRequest()}; for tests, never for long runs. */
    public Builder recordRequests(boolean record) {
      this.recordRequests = record;
      return this;
    }

    /** Writes one line per request (time, method, path, status; never a credential) to {@code log}. */
    public Builder accessLog(PrintStream log) {
      this.accessLog = log;
      return this;
    }

    /**
     * Starts serving.
     *
     * @throws IllegalStateException when the {@link #host} is not a loopback address and the
     *     gateway's {@code /admin} is open: anyone who reaches the port could reset it
     */
    public MockGatewayServer start() throws IOException {
      InetAddress address = resolve(host);
      if (listensBeyondLoopback(address) && !gateway.requiresAdminToken()) {
        throw new IllegalStateException("the gateway would listen beyond loopback (" + host + ") with its /admin "
            + "controls open to the network: build it with MockGateway.builder(config).adminToken(token)");
      }
      SilencedLogger.MOCK_WEB_SERVER.setLevel(Level.OFF);
      MockWebServer server = new MockWebServer();
      server.setServerSocketFactory(new NoDelayServerSocketFactory());
      server.setProtocols(List.of(Protocol.HTTP_1_1));
      server.setBodyLimit(gateway.config().maxBodyBytes() + 1L);
      TlsMaterial tls = this.tls;
      if (https && tls == null) tls = TlsMaterial.generate(host);
      if (tls != null) server.useHttps(tls.serverCertificates().sslSocketFactory(), false);
      Dispatcher dispatcher = gateway.dispatcher();
      if (!recordRequests || accessLog != null) {
        dispatcher = new ServingDispatcher(dispatcher, recordRequests ? null : server, accessLog);
      }
      server.setDispatcher(dispatcher);
      server.start(address, port);
      return new MockGatewayServer(gateway, server, tls);
    }
  }

  /**
   * MockWebServer's logger, held so that the silenced level is not garbage collected with it; in a
   * holder so that java.util.logging, about 80 ms of a cold start, starts with MockWebServer's
   * classes on their own thread ({@link #loadClasses}) rather than with the first call here.
   */
  private static final class SilencedLogger {
    static final Logger MOCK_WEB_SERVER = Logger.getLogger(MockWebServer.class.getName());
  }

  /** Drains MockWebServer's request queue so a long run holds no memory, and writes the access log. */
  private static final class ServingDispatcher extends Dispatcher {
    private final Dispatcher delegate;
    private final MockWebServer drained;
    private final PrintStream accessLog;

    ServingDispatcher(Dispatcher delegate, MockWebServer drained, PrintStream accessLog) {
      this.delegate = delegate;
      this.drained = drained;
      this.accessLog = accessLog;
    }

    @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      MockResponse response = delegate.dispatch(request);
      if (drained != null) {
        while (drained.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
          // Drop it: nobody will take it.
        }
      }
      if (accessLog != null) {
        String path = request.getPath();
        int query = path == null ? -1 : path.indexOf('?');
        accessLog.println(Instant.now() + " " + request.getMethod() + " "
            + (query == -1 ? path : path.substring(0, query)) + " " + response.getStatus().substring(9, 12));
      }
      return response;
    }

    @Override public MockResponse peek() {
      return delegate.peek();
    }

    @Override public void shutdown() {
      delegate.shutdown();
    }
  }
}

package dev.resilientsession.gateway.server;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.http.HttpResponse;
import dev.resilientsession.gateway.http.HttpServer;
import dev.resilientsession.gateway.junit.BrowserRobot;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;

/**
 * A {@link MockGateway} served over HTTP or HTTPS by the gateway's own HTTP/1.1 server, which a
 * cold JVM starts in milliseconds. It listens beyond loopback only for a gateway whose {@code
 * /admin} requires an admin token ({@link MockGateway.Builder#adminToken}).
 */
public final class MockGatewayServer implements Closeable {
  private final MockGateway gateway;
  private final HttpServer server;
  private final TlsMaterial tls;
  /** Null unless requests are recorded. */
  private final BlockingQueue<HttpRequest> recorded;
  private final String hostName;

  private MockGatewayServer(MockGateway gateway, HttpServer server, TlsMaterial tls, BlockingQueue<HttpRequest> recorded,
      String hostName) {
    this.gateway = gateway;
    this.server = server;
    this.tls = tls;
    this.recorded = recorded;
    this.hostName = hostName;
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

  /**
   * The oldest request not yet taken, waiting up to {@code timeout} for one; null when none came.
   *
   * @throws IllegalStateException unless the server was started with {@link Builder#recordRequests}
   */
  public HttpRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    if (recorded == null) throw new IllegalStateException("requests are not recorded: use recordRequests(true)");
    return recorded.poll(timeout, unit);
  }

  /** The server's URL for {@code path}, such as {@code https://localhost:9443/oauth2/token}. */
  public HttpUrl url(String path) {
    return new HttpUrl.Builder().scheme(tls != null ? "https" : "http").host(hostName).port(server.port()).build()
        .resolve(path);
  }

  /**
   * The origin clients reach, such as {@code https://localhost:9443}: {@code url("/")} without its
   * slash, built by hand for a host name because HttpUrl's host check loads Java's IDN tables and
   * OkHttp's classes, a good part of a cold start.
   */
  public String origin() {
    if (hostName.indexOf(':') != -1) {
      String url = url("/").toString(); // IPv6, written the short way
      return url.substring(0, url.length() - 1);
    }
    return (tls != null ? "https" : "http") + "://" + hostName + ":" + server.port();
  }

  /**
   * {@code host}'s address; {@code localhost} without asking the resolver, which costs a cold JVM
   * about 10 ms, as the JDK's loopback address is what it would answer.
   */
  static InetAddress resolve(String host) throws java.net.UnknownHostException {
    return host.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
  }

  public int port() {
    return server.port();
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
      server.close();
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
    private HttpHandler handler;

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

    /** Keeps every request for {@link #takeRequest}; for tests, never for long runs. */
    public Builder recordRequests(boolean record) {
      this.recordRequests = record;
      return this;
    }

    /**
     * Serves {@code handler} in place of the gateway's own {@link MockGateway#httpHandler()}: one
     * that passes requests on to it, to watch every exchange (as a benchmark counts token requests)
     * or to answer some requests itself.
     */
    public Builder handler(HttpHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
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
      TlsMaterial tls = this.tls;
      if (https && tls == null) tls = TlsMaterial.generate(host);
      BlockingQueue<HttpRequest> recorded = recordRequests ? new LinkedBlockingQueue<>() : null;
      HttpHandler handler = this.handler != null ? this.handler : gateway.httpHandler();
      if (recorded != null || accessLog != null) handler = new ServingHandler(handler, recorded, accessLog);
      HttpServer server = HttpServer.builder(handler)
          .address(address)
          .port(port)
          .tls(tls == null ? null : tls.serverSocketFactory())
          .bodyLimit(gateway.config().maxBodyBytes())
          .start();
      // What clients call it, as MockWebServer named it: the loopback address is localhost.
      String hostName = host.equals("localhost") ? host : address.getCanonicalHostName();
      return new MockGatewayServer(gateway, server, tls, recorded, hostName);
    }
  }

  /** Records requests for {@link #takeRequest} and writes the access log. */
  private static final class ServingHandler implements HttpHandler {
    private final HttpHandler delegate;
    private final BlockingQueue<HttpRequest> recorded;
    private final PrintStream accessLog;

    ServingHandler(HttpHandler delegate, BlockingQueue<HttpRequest> recorded, PrintStream accessLog) {
      this.delegate = delegate;
      this.recorded = recorded;
      this.accessLog = accessLog;
    }

    @Override public HttpResponse handle(HttpRequest request) {
      if (recorded != null) recorded.add(request);
      HttpResponse response = delegate.handle(request);
      if (accessLog != null) {
        String status = response.connection() == HttpResponse.Connection.DROP ? "dropped" : String.valueOf(response.status());
        accessLog.println(Instant.now() + " " + request.method() + " " + request.path() + " " + status);
      }
      return response;
    }
  }
}

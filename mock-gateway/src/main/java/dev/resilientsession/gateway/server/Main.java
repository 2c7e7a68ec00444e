package dev.resilientsession.gateway.server;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.config.ConfigException;
import dev.resilientsession.gateway.config.ConfigLoader;
import dev.resilientsession.gateway.server.Arguments.Option;
import dev.resilientsession.gateway.server.Arguments.UsageException;
import dev.resilientsession.gateway.token.DataDirException;
import dev.resilientsession.gateway.token.TokenService;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/** {@code java -jar mock-gateway.jar}: the mock gateway as a standalone server for QA. */
public final class Main {
  static final String VERSION = "mock-gateway 0.1.0";
  static final String ADMIN_TOKEN_VARIABLE = "MOCK_GATEWAY_ADMIN_TOKEN";
  private static final int HELP_WIDTH = 100;

  private static final String DESCRIPTION = "A faithful mock of WSO2 API Manager's token endpoint and gateway, "
      + "for multi-device tests.\n\n"
      + "Endpoints: POST /oauth2/token (and /token), POST /oauth2/revoke (and /revoke), "
      + "POST /oauth2/introspect, GET /oauth2/jwks, browser sign-in at GET /oauth2/authorize (a login page, "
      + "single sign-on, /oidc/logout), OpenID Connect discovery and /oauth2/userinfo, QA controls under "
      + "/admin/ (GET /admin lists them; beyond loopback they need the admin token); every other path is a "
      + "protected API that needs a Bearer token.\n\n"
      + "Without --config: user admin/admin, a JWT application jwt-client/jwt-client-secret, an "
      + "OPAQUE application opaque-client/opaque-client-secret, and a public application public-client "
      + "(no secret, PKCE mandatory) for browser sign-in to http://127.0.0.1/callback on any port.";

  private static final String FOOTER = "When ready it prints one line: mock-gateway listening on <url>\n"
      + "and, when it generated an admin token, a second: mock-gateway admin token: <token>\n"
      + "Exit status: 0 after a clean stop, 2 for a bad command line, config or data dir, 1 when it cannot listen.";

  static final List<Option> OPTIONS = List.of(
      Option.valued("--config", "FILE",
          "TOML config: WSO2's deployment.toml keys ([oauth.jwt|opaque.renew_token_without_revoking_existing], "
              + "[oauth.token_renewal]) and the mock's [gateway] users, applications, resources and token_capacity."),
      Option.valued("--port", "N", "Port to listen on; 0 picks a free one. Default: 9443, as WSO2."),
      Option.valued("--host", "ADDRESS", "Address to listen on; 0.0.0.0 for every interface. Any but a loopback "
          + "address makes /admin require the admin token. Default: localhost."),
      Option.valued("--admin-token", "TOKEN", "Require TOKEN on every /admin request, on loopback too: "
          + "Authorization: Bearer TOKEN, or Basic with TOKEN as the password (curl -u admin:TOKEN). Prefer the "
          + "environment variable " + ADMIN_TOKEN_VARIABLE + ", which ps does not show. Default: none on "
          + "loopback; beyond it, a new random token, printed after the ready line."),
      Option.flag("Serve plain HTTP instead of HTTPS.", "--plain-http"),
      Option.valued("--cert-out", "FILE",
          "Write the generated CA certificate (PEM) here before listening, for curl --cacert or a trust store."),
      Option.flag("Print one line per request: time, method, path, status.", "--access-log"),
      Option.valued("--data-dir", "DIR",
          "Keep tokens, password changes (salted hashes), the JWT signing key and the clock offset in an "
              + "H2 database under DIR (made if missing), so a restart on DIR signs nobody out, as WSO2 keeps them in "
              + "its database. A change is answered once it is in a file, so even a kill -9 loses nothing answered "
              + "(a power cut may lose the last ones). Default: memory only."),
      Option.valued("--token-capacity", "N",
          "Shed token requests beyond N a second (bursts up to N), as an overloaded key manager does: "
              + "503 temporarily_unavailable with Retry-After: 1, before any grant work. Overrides [gateway] "
              + "token_capacity. Default: no limit."),
      Option.flag("Show this help message and exit.", "-h", "--help"),
      Option.flag("Print version information and exit.", "-V", "--version"));

  private final PrintWriter err;
  private final Path config;
  private final int port;
  private final String host;
  private final String adminToken;
  private final boolean plainHttp;
  private final Path certOut;
  private final boolean accessLog;
  private final Path dataDir;
  private final Integer tokenCapacity;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private Main(Arguments arguments, Map<String, String> environment, PrintWriter err) {
    this.err = err;
    this.config = arguments.path("--config");
    this.port = arguments.integer("--port", 9443);
    this.host = arguments.string("--host", "localhost");
    this.adminToken = arguments.string("--admin-token", environment.get(ADMIN_TOKEN_VARIABLE));
    this.plainHttp = arguments.has("--plain-http");
    this.certOut = arguments.path("--cert-out");
    this.accessLog = arguments.has("--access-log");
    this.dataDir = arguments.path("--data-dir");
    this.tokenCapacity = arguments.integer("--token-capacity", null);
  }

  public static void main(String[] args) throws InterruptedException {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = execute(args, System.getenv(), out, err);
    if (status != 0) System.exit(status);
  }

  /**
   * Runs the command: help, the version, or the server, which blocks until the JVM is asked to
   * stop. Returns the exit status of anything that does not serve.
   */
  static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    Main main;
    try {
      Arguments arguments = Arguments.parse(OPTIONS, args);
      if (arguments.has("--help")) {
        out.print(usage());
        out.flush();
        return 0;
      }
      if (arguments.has("--version")) {
        out.println(VERSION);
        return 0;
      }
      main = new Main(arguments, environment, err);
    } catch (UsageException e) {
      err.println("mock-gateway: " + e.getMessage());
      err.println("Try 'java -jar mock-gateway.jar --help'.");
      return 2;
    }
    return main.serve();
  }

  static String usage() {
    StringBuilder usage = new StringBuilder("Usage: java -jar mock-gateway.jar [OPTION]...\n\n");
    paragraphs(usage, DESCRIPTION);
    usage.append('\n').append(Arguments.help(OPTIONS, HELP_WIDTH)).append('\n');
    paragraphs(usage, FOOTER);
    return usage.toString();
  }

  private static void paragraphs(StringBuilder out, String text) {
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        out.append('\n');
      } else {
        Arguments.wrap(out, line, 0, HELP_WIDTH);
      }
    }
  }


  /** Starts serving and blocks until the JVM is asked to stop; returns the exit status of a failed start. */
  private int serve() throws InterruptedException {
    if (port < 0 || port > 65535) return fail(2, "--port must be 0-65535, was " + port);
    if (plainHttp && certOut != null) return fail(2, "--cert-out needs HTTPS; drop --plain-http");
    if (tokenCapacity != null && (tokenCapacity < 1 || tokenCapacity > 1_000_000)) {
      return fail(2, "--token-capacity must be 1 to 1000000 requests a second, was " + tokenCapacity);
    }
    InetAddress address;
    try {
      address = MockGatewayServer.resolve(host);
    } catch (UnknownHostException e) {
      return fail(2, "--host: no such address: " + host);
    }
    boolean beyondLoopback = MockGatewayServer.listensBeyondLoopback(address);
    boolean generated = adminToken == null && beyondLoopback;
    String token = generated ? newAdminToken() : adminToken;
    // Certificates cost a few hundred milliseconds: make them while the rest starts.
    Future<TlsMaterial> tls = plainHttp ? null : TlsMaterial.generateInBackground(host);

    GatewayConfig gatewayConfig;
    try {
      gatewayConfig = config == null ? GatewayConfig.defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      return fail(2, "bad config: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return fail(2, "bad config: " + config + ": " + e.getMessage());
    }
    if (tokenCapacity != null) gatewayConfig = gatewayConfig.newBuilder().tokenCapacity(tokenCapacity).build();
    // The JWT signing key (about half a second of CPU) is made once the server is listening.
    Executor afterReady = command -> ready.thenRunAsync(command, TokenService.backgroundThreads());
    MockGateway.Builder gatewayBuilder = MockGateway.builder(gatewayConfig).clock(Clock.systemUTC());
    try {
      gatewayBuilder.adminToken(token);
    } catch (IllegalArgumentException e) {
      return fail(2, "--admin-token (or MOCK_GATEWAY_ADMIN_TOKEN): " + e.getMessage());
    }
    MockGateway gateway;
    try {
      gateway = gatewayBuilder.background(afterReady).dataDir(dataDir).build();
    } catch (DataDirException e) {
      return fail(2, e.getMessage());
    }

    MockGatewayServer.Builder builder = MockGatewayServer.builder(gateway).host(host).port(port);
    if (accessLog) builder.accessLog(System.out);
    MockGatewayServer server;
    try {
      if (tls != null) {
        TlsMaterial material = tls.get();
        if (certOut != null) Files.writeString(certOut, material.authorityPem(), StandardCharsets.US_ASCII);
        builder.https(material);
      }
      server = builder.start();
    } catch (BindException e) {
      gateway.close();
      return fail(1, "cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + (port != 0 ? " (is another gateway running? --port 0 picks a free port)" : ""));
    } catch (IOException e) {
      gateway.close();
      return fail(1, "cannot start: " + e);
    } catch (ExecutionException e) {
      gateway.close();
      return fail(1, "cannot generate the TLS certificate: " + e.getCause());
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException ignored) {
        // Exiting anyway.
      }
      stopped.countDown();
    }, "mock-gateway-shutdown"));
    System.out.println("mock-gateway listening on " + server.origin());
    if (generated) System.out.println("mock-gateway admin token: " + token);
    System.out.flush();
    if (generated) {
      err.println("mock-gateway: listening beyond loopback, so /admin requires the admin token printed on stdout, new "
          + "at every start (--admin-token or MOCK_GATEWAY_ADMIN_TOKEN sets one): send Authorization: Bearer <token>, "
          + "or curl -u admin:<token>");
      err.flush();
    }
    ready.complete(null);
    stopped.await();
    return 0;
  }

  /** 256 bits from SecureRandom in URL-safe Base64, so that it pastes into a header or a shell unquoted. */
  private static String newAdminToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private int fail(int status, String message) {
    err.println("mock-gateway: " + message);
    err.flush();
    return status;
  }
}

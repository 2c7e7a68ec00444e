package dev.resilientsession.gateway.server;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.config.ConfigException;
import dev.resilientsession.gateway.config.ConfigLoader;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar mock-gateway.jar}: the mock gateway as a standalone server for QA. */
@Command(
    name = "mock-gateway",
    mixinStandardHelpOptions = true,
    version = "mock-gateway 0.1.0",
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
        "A faithful mock of WSO2 API Manager's token endpoint and gateway, for multi-device tests.",
        "",
        "Endpoints: POST /oauth2/token (and /token), POST /oauth2/revoke (and /revoke), "
            + "POST /oauth2/introspect, GET /oauth2/jwks, browser sign-in at GET /oauth2/authorize (a login page, "
            + "single sign-on, /oidc/logout), OpenID Connect discovery and /oauth2/userinfo, QA controls under "
            + "/admin/ (GET /admin lists them; beyond loopback they need the admin token); every other path is a "
            + "protected API that needs a Bearer token.",
        "",
        "Without --config: user admin/admin, a JWT application jwt-client/jwt-client-secret, an "
            + "OPAQUE application opaque-client/opaque-client-secret, and a public application public-client "
            + "(no secret, PKCE mandatory) for browser sign-in to http://127.0.0.1/callback on any port.",
        ""},
    footer = {"", "When ready it prints one line: mock-gateway listening on <url>",
        "and, when it generated an admin token, a second: mock-gateway admin token: <token>",
        "Exit status: 0 after a clean stop, 2 for a bad command line, config or data dir, 1 when it cannot listen."})
public final class Main implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "TOML config: WSO2's deployment.toml keys ([oauth.jwt|opaque.renew_token_without_revoking_existing], "
          + "[oauth.token_renewal]) and the mock's [gateway] users, applications, resources and token_capacity.")
  private Path config;

  @Option(names = "--port", paramLabel = "N", defaultValue = "9443",
      description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}, as WSO2.")
  private int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "localhost",
      description = "Address to listen on; 0.0.0.0 for every interface. Any but a loopback address makes /admin "
          + "require the admin token. Default: ${DEFAULT-VALUE}.")
  private String host;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MOCK_GATEWAY_ADMIN_TOKEN}",
      description = "Require TOKEN on every /admin request, on loopback too: Authorization: Bearer TOKEN, or Basic "
          + "with TOKEN as the password (curl -u admin:TOKEN). Prefer the environment variable "
          + "MOCK_GATEWAY_ADMIN_TOKEN, which ps does not show. Default: none on loopback; beyond it, a new random "
          + "token, printed after the ready line.")
  private String adminToken;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS.")
  private boolean plainHttp;

  @Option(names = "--cert-out", paramLabel = "FILE",
      description = "Write the generated CA certificate (PEM) here before listening, for curl --cacert or a trust store.")
  private Path certOut;

  @Option(names = "--access-log", description = "Print one line per request: time, method, path, status.")
  private boolean accessLog;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep tokens, password changes (salted hashes), the JWT signing key and the clock offset in an "
          + "H2 database under DIR (made if missing), so a restart on DIR signs nobody out, as WSO2 keeps them in "
          + "its database. Writes are batched: a kill -9 may lose the last half second. Default: memory only.")
  private Path dataDir;

  @Option(names = "--token-capacity", paramLabel = "N",
      description = "Shed token requests beyond N a second (bursts up to N), as an overloaded key manager does: "
          + "503 temporarily_unavailable with Retry-After: 1, before any grant work. Overrides [gateway] "
          + "token_capacity. Default: no limit.")
  private Integer tokenCapacity;

  @Spec private CommandSpec spec;

  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setParameterExceptionHandler((e, argv) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("mock-gateway: " + e.getMessage());
      err.println("Try 'java -jar mock-gateway.jar --help'.");
      return 2;
    });
    int status = commandLine.execute(args);
    if (status != 0) System.exit(status);
  }

  @Override public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) return fail(2, "--port must be 0-65535, was " + port);
    if (plainHttp && certOut != null) return fail(2, "--cert-out needs HTTPS; drop --plain-http");
    if (tokenCapacity != null && (tokenCapacity < 1 || tokenCapacity > 1_000_000)) {
      return fail(2, "--token-capacity must be 1 to 1000000 requests a second, was " + tokenCapacity);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return fail(2, "--host: no such address: " + host);
    }
    boolean beyondLoopback = MockGatewayServer.listensBeyondLoopback(address);
    boolean generated = adminToken == null && beyondLoopback;
    String token = generated ? newAdminToken() : adminToken;
    // Certificates cost a few hundred milliseconds: make them while the rest starts.
    CompletableFuture<TlsMaterial> tls = plainHttp ? null : CompletableFuture.supplyAsync(() -> TlsMaterial.generate(host));

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
    System.out.println("mock-gateway listening on " + server.url("/").toString().replaceAll("/$", ""));
    if (generated) System.out.println("mock-gateway admin token: " + token);
    System.out.flush();
    if (generated) {
      PrintWriter err = spec.commandLine().getErr();
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
    PrintWriter err = spec.commandLine().getErr();
    err.println("mock-gateway: " + message);
    err.flush();
    return status;
  }
}

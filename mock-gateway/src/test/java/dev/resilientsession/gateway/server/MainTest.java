package dev.resilientsession.gateway.server;

import dev.resilientsession.gateway.PasswordGrant;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final Pattern LISTENING = Pattern.compile("mock-gateway listening on https://localhost:(\\d+)");

  @TempDir Path directory;

  @Test void helpDocumentsEveryOptionAndExitsZero() {
    Run run = run("--help");

    assertThat(run.status).isZero();
    assertThat(run.out).contains("--config", "--port", "--host", "--admin-token", "--plain-http", "--cert-out",
        "--access-log", "--data-dir", "--token-capacity", "--help", "--version");
    assertThat(run.out).contains("mock-gateway listening on <url>").contains("mock-gateway admin token: <token>")
        .contains("MOCK_GATEWAY_ADMIN_TOKEN");
    assertThat(run.err).isEmpty();
  }

  @Test void versionPrintsTheVersionAndExitsZero() {
    Run run = run("--version");

    assertThat(run.status).isZero();
    assertThat(run.out.strip()).isEqualTo("mock-gateway 0.1.0");
  }

  @Test void anUnknownOptionExitsTwoAndNamesIt() {
    Run run = run("--prot", "9443");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("Unknown option").contains("'--prot'");
    assertThat(run.out).isEmpty();
  }

  @Test void aBadConfigFileExitsTwoNamingTheFileKeyAndReason() throws IOException {
    Path config = directory.resolve("deployment.toml");
    Files.writeString(config, """
        [[gateway.applications]]
        consumer_key = "mobile-app"
        consumer_secret = "mobile-secret"
        access_token_validity = "1h"
        """, UTF_8);

    Run run = run("--config", config.toString(), "--port", "0");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err)
        .startsWith("mock-gateway: bad config: " + config + ":4: ")
        .contains("gateway.applications[0].access_token_validity")
        .contains("must be a whole number");
    assertThat(run.out).doesNotContain("listening");
  }

  @Test void aMissingConfigFileExitsTwo() {
    Path config = directory.resolve("missing.toml");

    Run run = run("--config", config.toString(), "--port", "0");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains(config + ": no such file");
  }

  @Test void aDataDirThatIsAFileExitsTwoNamingIt() throws IOException {
    Path file = Files.writeString(directory.resolve("tokens.txt"), "not a directory");

    Run run = run("--plain-http", "--port", "0", "--data-dir", file.toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err.strip()).isEqualTo("mock-gateway: data dir " + file.toAbsolutePath() + ": not a directory");
    assertThat(run.out).doesNotContain("listening");
  }

  @Test void anAdminTokenAHeaderCannotCarryExitsTwoWithoutRepeatingIt() {
    Run run = run("--plain-http", "--port", "0", "--admin-token", "my secret");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith("mock-gateway: --admin-token (or MOCK_GATEWAY_ADMIN_TOKEN): the admin token must be "
        + "visible ASCII characters, without spaces").doesNotContain("my secret");
    assertThat(run.out).doesNotContain("listening");
  }

  @Test void aPortAbove65535ExitsTwo() {
    Run run = run("--port", "70000");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("--port must be 0-65535, was 70000");
  }

  @Test void aTokenCapacityBelowOneOrAboveAMillionExitsTwo() {
    Run zero = run("--plain-http", "--port", "0", "--token-capacity", "0");
    Run huge = run("--plain-http", "--port", "0", "--token-capacity", "1000001");

    assertThat(zero.status).isEqualTo(2);
    assertThat(zero.err.strip()).isEqualTo("mock-gateway: --token-capacity must be 1 to 1000000 requests a second, was 0");
    assertThat(huge.status).isEqualTo(2);
    assertThat(huge.err).contains("was 1000001");
  }

  @Test void aTokenCapacityThatIsNotANumberExitsTwoNamingIt() {
    Run run = run("--plain-http", "--port", "0", "--token-capacity", "lots");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("--token-capacity").contains("'lots'");
  }

  @Test void plainHttpWithCertOutExitsTwo() {
    Run run = run("--plain-http", "--cert-out", directory.resolve("ca.pem").toString(), "--port", "0");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("--cert-out needs HTTPS");
    assertThat(directory.resolve("ca.pem")).doesNotExist();
  }

  @Test void aPortInUseExitsOneAndSuggestsPortZero() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
      Run run = run("--plain-http", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(run.status).isEqualTo(1);
      assertThat(run.err)
          .contains("cannot listen on localhost:" + taken.getLocalPort())
          .contains("--port 0");
    }
  }

  @Test void anHttpsServerIssuesTokensToClientsThatTrustItsCertificate() throws IOException {
    try (MockGatewayServer server = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults()))
        .https()
        .start()) {
      HandshakeCertificates certificates = server.clientCertificates();
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager())
          .build();

      Map<?, ?> token = PasswordGrant.request(client, server.url("/oauth2/token"));

      assertThat(server.isHttps()).isTrue();
      assertThat(server.url("/").scheme()).isEqualTo("https");
      assertThat(token.get("access_token")).asString().isNotBlank();
      assertThat(token.get("token_type")).isEqualTo("Bearer");
      assertThat(server.certificateAuthorityPem()).startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test void theStandaloneServerPrintsItsUrlWritesItsCertificateAndIssuesTokens() throws Exception {
    Path certificate = directory.resolve("ca.pem");
    Path stderr = directory.resolve("stderr.txt");
    Process process = javaMain("--port", "0", "--cert-out", certificate.toString())
        .redirectError(stderr.toFile())
        .start();
    try {
      CompletableFuture<String> listening = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("mock-gateway listening on ")) listening.complete(line);
          }
          listening.completeExceptionally(new IllegalStateException("stdout closed before the listening line"));
        } catch (IOException e) {
          listening.completeExceptionally(e);
        }
      }, "mock-gateway-stdout");
      reader.setDaemon(true);
      reader.start();

      String line = listening.get(BOUND.toSeconds(), SECONDS);
      Matcher matcher = LISTENING.matcher(line);
      assertThat(matcher.matches()).as("listening line: %s, stderr: %s", line, Files.readString(stderr)).isTrue();
      int port = Integer.parseInt(matcher.group(1));
      assertThat(port).isBetween(1, 65535).isNotEqualTo(9443);

      String pem = Files.readString(certificate, UTF_8);
      assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
      HandshakeCertificates trust = new HandshakeCertificates.Builder()
          .addTrustedCertificate(Certificates.decodeCertificatePem(pem))
          .build();
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
          .readTimeout(BOUND)
          .build();

      Map<?, ?> token = PasswordGrant.request(client, HttpUrl.get("https://localhost:" + port + "/oauth2/token"));

      assertThat(token.get("access_token")).asString().isNotBlank();
      assertThat(token.get("refresh_token")).asString().isNotBlank();
    } finally {
      process.destroy();
      boolean exited = process.waitFor(BOUND.toSeconds(), SECONDS);
      if (!exited) process.destroyForcibly().waitFor(BOUND.toSeconds(), SECONDS);
      assertThat(exited).as("the server stops on SIGTERM").isTrue();
    }
  }

  @Test void theStandaloneCommandExitsTwoOnAnUnknownOptionAndPointsToHelp() throws Exception {
    Process process = javaMain("--prot", "9443").redirectErrorStream(true).start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertThat(process.waitFor(BOUND.toSeconds(), SECONDS)).as("exits without listening").isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(output.get(BOUND.toSeconds(), SECONDS))
          .contains("mock-gateway: Unknown option").contains("'--prot'")
          .contains("Try 'java -jar mock-gateway.jar --help'.")
          .doesNotContain("listening");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test void onEveryInterfaceItPrintsANewAdminTokenAfterTheReadyLineAndAdminWantsIt() throws Exception {
    Path stderr = directory.resolve("stderr.txt");
    Process process = javaMain("--plain-http", "--port", "0", "--host", "0.0.0.0", "--access-log")
        .redirectError(stderr.toFile()).start();
    try {
      StdoutLines stdout = new StdoutLines(process);
      String ready = stdout.next();
      String tokenLine = stdout.next();

      assertThat(ready).as("the first line, which scripts wait for").startsWith("mock-gateway listening on http://");
      assertThat(tokenLine).matches("mock-gateway admin token: [A-Za-z0-9_-]{43}");
      String token = tokenLine.substring("mock-gateway admin token: ".length());
      HttpUrl admin = HttpUrl.get("http://127.0.0.1:" + port(ready) + "/admin/tokens");
      assertThat(status(admin, null)).isEqualTo(401);
      assertThat(status(admin, "Bearer " + token)).isEqualTo(200);
      assertThat(status(admin, Credentials.basic("admin", token))).isEqualTo(200);
      assertThat(stdout.next()).as("the access log").endsWith(" GET /admin/tokens 401");
      stop(process);
      assertThat(String.join("\n", stdout.rest())).as("the token is printed once").doesNotContain(token);
      assertThat(Files.readString(stderr)).contains("requires the admin token printed on stdout").doesNotContain(token);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test void theEnvironmentVariableSetsTheAdminTokenWhichIsThenNeverPrinted() throws Exception {
    String token = "qa-staging-4c1f9b2e7d";
    Path stderr = directory.resolve("stderr.txt");
    ProcessBuilder builder = javaMain("--plain-http", "--port", "0", "--host", "0.0.0.0")
        .redirectError(stderr.toFile());
    builder.environment().put("MOCK_GATEWAY_ADMIN_TOKEN", token);
    Process process = builder.start();
    try {
      StdoutLines stdout = new StdoutLines(process);
      String ready = stdout.next();
      HttpUrl admin = HttpUrl.get("http://127.0.0.1:" + port(ready) + "/admin");

      assertThat(status(admin, null)).isEqualTo(401);
      assertThat(status(admin, "Bearer " + token)).isEqualTo(200);
      stop(process);
      assertThat(stdout.rest()).isEmpty();
      assertThat(Files.readString(stderr)).doesNotContain(token);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test void anAdminTokenGivenOnLoopbackIsRequiredThereToo() throws Exception {
    Process process = javaMain("--plain-http", "--port", "0", "--host", "127.0.0.1", "--admin-token", "loopback-token")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      StdoutLines stdout = new StdoutLines(process);
      HttpUrl admin = HttpUrl.get("http://127.0.0.1:" + port(stdout.next()) + "/admin");

      assertThat(status(admin, null)).isEqualTo(401);
      assertThat(status(admin, "Bearer loopback-token")).isEqualTo(200);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test void onLoopbackWithoutATokenAdminStaysOpenAndNoTokenIsPrinted() throws Exception {
    Process process = javaMain("--plain-http", "--port", "0", "--host", "127.0.0.1")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      StdoutLines stdout = new StdoutLines(process);
      HttpUrl admin = HttpUrl.get("http://127.0.0.1:" + port(stdout.next()) + "/admin");

      assertThat(status(admin, null)).isEqualTo(200);
      stop(process);
      assertThat(stdout.rest()).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  private static int port(String readyLine) {
    Matcher matcher = Pattern.compile("mock-gateway listening on https?://.+:(\\d+)").matcher(readyLine);
    assertThat(matcher.matches()).as("ready line: %s", readyLine).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private static int status(HttpUrl url, String authorization) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (authorization != null) request.header("Authorization", authorization);
    try (Response response = new OkHttpClient().newCall(request.build()).execute()) {
      return response.code();
    }
  }

  /** SIGTERM, as QA stop it; the server exits cleanly, closing its stdout. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(BOUND.toSeconds(), SECONDS)).as("the server stops on SIGTERM").isTrue();
  }

  /** A started server's stdout, line by line, each wait bounded. */
  private static final class StdoutLines {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    StdoutLines(Process process) {
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) lines.add(line);
        } catch (IOException ignored) {
          // the process was killed: what it printed is in the queue
        } finally {
          closed.countDown();
        }
      }, "mock-gateway-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    /** The next line; fails the test when none comes within the bound. */
    String next() throws InterruptedException {
      String line = lines.poll(BOUND.toSeconds(), SECONDS);
      assertThat(line).as("a line on stdout within %s", BOUND).isNotNull();
      return line;
    }

    /** Every line not taken yet, once stdout has closed. */
    List<String> rest() throws InterruptedException {
      assertThat(closed.await(BOUND.toSeconds(), SECONDS)).as("stdout closed").isTrue();
      return new ArrayList<>(lines);
    }
  }

  /** The command in a JVM of its own, with no admin token from this JVM's environment. */
  private static ProcessBuilder javaMain(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MOCK_GATEWAY_ADMIN_TOKEN");
    return builder;
  }

  /** Runs the command in-process, with no environment; the bound turns a command that would start serving into a failure. */
  private static Run run(String... args) {
    return assertTimeoutPreemptively(BOUND, () -> {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
      return new Run(status, out.toString(), err.toString());
    });
  }

  private record Run(int status, String out, String err) {
  }
}

package dev.resilientsession.interop.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Keycloak in dev mode on {@code 127.0.0.1}, started from its Maven Central distribution
 * with the realm {@value #REALM} imported: its endpoints, its admin API, and what it says about a
 * token. {@link KeycloakExtension} starts one per test run; {@link #close()} stops it.
 *
 * <p>The realm (test resource {@code keycloak/interop-realm.json}) has one public client, {@value
 * #CLIENT_ID}, for the password grant and for browser sign-in with PKCE to any loopback port of
 * {@code http://127.0.0.1/callback}; refresh tokens rotate with reuse detection ({@code
 * revokeRefreshToken}, {@code refreshTokenMaxReuse: 0}); brute-force detection locks a user after
 * 3 failures; and passwords are hashed cheaply, so that test users cost nothing to sign in.
 */
final class Keycloak implements AutoCloseable {
  static final String REALM = "interop";
  static final String CLIENT_ID = "resilient-session";
  /**
   * A start takes 33 to 48 s on two cores shared with other builds, and the first, which builds
   * Keycloak, up to 98 s there (about 30 s on an idle machine): a deadline well clear of both.
   */
  static final Duration READY_DEADLINE = Duration.ofSeconds(180);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
  private static final int LOG_TAIL_LINES = 60;
  private static final Set<String> LAUNCH_VARIABLES = Set.of("JAVA", "DEBUG", "DEBUG_PORT", "DEBUG_SUSPEND", "PRINT_ENV");

  private final Process process;
  private final Path log;
  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final KeycloakAdmin admin;
  private final Thread stopOnExit = new Thread(this::stop, "keycloak-stop");

  private Keycloak(Process process, Path log, HttpUrl baseUrl, OkHttpClient http, KeycloakAdmin admin) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
    this.http = http;
    this.admin = admin;
  }

  /**
   * Unzips the distribution into {@code workDir} if needed, starts Keycloak and waits until its
   * realm answers. Aborts (the tests are skipped) when there is no distribution or no port to
   * start it on; throws when Keycloak started but did not come up: that is a failure to see.
   */
  static Keycloak start(KeycloakDistribution distribution, Path workDir) throws IOException, InterruptedException {
    if (!distribution.present()) Assumptions.abort(distribution.missing());
    long unzipping = System.nanoTime();
    Path home = distribution.unzipInto(workDir);
    Duration unzipped = Duration.ofNanos(System.nanoTime() - unzipping);
    importRealm(home);
    int port = freePort();
    Path log = workDir.resolve("keycloak.log");
    String adminPassword = randomSecret();

    long starting = System.nanoTime();
    Process process = launch(distribution, home, port, log, adminPassword);
    HttpUrl baseUrl = HttpUrl.get("http://127.0.0.1:" + port + "/");
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(15, TimeUnit.SECONDS)
        .callTimeout(30, TimeUnit.SECONDS)
        .build();
    Keycloak keycloak = new Keycloak(process, log, baseUrl, http,
        new KeycloakAdmin(http, baseUrl, "admin", adminPassword));
    Runtime.getRuntime().addShutdownHook(keycloak.stopOnExit); // Should the test JVM end without close().
    try {
      keycloak.awaitReady();
    } catch (RuntimeException | Error | InterruptedException e) {
      keycloak.close();
      throw e;
    }
    System.out.printf("Keycloak %s: unzipped in %.1f s, ready in %.1f s on %s (log: %s)%n", distribution.version(),
        unzipped.toMillis() / 1000.0, (System.nanoTime() - starting) / 1e9, baseUrl, log);
    return keycloak;
  }

  /** The realm's issuer, {@code http://127.0.0.1:PORT/realms/interop}. */
  HttpUrl issuer() {
    return baseUrl.newBuilder().addPathSegments("realms/" + REALM).build();
  }

  HttpUrl tokenUrl() {
    return endpoint("token");
  }

  HttpUrl authorizationUrl() {
    return endpoint("auth");
  }

  /** The protected API of these tests: OpenID Connect's userinfo, which needs the {@code openid} scope. */
  HttpUrl userinfoUrl() {
    return endpoint("userinfo");
  }

  /**
   * Where the realm's OpenID Connect endpoints are, {@code .../realms/interop/protocol/openid-connect}:
   * the lab's API URL, below which a group's {@code call = "/userinfo"} is userinfo.
   */
  HttpUrl openIdConnectUrl() {
    return issuer().newBuilder().addPathSegments("protocol/openid-connect").build();
  }

  KeycloakAdmin admin() {
    return admin;
  }

  /** What Keycloak says to a refresh_token grant with {@code refreshToken}: "200", or the status and OAuth error. */
  String refresh(String refreshToken) throws IOException {
    Request request = new Request.Builder().url(tokenUrl()).post(new FormBody.Builder()
        .add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken)
        .add("client_id", CLIENT_ID)
        .build()).build();
    try (Response response = http.newCall(request).execute()) {
      if (response.isSuccessful()) return String.valueOf(response.code());
      Map<String, Object> error = Json.object(response.body().string());
      return response.code() + " " + error.get("error") + " (" + error.get("error_description") + ")";
    }
  }

  /** The status of a userinfo call that carries {@code accessToken}, past the SDK. */
  int userinfo(String accessToken) throws IOException {
    Request request = new Request.Builder().url(userinfoUrl()).header("Authorization", "Bearer " + accessToken).build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    }
  }

  /** Stops Keycloak's script and every process it started: politely, then forcibly after 20 s. */
  @Override public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it stops an already stopped process.
    }
  }

  @Override public String toString() {
    return "Keycloak{" + baseUrl + "}";
  }

  private HttpUrl endpoint(String name) {
    return openIdConnectUrl().newBuilder().addPathSegment(name).build();
  }

  /**
   * Polls the realm's discovery document until it answers 200: Keycloak is another process, which
   * says nothing to this one when it is ready, so asking is the only way to know. The pause between
   * polls is a wait for the process's exit, so a Keycloak that dies is seen at once.
   */
  private void awaitReady() throws InterruptedException {
    HttpUrl discovery = issuer().newBuilder().addPathSegments(".well-known/openid-configuration").build();
    long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        int code = process.onExit().get(250, TimeUnit.MILLISECONDS).exitValue();
        throw new IllegalStateException("Keycloak exited with status " + code + " before it was ready" + logTail());
      } catch (TimeoutException stillRunning) {
        // Not dead: ask it.
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      Request request = new Request.Builder().url(discovery).build();
      try (Response response = http.newCall(request).execute()) {
        if (response.code() == 200) return;
      } catch (IOException notListeningYet) {
        // Keep asking until the deadline.
      }
    }
    throw new IllegalStateException("Keycloak did not answer " + discovery + " within "
        + READY_DEADLINE.toSeconds() + " s" + logTail());
  }

  private void stop() {
    List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
        .collect(Collectors.toList());
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, STOP_DEADLINE)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, Duration.ofSeconds(5));
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    for (ProcessHandle handle : processes) {
      try {
        handle.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        return false;
      }
    }
    return true;
  }

  /** The end of Keycloak's log, for a failure message: why it did not start is there. */
  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "; the last " + tail.size() + " lines of " + log + ":\n  " + String.join("\n  ", tail);
    } catch (IOException e) {
      return "; its log " + log + " is unreadable: " + e;
    }
  }

  /**
   * {@code kc.sh start-dev} on {@code 127.0.0.1:port}: the realm imported, an in-memory database (so
   * every run starts from the realm file alone), the master realm's admin from the environment, the
   * output in {@code log}.
   */
  private static Process launch(KeycloakDistribution distribution, Path home, int port, Path log, String adminPassword) {
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--db=dev-mem")
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    // Nothing from the caller's environment configures this Keycloak (kc.sh and Quarkus read all of
    // these); it runs on this test's Java.
    environment.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_")
        || name.startsWith("JAVA_") || LAUNCH_VARIABLES.contains(name));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    try {
      return builder.start();
    } catch (IOException e) {
      return Assumptions.abort("Keycloak " + distribution.version() + " cannot be launched here: " + e.getMessage());
    }
  }

  /** The realm file in {@code data/import}, alone there, as {@code --import-realm} reads it. */
  private static void importRealm(Path home) throws IOException {
    Path imports = home.resolve("data/import");
    KeycloakDistribution.deleteRecursively(imports);
    Files.createDirectories(imports);
    try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/interop-realm.json")) {
      if (realm == null) throw new IllegalStateException("no keycloak/interop-realm.json on the test class path");
      Files.copy(realm, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A port nothing listens on now. Keycloak binds it a moment later; another process taking it first fails the start. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      return Assumptions.<Integer>abort("no free port on 127.0.0.1 to start Keycloak on: " + e.getMessage());
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

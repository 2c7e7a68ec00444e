package dev.resilientsession.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.proguard.Shrinker.Result;
import dev.resilientsession.proguard.Shrinker.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SDK's consumer rules under a shrinker. {@link ShrunkApp}, client-core, Retrofit, Moshi, OkHttp,
 * Okio and the Kotlin standard library are shrunk, optimized and obfuscated into one jar by ProGuard
 * with only the rules the jars ship (see {@link Shrinker}); the jar runs in a JVM of its own (nothing
 * else on its class path) against a fresh mock gateway served by this JVM, which counts the requests.
 * The shrunk app must do exactly what the unshrunk one does: the same token requests, revocations and
 * API calls, so the check holds whatever the SDK's recovery costs.
 *
 * <p>Each test appends one {@code proguard measure=... pass=...} line to target/proguard/results.txt,
 * which {@code benchmarks/run proguard} prints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerRulesTest {
  private static final long APP_TIMEOUT_S = 120;

  private static Shrinker shrinker;

  @BeforeAll
  static void resolve() throws IOException {
    shrinker = new Shrinker();
    Files.createDirectories(shrinker.work());
  }

  @Test
  @Order(1)
  void withTheConsumerRulesTheShrunkAppSignsInAndRecoversSilently() throws Exception {
    Observed unshrunk = runAgainstFreshGateway(shrinker.unshrunkClasspath(), shrinker.work().resolve("unshrunk"));
    Result shrunk = shrinker.shrink(Rules.ALL_CONSUMER_RULES);
    Observed run = runAgainstFreshGateway(shrunk.jar.toString(), shrunk.jar.getParent());
    String tokenJsonRenamedTo = renamedTo(shrunk.mapping, "dev.resilientsession.client.TokenJson");
    String tokenApiRenamedTo = renamedTo(shrunk.mapping, "dev.resilientsession.client.TokenApi");
    int classes = Shrinker.countClasses(shrunk.jar);

    boolean signedIn = run.output.contains("sign_in=ok");
    boolean recovered = run.exitCode == 0 && run.output.contains("shrunk-app result=pass");
    boolean sameAsUnshrunk = unshrunk.exitCode == 0 && run.requests.equals(unshrunk.requests);
    boolean pass = signedIn && recovered && sameAsUnshrunk && run.requests.revocations == 1
        && run.requests.tokensAfterRevocation >= 1 && shrunk.ruleFiles.contains(Shrinker.SDK_RULES);
    record("shrunk_recovery", pass, "sign_in=" + (signedIn ? "ok" : "failed"),
        "recovery=" + (recovered ? "ok" : "failed"), "token_requests=" + run.requests.tokens,
        "recovery_token_requests=" + run.requests.tokensAfterRevocation, "revocations=" + run.requests.revocations,
        "api_requests=" + run.requests.api, "unshrunk_requests=" + unshrunk.requests,
        "jar_kb=" + kb(Files.size(shrunk.jar)), "input_kb=" + kb(shrunk.inputBytes), "classes=" + classes,
        "input_classes=" + shrunk.inputClasses, "proguard_ms=" + shrunk.millis, "app_ms=" + run.millis,
        "TokenJson=" + tokenJsonRenamedTo, "TokenApi=" + tokenApiRenamedTo,
        "rules=" + String.join(",", shrunk.ruleFiles));

    assertThat(unshrunk.exitCode).as("the app unshrunk (if this fails, the SDK or the app is broken, not the "
        + "rules); its output:\n%s", unshrunk.output).isZero();
    assertThat(shrunk.ruleFiles).as("client-core's jar ships its consumer rules").contains(Shrinker.SDK_RULES);
    assertThat(run.exitCode).as("the shrunk app's exit status; its output:\n%s", run.output).isZero();
    assertThat(run.output).contains("sign_in=ok", "first_call=200", "second_call=200", "shrunk-app result=pass");
    assertThat(run.requests.revocations).as("the other device's sign-out revoked the shared token").isEqualTo(1);
    assertThat(run.requests.tokensAfterRevocation).as("token requests of the silent recovery").isPositive();
    assertThat(run.requests).as("requests of the shrunk app, beside the unshrunk app's").isEqualTo(unshrunk.requests);
    // Proof that it was really shrunk and renamed, not merely copied.
    assertThat(tokenJsonRenamedTo).isNotIn("dev.resilientsession.client.TokenJson", "removed");
    assertThat(tokenApiRenamedTo).isNotIn("dev.resilientsession.client.TokenApi", "removed");
    assertThat(classes).isLessThan(shrunk.inputClasses / 2);
    try (ZipFile jar = new ZipFile(shrunk.jar.toFile())) {
      assertThat(jar.getEntry("dev/resilientsession/client/TokenJson.class")).isNull();
      assertThat(jar.getEntry("dev/resilientsession/client/ResilientSession.class")).isNull();
      assertThat(jar.getEntry("dev/resilientsession/proguard/ShrunkApp.class")).isNotNull();
    }
  }

  @Test
  @Order(2)
  void withoutClientCoresRulesTheShrunkAppCannotReadTheTokenItWasGranted() throws Exception {
    Result shrunk = shrinker.shrink(Rules.WITHOUT_SDK_RULES);
    Observed run = runAgainstFreshGateway(shrunk.jar.toString(), shrunk.jar.getParent());

    boolean signInFailed = run.output.contains("sign_in=failed");
    String failure = run.output.lines().filter(l -> l.startsWith("sign_in=failed")).findFirst()
        .map(l -> l.contains("message=") ? l.substring(l.indexOf("message=") + 8) : l)
        .orElse(run.output.lines().filter(l -> l.contains("exception=")).findFirst().orElse("none"));
    // What the rules prevent: the gateway granted a token (HTTP 200), but the shrunk SDK read the
    // grant's fields as null, so the sign-in failed and no API call was made.
    boolean pass = run.exitCode != 0 && signInFailed && run.requests.tokens >= 1 && run.tokensGranted >= 1
        && run.requests.api == 0 && !shrunk.ruleFiles.contains(Shrinker.SDK_RULES)
        && shrunk.ruleFiles.containsAll(List.of("okhttp3.pro", "retrofit2.pro", "moshi.pro"));
    record("without_sdk_rules", pass, "sign_in=" + (signInFailed ? "failed" : "ok"), "exit=" + run.exitCode,
        "token_requests=" + run.requests.tokens, "tokens_granted=" + run.tokensGranted,
        "api_requests=" + run.requests.api, "jar_kb=" + kb(Files.size(shrunk.jar)), "proguard_ms=" + shrunk.millis,
        "rules=" + String.join(",", shrunk.ruleFiles), "failure=\"" + failure.replace('"', '\'') + "\"");

    assertThat(shrunk.ruleFiles).doesNotContain(Shrinker.SDK_RULES)
        .contains("okhttp3.pro", "retrofit2.pro", "moshi.pro");
    assertThat(run.exitCode).as("the shrunk app must fail without client-core's rules; its output:\n%s", run.output)
        .isNotZero();
    assertThat(run.output).contains("sign_in=failed");
    assertThat(run.requests.tokens).as("the app asked for a token").isPositive();
    assertThat(run.tokensGranted).as("the gateway granted it").isPositive();
    assertThat(run.requests.api).as("no API call without a token").isZero();
  }

  /** Runs the app in a JVM of its own, with only {@code classpath}, against a gateway started for it. */
  private static Observed runAgainstFreshGateway(String classpath, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path output = dir.resolve("app-output.txt");
    try (MockGatewayServer server = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults()))
        .recordRequests(true)
        .start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      long start = System.nanoTime();
      Process process = new ProcessBuilder(java, "-cp", classpath, Shrinker.MAIN_CLASS, server.url("/").toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(APP_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("the app ran over " + APP_TIMEOUT_S + " s:\n" + Files.readString(output));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Observed(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), millis,
          Requests.drain(server), server.gateway().activeTokens().size());
    }
  }

  /** What one run of the app printed, and what its gateway saw. */
  private static final class Observed {
    final int exitCode;
    final String output;
    final long millis;
    final Requests requests;
    final int tokensGranted;

    Observed(int exitCode, String output, long millis, Requests requests, int tokensGranted) {
      this.exitCode = exitCode;
      this.output = output;
      this.millis = millis;
      this.requests = requests;
      this.tokensGranted = tokensGranted;
    }
  }

  /** The requests a gateway saw, by kind. */
  private static final class Requests {
    int tokens;
    int tokensAfterRevocation;
    int revocations;
    int api;

    static Requests drain(MockGatewayServer server) throws InterruptedException {
      Requests requests = new Requests();
      HttpRequest request;
      while ((request = server.takeRequest(0, TimeUnit.NANOSECONDS)) != null) {
        String path = request.target();
        if (path.startsWith("/oauth2/token")) {
          requests.tokens++;
          if (requests.revocations > 0) requests.tokensAfterRevocation++;
        } else if (path.startsWith("/oauth2/revoke")) {
          requests.revocations++;
        } else if (path.startsWith("/orders")) {
          requests.api++;
        }
      }
      return requests;
    }

    @Override public boolean equals(Object o) {
      return o instanceof Requests && toString().equals(o.toString());
    }

    @Override public int hashCode() {
      return toString().hashCode();
    }

    /** token/after-revocation/revoke/api, such as {@code 4/2/1/3}. */
    @Override public String toString() {
      return tokens + "/" + tokensAfterRevocation + "/" + revocations + "/" + api;
    }
  }

  /** What ProGuard's mapping says {@code className} became; "removed" when it is not there. */
  private static String renamedTo(Path mapping, String className) throws IOException {
    String prefix = className + " -> ";
    return Files.readAllLines(mapping).stream().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> l.substring(prefix.length(), l.length() - 1)).orElse("removed");
  }

  private static long kb(long bytes) {
    return Math.round(bytes / 1024.0);
  }

  private static void record(String measure, boolean pass, String... fields) throws IOException {
    String line = "proguard measure=" + measure + " " + String.join(" ", fields) + " pass=" + pass;
    System.out.println(line);
    Files.writeString(shrinker.work().resolve("results.txt"), line + System.lineSeparator(),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}

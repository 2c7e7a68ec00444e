package dev.resilientsession.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.MockGatewayExtension;
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
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's consumer rules under a shrinker. {@link ShrunkApp}, client-core, Retrofit, Moshi, OkHttp,
 * Okio and the Kotlin standard library are shrunk, optimized and obfuscated into one jar by ProGuard
 * with only the rules the jars ship (see {@link Shrinker}); the jar runs in a JVM of its own (nothing
 * else on its class path) against a mock gateway in this JVM, which counts the requests.
 *
 * <p>Each test appends one {@code proguard measure=... pass=...} line to target/proguard/results.txt,
 * which {@code benchmarks/run proguard} prints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerRulesTest {
  private static final long APP_TIMEOUT_S = 120;

  @RegisterExtension
  final MockGatewayExtension gateway = MockGatewayExtension.builder().build();

  private static Shrinker shrinker;

  @BeforeAll
  static void resolve() throws IOException {
    shrinker = new Shrinker();
  }

  @Test
  @Order(1)
  void withTheConsumerRulesTheShrunkAppSignsInAndRecoversSilently() throws Exception {
    Result shrunk = shrinker.shrink(Rules.ALL_CONSUMER_RULES);
    AppRun run = runApp(shrunk.jar);
    Requests requests = Requests.drain(gateway);
    String tokenJsonRenamedTo = renamedTo(shrunk.mapping, "dev.resilientsession.client.TokenJson");
    String tokenApiRenamedTo = renamedTo(shrunk.mapping, "dev.resilientsession.client.TokenApi");
    int classes = Shrinker.countClasses(shrunk.jar);

    boolean signedIn = run.output.contains("sign_in=ok");
    boolean recovered = run.exitCode == 0 && run.output.contains("shrunk-app result=pass");
    // Sign-ins of both devices, then one recovery: the refused refresh token (revoked with its
    // access token, as WSO2 does) and the password replayed from memory.
    boolean pass = signedIn && recovered && requests.tokens == 4 && requests.tokensAfterRevocation == 2
        && requests.revocations == 1 && shrunk.ruleFiles.contains(Shrinker.SDK_RULES);
    record("shrunk_recovery", pass, "sign_in=" + (signedIn ? "ok" : "failed"),
        "recovery=" + (recovered ? "ok" : "failed"), "token_requests=" + requests.tokens,
        "recovery_token_requests=" + requests.tokensAfterRevocation, "revocations=" + requests.revocations,
        "api_requests=" + requests.api, "jar_kb=" + kb(Files.size(shrunk.jar)), "input_kb=" + kb(shrunk.inputBytes),
        "classes=" + classes, "input_classes=" + shrunk.inputClasses, "proguard_ms=" + shrunk.millis,
        "app_ms=" + run.millis, "TokenJson=" + tokenJsonRenamedTo, "TokenApi=" + tokenApiRenamedTo,
        "rules=" + String.join(",", shrunk.ruleFiles));

    assertThat(shrunk.ruleFiles).as("client-core's jar ships its consumer rules").contains(Shrinker.SDK_RULES);
    assertThat(run.exitCode).as("the shrunk app's exit status; its output:\n%s", run.output).isZero();
    assertThat(run.output).contains("sign_in=ok", "first_call=200", "second_call=200", "shrunk-app result=pass");
    assertThat(requests.revocations).as("the other device's sign-out revoked the shared token").isEqualTo(1);
    assertThat(requests.tokensAfterRevocation).as("token requests of the silent recovery").isEqualTo(2);
    assertThat(requests.tokens).as("token requests in all: two sign-ins and the recovery").isEqualTo(4);
    // Proof that it was really shrunk and renamed, not merely copied.
    assertThat(tokenJsonRenamedTo).isNotEqualTo("dev.resilientsession.client.TokenJson");
    assertThat(tokenApiRenamedTo).isNotEqualTo("dev.resilientsession.client.TokenApi");
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
    AppRun run = runApp(shrunk.jar);
    Requests requests = Requests.drain(gateway);
    int grantedTokens = gateway.gateway().activeTokens().size();

    boolean signInFailed = run.output.contains("sign_in=failed");
    String failure = run.output.lines().filter(l -> l.startsWith("sign_in=failed")).findFirst()
        .map(l -> l.contains("message=") ? l.substring(l.indexOf("message=") + 8) : l)
        .orElse(run.output.lines().filter(l -> l.contains("exception=")).findFirst().orElse("none"));
    // What the rules prevent: the gateway granted a token (HTTP 200), but the shrunk SDK read the
    // grant's fields as null, so the sign-in failed and no API call was made.
    boolean pass = run.exitCode != 0 && signInFailed && requests.tokens >= 1 && grantedTokens >= 1
        && requests.api == 0 && !shrunk.ruleFiles.contains(Shrinker.SDK_RULES)
        && shrunk.ruleFiles.containsAll(List.of("okhttp3.pro", "retrofit2.pro", "moshi.pro"));
    record("without_sdk_rules", pass, "sign_in=" + (signInFailed ? "failed" : "ok"), "exit=" + run.exitCode,
        "token_requests=" + requests.tokens, "tokens_granted=" + grantedTokens, "api_requests=" + requests.api,
        "jar_kb=" + kb(Files.size(shrunk.jar)), "proguard_ms=" + shrunk.millis,
        "rules=" + String.join(",", shrunk.ruleFiles),
        "failure=\"" + failure.replace('"', '\'') + "\"");

    assertThat(shrunk.ruleFiles).doesNotContain(Shrinker.SDK_RULES)
        .contains("okhttp3.pro", "retrofit2.pro", "moshi.pro");
    assertThat(run.exitCode).as("the shrunk app must fail without client-core's rules; its output:\n%s", run.output)
        .isNotZero();
    assertThat(run.output).contains("sign_in=failed");
    assertThat(requests.tokens).as("the app asked for a token").isPositive();
    assertThat(grantedTokens).as("the gateway granted it").isPositive();
    assertThat(requests.api).as("no API call without a token").isZero();
  }

  private AppRun runApp(Path jar) throws IOException, InterruptedException {
    Path output = jar.resolveSibling("app-output.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    // Only the shrunk jar on the class path: the app, the SDK and its libraries, all from ProGuard.
    Process process = new ProcessBuilder(java, "-cp", jar.toString(), Shrinker.MAIN_CLASS, gateway.url("/").toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    if (!process.waitFor(APP_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the shrunk app ran over " + APP_TIMEOUT_S + " s:\n" + Files.readString(output));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new AppRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), millis);
  }

  private static final class AppRun {
    final int exitCode;
    final String output;
    final long millis;

    AppRun(int exitCode, String output, long millis) {
      this.exitCode = exitCode;
      this.output = output;
      this.millis = millis;
    }
  }

  /** The requests the gateway saw, in order. */
  private static final class Requests {
    int tokens;
    int tokensAfterRevocation;
    int revocations;
    int api;

    static Requests drain(MockGatewayExtension gateway) throws InterruptedException {
      Requests requests = new Requests();
      RecordedRequest request;
      while ((request = gateway.server().mockWebServer().takeRequest(0, TimeUnit.NANOSECONDS)) != null) {
        String path = request.getPath() == null ? "" : request.getPath();
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
  }

  /** What ProGuard's mapping says {@code className} became. */
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

package dev.resilientsession.gateway.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.resilientsession.gateway.GatewayConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data-dir} against {@code kill -9}: every token the standalone gateway answered is in its
 * database, however abruptly the process dies after answering.
 */
class DataDirKillTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int TOKENS = 2_000;
  private static final int CONCURRENCY = 16;
  /** The exit status of a process killed by SIGKILL (128 + 9): no shutdown hook closed the database. */
  private static final int KILLED = 137;
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  @TempDir Path directory;

  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(CONCURRENCY, 1, TimeUnit.MINUTES))
      .retryOnConnectionFailure(false)
      .callTimeout(BOUND)
      .build();
  private final ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
  private final List<Process> started = new ArrayList<>();

  @AfterEach void stopEverything() throws InterruptedException {
    clients.shutdownNow();
    for (Process process : started) process.destroyForcibly().waitFor(BOUND.toSeconds(), SECONDS);
    http.connectionPool().evictAll();
  }

  @Test void everyAnsweredTokenSurvivesAKill() throws Exception {
    Path dataDir = directory.resolve("data");
    Process before = start(dataDir);
    HttpUrl url = listeningUrl(before);

    List<String> answered = concurrently(TOKENS, n -> token(url, "device_" + n));
    before.destroyForcibly(); // SIGKILL on Linux, at once after the last answer
    assertThat(before.waitFor(BOUND.toSeconds(), SECONDS)).as("the gateway died").isTrue();
    assertThat(before.exitValue()).as("killed, not shut down").isEqualTo(KILLED);

    HttpUrl restarted = listeningUrl(start(dataDir));
    List<Boolean> active = concurrently(answered.size(), n -> active(restarted, answered.get(n)));

    assertThat(active.stream().filter(stillActive -> !stillActive).count())
        .as("answered tokens refused after the restart, of %s", answered.size())
        .isZero();
  }

  /** An OPAQUE password grant for a scope no earlier request asked for: a new token key each time. */
  private String token(HttpUrl url, String scope) throws IOException {
    Request request = new Request.Builder()
        .url(url.resolve("/oauth2/token"))
        .header("Authorization", Credentials.basic(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET))
        .post(new FormBody.Builder()
            .add("grant_type", "password")
            .add("username", "admin")
            .add("password", "admin")
            .add("scope", scope)
            .build())
        .build();
    Map<String, Object> body = call(request);
    return (String) body.get("access_token");
  }

  private boolean active(HttpUrl url, String token) throws IOException {
    Request request = new Request.Builder()
        .url(url.resolve("/oauth2/introspect"))
        .post(new FormBody.Builder().add("token", token).build())
        .build();
    return Boolean.TRUE.equals(call(request).get("active"));
  }

  private Map<String, Object> call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as("%s answered %s", request.url().encodedPath(), body).isEqualTo(200);
      return JSON.fromJson(body);
    }
  }

  /** Runs {@code count} calls, {@value #CONCURRENCY} at a time; their results in the order of {@code n}. */
  private <T> List<T> concurrently(int count, Call<T> call) throws Exception {
    List<Future<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = i;
      futures.add(clients.submit((Callable<T>) () -> call.call(n)));
    }
    List<T> results = new ArrayList<>(count);
    for (Future<T> future : futures) results.add(future.get(BOUND.toSeconds(), SECONDS));
    return results;
  }

  private Process start(Path dataDir) throws IOException {
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // a short run: start fast rather than peak
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--plain-http", "--port", "0", "--data-dir", dataDir.toString())
        .redirectError(Files.createTempFile(directory, "stderr", ".txt").toFile())
        .start();
    started.add(process);
    return process;
  }

  /** The URL of the ready line, {@code mock-gateway listening on URL}; stdout is drained after it. */
  private static HttpUrl listeningUrl(Process process) throws Exception {
    CompletableFuture<HttpUrl> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("mock-gateway listening on ")) {
            listening.complete(HttpUrl.get(line.substring("mock-gateway listening on ".length())));
          }
        }
        listening.completeExceptionally(new IllegalStateException("the gateway exited without listening"));
      } catch (IOException e) {
        listening.completeExceptionally(e);
      }
    }, "mock-gateway-stdout");
    reader.setDaemon(true);
    reader.start();
    return listening.get(BOUND.toSeconds(), SECONDS);
  }

  private interface Call<T> {
    T call(int n) throws Exception;
  }
}

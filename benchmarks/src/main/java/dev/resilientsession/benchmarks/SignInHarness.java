package dev.resilientsession.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Browser sign-ins per second at a running gateway: the authorization code flow with PKCE, WSO2's
 * way, without a browser. Each iteration is a new browser (an empty cookie jar) with a fresh PKCE
 * verifier and state:
 *
 * <ol>
 *   <li>{@code GET /oauth2/authorize?response_type=code&client_id=…&code_challenge=…}: 302 to the
 *       login page with a {@code sessionDataKey} and a {@code sessionNonceCookie-<key>} cookie;
 *   <li>(only with {@code login_page=true}) {@code GET} the login page, as a browser would;
 *   <li>{@code POST /commonauth} with the form and the nonce cookie: 302 back to
 *       {@code /oauth2/authorize?sessionDataKey=…} with a {@code commonAuthId} cookie;
 *   <li>{@code GET} that with the session cookie: 302 to the redirect URI with {@code code} and the
 *       same {@code state};
 *   <li>{@code POST /oauth2/token} (authorization_code, the verifier): 200 with an access token of
 *       the expected type (a JWT: three dot-separated parts; OPAQUE: none).
 * </ol>
 *
 * Every step's status, redirect target and cookie is checked; any deviation is a failure of that
 * sign-in. Client threads run sign-ins back to back on keep-alive connections (one OkHttp client,
 * a connection pool as large as the thread count, redirects and cookies handled by hand) for the
 * warm-up, then for the measured duration. Prints one line, e.g.
 * {@code gateway measure=authorization_code_rps value=812.40 ... failures=0 target_ge=300 pass=true}:
 * value is sign-ins completed per second of the measured window; p50/p99 are whole sign-ins. Any
 * failure, in the warm-up too, fails the measure. Arguments are {@code key=value}; see {@link #main}.
 */
public final class SignInHarness {
  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final String LOGIN_PATH = "/authenticationendpoint/login.do";
  private static final String NONCE_PREFIX = "sessionNonceCookie-";
  private static final String SESSION_COOKIE = "commonAuthId";

  private final HttpUrl base;
  private final String clientId;
  private final String redirectUri;
  private final String scope;
  private final String username;
  private final String password;
  private final String tokenType;
  private final boolean loginPage;
  private final OkHttpClient client;
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  private SignInHarness(Map<String, String> args, int threads) {
    this.base = HttpUrl.get(required(args, "url"));
    this.clientId = args.getOrDefault("client", "public-client");
    this.redirectUri = args.getOrDefault("redirect_uri", "http://127.0.0.1/callback");
    this.scope = args.getOrDefault("scope", "device_bench");
    this.username = args.getOrDefault("username", "admin");
    this.password = args.getOrDefault("password", "admin");
    this.tokenType = args.getOrDefault("token_type", "JWT").toUpperCase(Locale.ROOT);
    this.loginPage = Boolean.parseBoolean(args.getOrDefault("login_page", "false"));
    this.client = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(threads, 5, TimeUnit.MINUTES))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .build();
  }

  /**
   * {@code url=http://127.0.0.1:PORT} (required), {@code target_ge=N} (sign-ins/s, required),
   * {@code measure=authorization_code_rps}, {@code client=public-client},
   * {@code token_type=JWT|OPAQUE} (what the application issues), {@code threads=32},
   * {@code duration_s=10}, {@code warmup_s=2}, {@code login_page=false},
   * {@code redirect_uri=http://127.0.0.1/callback}, {@code scope=device_bench},
   * {@code username=admin}, {@code password=admin}.
   */
  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int equals = arg.indexOf('=');
      if (equals <= 0) throw new IllegalArgumentException("arguments are key=value, was: " + arg);
      args.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    String measure = args.getOrDefault("measure", "authorization_code_rps");
    int threads = Integer.parseInt(args.getOrDefault("threads", "32"));
    int durationS = Integer.parseInt(args.getOrDefault("duration_s", "10"));
    int warmupS = Integer.parseInt(args.getOrDefault("warmup_s", "2"));
    double target = Double.parseDouble(required(args, "target_ge"));
    if (threads < 1 || durationS < 1 || warmupS < 0) throw new IllegalArgumentException("threads, duration_s >= 1, warmup_s >= 0");

    SignInHarness harness = new SignInHarness(args, threads);
    Run run = harness.run(threads, warmupS, durationS);
    double rps = run.measured / (double) durationS;
    long[] latencies = run.latencies();
    boolean pass = rps >= target && run.failures == 0 && run.warmupFailures == 0;
    int requestsPerSignIn = harness.loginPage ? 5 : 4;
    System.out.println(String.format(Locale.ROOT,
        "gateway measure=%s value=%.2f client=%s token_type=%s threads=%d duration_s=%d sign_ins=%d "
            + "requests_per_sign_in=%d http_rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f failures=%d "
            + "warmup_s=%d warmup_sign_ins=%d warmup_failures=%d login_page=%s target_ge=%s pass=%s",
        measure, rps, harness.clientId, harness.tokenType, threads, durationS, run.measured, requestsPerSignIn,
        rps * requestsPerSignIn, percentileMs(latencies, 50), percentileMs(latencies, 99),
        percentileMs(latencies, 100), run.failures, warmupS, run.warmup, run.warmupFailures, harness.loginPage,
        stripZero(target), pass));
    String failure = harness.firstFailure.get();
    if (failure != null) System.err.println("first failure: " + failure);
    harness.client.connectionPool().evictAll();
    System.exit(pass ? 0 : 1);
  }

  private Run run(int threads, int warmupS, int durationS) throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupS);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(durationS);
    Worker[] workers = new Worker[threads];
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker(measureFrom, end);
      Thread thread = new Thread(workers[i], "sign-in-" + i);
      thread.setDaemon(true);
      running.add(thread);
      thread.start();
    }
    long joinDeadline = end + TimeUnit.SECONDS.toNanos(60);
    for (Thread thread : running) {
      long left = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
      if (left > 0) thread.join(left);
      if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " still running 60 s after the end");
    }
    return new Run(workers);
  }

  /** One client thread: sign-ins back to back until {@code end}; counted by when they complete. */
  private final class Worker implements Runnable {
    private final long measureFrom;
    private final long end;
    private final SecureRandom random = new SecureRandom();
    long[] latencies = new long[4096];
    int measured;
    long warmup;
    long failures;
    long warmupFailures;

    Worker(long measureFrom, long end) {
      this.measureFrom = measureFrom;
      this.end = end;
    }

    @Override public void run() {
      long now;
      while ((now = System.nanoTime()) < end) {
        long began = now;
        String failure = signIn(random);
        long done = System.nanoTime();
        if (failure != null) {
          firstFailure.compareAndSet(null, failure);
          if (done < measureFrom) warmupFailures++; else failures++;
        } else if (done < measureFrom) {
          warmup++;
        } else if (done < end) {
          if (measured == latencies.length) latencies = Arrays.copyOf(latencies, measured * 2);
          latencies[measured++] = done - began;
        }
      }
    }
  }

  /** One browser sign-in from a new browser; null on success, else what went wrong. */
  private String signIn(SecureRandom random) {
    Map<String, String> cookies = new LinkedHashMap<>(); // this browser's cookie jar
    String step = "authorize";
    try {
      String verifier = randomId(random, 32); // 43 characters, RFC 7636's minimum
      String state = randomId(random, 12);
      HttpUrl authorize = base.newBuilder().encodedPath("/oauth2/authorize")
          .addQueryParameter("response_type", "code")
          .addQueryParameter("client_id", clientId)
          .addQueryParameter("redirect_uri", redirectUri)
          .addQueryParameter("scope", scope)
          .addQueryParameter("state", state)
          .addQueryParameter("code_challenge", challenge(verifier))
          .addQueryParameter("code_challenge_method", "S256")
          .build();
      HttpUrl login = redirect(get(authorize, cookies), cookies);
      String key = login.queryParameter("sessionDataKey");
      if (!login.encodedPath().equals(LOGIN_PATH) || key == null) return step + ": redirected to " + login;
      if (!cookies.containsKey(NONCE_PREFIX + key)) return step + ": no " + NONCE_PREFIX + "<key> cookie";

      if (loginPage) {
        step = "login_page";
        try (Response response = get(login, cookies)) {
          String body = response.body().string();
          if (response.code() != 200 || !body.contains(key)) return step + ": HTTP " + response.code() + " " + clip(body);
        }
      }

      step = "commonauth";
      RequestBody form = new FormBody.Builder().add("sessionDataKey", key).add("username", username)
          .add("password", password).build();
      HttpUrl back = redirect(post(base.resolve("/commonauth"), form, cookies), cookies);
      if (!back.encodedPath().equals("/oauth2/authorize") || !key.equals(back.queryParameter("sessionDataKey"))) {
        return step + ": redirected to " + back;
      }
      if (!cookies.containsKey(SESSION_COOKIE)) return step + ": no " + SESSION_COOKIE + " cookie";
      if (cookies.containsKey(NONCE_PREFIX + key)) return step + ": the nonce cookie was not cleared";

      step = "authorize_return";
      HttpUrl callback = redirect(get(back, cookies), cookies);
      String code = callback.queryParameter("code");
      if (!callback.toString().startsWith(redirectUri + "?") || code == null) return step + ": redirected to " + callback;
      if (!state.equals(callback.queryParameter("state"))) return step + ": state " + callback.queryParameter("state");

      step = "token";
      RequestBody exchange = new FormBody.Builder().add("grant_type", "authorization_code").add("client_id", clientId)
          .add("code", code).add("redirect_uri", redirectUri).add("code_verifier", verifier).build();
      try (Response response = post(base.resolve("/oauth2/token"), exchange, null)) {
        String body = response.body().string();
        if (response.code() != 200) return step + ": HTTP " + response.code() + " " + clip(body);
        Matcher token = ACCESS_TOKEN.matcher(body);
        if (!token.find()) return step + ": no access_token in " + clip(body);
        boolean jwt = JWT.matcher(token.group(1)).matches();
        if (jwt != tokenType.equals("JWT")) return step + ": not a " + tokenType + " access token: " + clip(token.group(1));
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return step + ": " + e;
    }
  }

  private Response get(HttpUrl url, Map<String, String> cookies) throws IOException {
    return call(new Request.Builder().url(url), cookies);
  }

  private Response post(HttpUrl url, RequestBody body, Map<String, String> cookies) throws IOException {
    return call(new Request.Builder().url(url).post(body), cookies);
  }

  private Response call(Request.Builder request, Map<String, String> cookies) throws IOException {
    if (cookies != null && !cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
      request.header("Cookie", header.toString());
    }
    return client.newCall(request.build()).execute();
  }

  /** Checks for a 302, keeps its cookies, and returns where it points (resolved against the gateway). */
  private HttpUrl redirect(Response call, Map<String, String> cookies) throws IOException {
    try (Response response = call) {
      String body = response.body().string(); // read through, so the connection goes back to the pool
      if (response.code() != 302) throw new IOException("HTTP " + response.code() + " instead of 302: " + clip(body));
      for (String setCookie : response.headers("Set-Cookie")) keep(setCookie, cookies);
      String location = response.header("Location");
      HttpUrl next = location == null ? null : base.resolve(location);
      if (next == null) throw new IOException("302 without a usable Location: " + location);
      return next;
    }
  }

  /** A browser's handling of one Set-Cookie (every cookie here is Path=/ on the gateway's host). */
  private static void keep(String setCookie, Map<String, String> cookies) {
    String[] parts = setCookie.split(";");
    int equals = parts[0].indexOf('=');
    if (equals <= 0) return;
    String name = parts[0].substring(0, equals).trim();
    String value = parts[0].substring(equals + 1).trim();
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].trim().equalsIgnoreCase("Max-Age=0")) {
        cookies.remove(name);
        return;
      }
    }
    cookies.put(name, value);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  private static String randomId(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static String clip(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  private static String required(Map<String, String> args, String key) {
    String value = args.get(key);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(key + "= is required");
    return value;
  }

  /** Nearest-rank percentile of sorted nanosecond latencies, in milliseconds; 0 when there are none. */
  private static double percentileMs(long[] sorted, double percentile) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  private static String stripZero(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** The workers' counts, merged once they have all stopped. */
  private static final class Run {
    final long measured;
    final long warmup;
    final long failures;
    final long warmupFailures;
    private final Worker[] workers;

    Run(Worker[] workers) {
      this.workers = workers;
      long measured = 0;
      long warmup = 0;
      long failures = 0;
      long warmupFailures = 0;
      for (Worker worker : workers) {
        measured += worker.measured;
        warmup += worker.warmup;
        failures += worker.failures;
        warmupFailures += worker.warmupFailures;
      }
      this.measured = measured;
      this.warmup = warmup;
      this.failures = failures;
      this.warmupFailures = warmupFailures;
    }

    long[] latencies() {
      int total = 0;
      for (Worker worker : workers) total += worker.measured;
      long[] all = new long[total];
      int at = 0;
      for (Worker worker : workers) {
        System.arraycopy(worker.latencies, 0, all, at, worker.measured);
        at += worker.measured;
      }
      Arrays.sort(all);
      return all;
    }
  }
}

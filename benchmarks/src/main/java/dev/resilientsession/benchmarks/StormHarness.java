package dev.resilientsession.benchmarks;

import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The 401 storm over loopback against the mock gateway: N calls in flight when the user's token dies,
 * for the SDK and for the naive recipe, JWT and OPAQUE, token revoked or expired at the gateway.
 * Prints one line per case:
 * {@code storm type=JWT concurrent=256 sdk_token_requests=1 sdk_failures=0 naive_token_requests=N naive_failures=M trigger=revoked pass=true}.
 * Target: one token request per recovery, every call succeeds.
 */
public final class StormHarness {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-pw";

  private final int concurrent;
  private final ExecutorService threads;

  private StormHarness(int concurrent) {
    this.concurrent = concurrent;
    this.threads = Executors.newFixedThreadPool(concurrent);
  }

  public static void main(String[] args) throws Exception {
    int concurrent = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    StormHarness harness = new StormHarness(concurrent);
    boolean pass = true;
    try {
      for (TokenType type : TokenType.values()) {
        for (String trigger : List.of("revoked", "expired")) {
          Result sdk = harness.run(type, trigger, true);
          Result naive = harness.run(type, trigger, false);
          boolean casePass = sdk.failures == 0 && sdk.tokenRequests == 1;
          pass &= casePass;
          System.out.println("storm type=" + type + " concurrent=" + concurrent
              + " sdk_token_requests=" + sdk.tokenRequests + " sdk_failures=" + sdk.failures
              + " naive_token_requests=" + naive.tokenRequests + " naive_failures=" + naive.failures
              + " trigger=" + trigger + " pass=" + casePass);
        }
      }
    } finally {
      harness.threads.shutdownNow();
    }
    System.exit(pass ? 0 : 1);
  }

  private Result run(TokenType type, String trigger, boolean sdk) throws Exception {
    GatewayConfig config = GatewayConfig.builder()
        .user(User.of(USER, PASSWORD))
        .application(Application.builder("storm-app", "storm-secret").tokenType(type).build())
        .build();
    MockGateway gateway = MockGateway.create(config);
    MockGatewayServer server = MockGatewayServer.builder(gateway).start();
    // The naive recipe and the SDK (told to use it for token requests) both send through this client.
    AtomicInteger tokenRequests = new AtomicInteger();
    OkHttpClient base = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(concurrent, 1, TimeUnit.MINUTES))
        .readTimeout(60, TimeUnit.SECONDS)
        .addNetworkInterceptor(chain -> {
          if (chain.request().url().encodedPath().equals("/oauth2/token")) tokenRequests.incrementAndGet();
          return chain.proceed(chain.request());
        })
        .build();
    ResilientSession session = null;
    try {
      OkHttpClient client;
      if (sdk) {
        session = ResilientSession.builder()
            .tokenUrl(server.url("/oauth2/token"))
            .client("storm-app", "storm-secret")
            .deviceScope(false)
            .okHttpClient(base)
            .tokenHttpClient(base)
            .build();
        session.signIn(USER, PASSWORD.toCharArray());
        client = session.newClient(base);
      } else {
        NaiveAuthenticator naive = new NaiveAuthenticator(base, server.url("/oauth2/token"), "storm-app",
            "storm-secret", USER, PASSWORD);
        naive.signIn();
        client = base.newBuilder().addInterceptor(naive).authenticator(naive).build();
      }
      storm(client, server); // warm: every thread holds a connection and the token works
      if (trigger.equals("revoked")) {
        gateway.revokeAllTokens(USER);
      } else {
        gateway.advanceClock(Duration.ofHours(1));
      }
      tokenRequests.set(0);
      int failures = storm(client, server);
      return new Result(tokenRequests.get(), failures);
    } finally {
      if (session != null) session.close();
      server.close();
      base.connectionPool().evictAll();
    }
  }

  /** Fires {@link #concurrent} calls at once; returns how many did not end in 200. */
  private int storm(OkHttpClient client, MockGatewayServer server) throws Exception {
    CountDownLatch ready = new CountDownLatch(concurrent);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      calls.add(threads.submit(() -> {
        ready.countDown();
        go.await();
        try (Response response = client.newCall(new Request.Builder().url(server.url("/orders")).build()).execute()) {
          return response.code() == 200;
        } catch (IOException e) {
          return false;
        }
      }));
    }
    if (!ready.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("threads did not start");
    go.countDown();
    int failures = 0;
    for (Future<Boolean> call : calls) {
      if (!call.get(120, TimeUnit.SECONDS)) failures++;
    }
    return failures;
  }

  private static final class Result {
    final int tokenRequests;
    final int failures;

    Result(int tokenRequests, int failures) {
      this.tokenRequests = tokenRequests;
      this.failures = failures;
    }
  }
}

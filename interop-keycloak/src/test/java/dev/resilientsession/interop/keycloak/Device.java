package dev.resilientsession.interop.keycloak;

import dev.resilientsession.client.ResilientSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One app on one device against the test realm: a real SDK session built with its public API
 * only, set up for Keycloak as an app would be (a public client, {@code openid}, no device scope),
 * the client it makes session-aware, its token traffic and its events. Its calls go to userinfo,
 * Keycloak's protected API.
 */
final class Device implements AutoCloseable {
  /** How many calls meet a dead session, or a renewal point, at once in the storm tests. */
  static final int STORM = 64;
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .connectTimeout(5, TimeUnit.SECONDS)
      .readTimeout(20, TimeUnit.SECONDS)
      .callTimeout(30, TimeUnit.SECONDS)
      .build();

  final ResilientSession session;
  final TokenTraffic traffic = new TokenTraffic();
  final RecordingListener listener = new RecordingListener();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final Keycloak keycloak;
  private final OkHttpClient client;

  Device(Keycloak keycloak) {
    this(keycloak, settings -> settings);
  }

  /** A device whose session has {@code settings} on top of the Keycloak ones. */
  Device(Keycloak keycloak, UnaryOperator<ResilientSession.Builder> settings) {
    this.keycloak = keycloak;
    this.session = settings.apply(ResilientSession.builder()
        .tokenUrl(keycloak.tokenUrl())
        .authorizationUrl(keycloak.authorizationUrl().toString())
        .publicClient(Keycloak.CLIENT_ID)
        .scopes("openid")
        .deviceScope(false)
        .okHttpClient(HTTP)
        .tokenHttpClient(HTTP.newBuilder().addInterceptor(traffic).build())
        .listener(listener)
        .listenerExecutor(Runnable::run))
        .build();
    this.client = session.newClient(HTTP.newBuilder().addNetworkInterceptor(chain -> {
      Response response = chain.proceed(chain.request());
      if (response.code() == 401) unauthorized.incrementAndGet();
      return response;
    }).build());
  }

  /** How many 401s Keycloak answered this device's calls with, retried ones included. */
  int unauthorized() {
    return unauthorized.get();
  }

  /** A userinfo call through the session; its status. */
  int call() throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(keycloak.userinfoUrl()).build()).execute()) {
      return response.code();
    }
  }

  /** Who userinfo says the session's user is. */
  String username() throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(keycloak.userinfoUrl()).build()).execute()) {
      if (!response.isSuccessful()) throw new IOException("userinfo answered " + response.code());
      return (String) Json.object(response.body().string()).get("preferred_username");
    }
  }

  /** {@code calls} userinfo calls released at once, each on a thread of its own; their statuses. */
  List<Integer> storm(int calls) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls);
    try {
      CountDownLatch ready = new CountDownLatch(calls);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return call();
        }));
      }
      if (!ready.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the storm's threads did not start");
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> future : futures) statuses.add(future.get(45, TimeUnit.SECONDS));
      return statuses;
    } finally {
      threads.shutdownNow();
    }
  }

  @Override public void close() {
    session.close();
  }
}

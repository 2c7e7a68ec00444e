package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The 401 storm (docs/client-pitfalls.md, 1 and 4): 256 calls in flight when the token is revoked cause exactly one token request,
 * every call succeeds, and nobody is released before the new token is saved. Repeated to shake out
 * races.
 */
class SessionStormTest {
  private static final int CALLS = 256;

  private final SessionFixture fixture = new SessionFixture();
  private final ExecutorService threads = Executors.newFixedThreadPool(CALLS);
  private final ResilientSession session = fixture.builder().build();
  private final OkHttpClient client = session.newClient(new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(CALLS, 1, TimeUnit.MINUTES))
      .build());

  SessionStormTest() throws IOException {
  }

  @AfterEach void stop() throws Exception {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    session.close();
    fixture.close();
  }

  @RepeatedTest(50) void aRevokedTokenUnder256ConcurrentCallsCostsOneTokenRequest() throws Exception {
    session.signIn("alice", "pw".toCharArray());
    int tokenRequestsBefore = fixture.gateway.tokenRequests.get();
    fixture.gateway.validAccessToken = null; // revoked on another device; the refresh token still works

    CountDownLatch ready = new CountDownLatch(CALLS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(threads.submit(() -> {
        ready.countDown();
        go.await();
        try (Response response = fixture.get(client, "/orders")) {
          assertThat(response.code()).isEqualTo(200);
          String usedToken = response.request().header("Authorization").substring("Bearer ".length());
          assertThat(fixture.store.load().accessToken()).as("saved before the caller was released").isEqualTo(usedToken);
          return usedToken;
        }
      }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();

    List<String> used = new ArrayList<>();
    for (Future<String> call : calls) used.add(call.get(60, TimeUnit.SECONDS));
    assertThat(fixture.gateway.tokenRequests.get() - tokenRequestsBefore).isEqualTo(1);
    assertThat(used).containsOnly(fixture.gateway.validAccessToken);
    assertThat(fixture.listener.count("refreshed")).isEqualTo(1);
  }
}

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/** One ACTIVE token per key over HTTP: many devices of one user asking at the same moment. */
class ConcurrentTokenRequestsTest {
  private static final int DEVICES = 32;

  private final GatewayClient gateway = GatewayClient.start();
  private final ExecutorService threads = Executors.newFixedThreadPool(DEVICES);

  ConcurrentTokenRequestsTest() throws IOException {
  }

  @AfterEach void stop() throws Exception {
    threads.shutdownNow();
    gateway.server.close();
  }

  @RepeatedTest(5) void simultaneousJwtRequestsLeaveOneTokenThatWorks() throws Exception {
    List<String> tokens = simultaneousLogins(JWT_APP);

    assertThat(tokens).doesNotHaveDuplicates();
    assertThat(tokens).filteredOn(token -> gateway.call("/orders", token).status() == 200).hasSize(1);
    assertThat(gateway.gateway.activeTokens()).hasSize(1);
  }

  @RepeatedTest(5) void simultaneousOpaqueRequestsAllGetTheSameToken() throws Exception {
    List<String> tokens = simultaneousLogins(OPAQUE_APP);

    assertThat(tokens).containsOnly(tokens.get(0));
    assertThat(gateway.call("/orders", tokens.get(0)).status()).isEqualTo(200);
    assertThat(gateway.gateway.activeTokens()).hasSize(1);
  }

  private List<String> simultaneousLogins(String app) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> logins = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      logins.add(threads.submit(() -> {
        go.await();
        GatewayClient.Reply reply = gateway.login(app, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.string("access_token");
      }));
    }
    go.countDown();
    List<String> tokens = new ArrayList<>();
    for (Future<String> login : logins) tokens.add(login.get(30, TimeUnit.SECONDS));
    return tokens;
  }
}

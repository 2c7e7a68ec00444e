package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 256 calls in flight on a browser-signed-in session when its token dies cost one token request,
 * and a rotating refresh token is never sent twice: the single-flight recovery holds without a
 * password, against the mock WSO2 gateway.
 */
class BrowserStormTest {
  private static final int CALLS = 256;
  private static final String REDIRECT = "http://127.0.0.1:8765/callback";

  private final TestClock clock = new TestClock();

  @RegisterExtension
  final MockGatewayExtension gateway = MockGatewayExtension.builder().clock(clock).config(GatewayConfig.builder()
      .user(User.of("alice", "alice-pw"))
      .application(app(TokenType.JWT))
      .application(app(TokenType.OPAQUE))
      .build()).build();

  private final ExecutorService threads = Executors.newFixedThreadPool(CALLS);
  private final GatewayLog log = new GatewayLog(gateway);
  private final List<ResilientSession> sessions = new ArrayList<>();

  @AfterEach void stop() throws Exception {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    for (ResilientSession session : sessions) session.close();
  }

  /** Displaced by the user's other device signing in to the same JWT key: the refresh token lives on. */
  @RepeatedTest(5) void aDisplacedJwtUnder256CallsCostsOneTokenRequest() throws Exception {
    ResilientSession laptop = signedIn("laptop", TokenType.JWT, false);
    signedIn("phone", TokenType.JWT, false);
    int before = tokenRequests().size();

    List<Integer> statuses = storm(laptop);

    assertThat(statuses).containsOnly(200);
    assertThat(tokenRequests().size() - before).isEqualTo(1);
  }

  @ParameterizedTest @EnumSource(TokenType.class)
  void anExpiredTokenUnder256CallsCostsOneTokenRequest(TokenType type) throws Exception {
    ResilientSession laptop = signedIn("laptop", type, true);
    int before = tokenRequests().size();
    clock.advance(Duration.ofHours(2));

    List<Integer> statuses = storm(laptop);

    assertThat(statuses).containsOnly(200);
    assertThat(tokenRequests().size() - before).isEqualTo(1);
  }

  @ParameterizedTest @EnumSource(TokenType.class)
  void aRotatingRefreshTokenIsNeverSentTwice(TokenType type) throws Exception {
    ResilientSession laptop = signedIn("laptop", type, true);
    for (int round = 0; round < 5; round++) {
      clock.advance(Duration.ofHours(2));
      assertThat(storm(laptop)).containsOnly(200);
    }

    List<String> sent = new ArrayList<>();
    for (HttpRequest request : tokenRequests()) {
      String form = GatewayLog.form(request);
      if (form.contains("grant_type=refresh_token")) sent.add(form.replaceAll(".*refresh_token=([^&]*).*", "$1"));
    }
    assertThat(sent).hasSize(5);
    Set<String> distinct = new HashSet<>(sent);
    assertThat(distinct).as("each refresh token sent once").hasSize(sent.size());
  }

  /** The same session's calls released together; returns their statuses. */
  private List<Integer> storm(ResilientSession session) throws Exception {
    OkHttpClient client = session.newClient(new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(CALLS, 1, TimeUnit.MINUTES))
        .build());
    CountDownLatch ready = new CountDownLatch(CALLS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(threads.submit(() -> {
        ready.countDown();
        go.await();
        try (Response response = client.newCall(new Request.Builder().url(gateway.url("/orders")).build()).execute()) {
          return response.code();
        }
      }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> call : calls) statuses.add(call.get(60, TimeUnit.SECONDS));
    return statuses;
  }

  private ResilientSession signedIn(String device, TokenType type, boolean deviceScope) throws IOException {
    ResilientSession session = ResilientSession.builder()
        .tokenUrl(gateway.url("/oauth2/token"))
        .publicClient(type.name())
        .deviceIdentity(DeviceIdentity.of(device))
        .deviceScope(deviceScope)
        .clock(clock)
        .listenerExecutor(Runnable::run)
        .build();
    sessions.add(session);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    String redirect = BrowserRobot.create(new OkHttpClient()).signIn(request.url(), "alice", "alice-pw");
    session.completeSignIn(request, redirect);
    return session;
  }

  private List<HttpRequest> tokenRequests() throws InterruptedException {
    return log.tokenRequests();
  }

  private static Application app(TokenType type) {
    return Application.builder(type.name(), null).tokenType(type).publicClient(true).pkceMandatory(true)
        .redirectUris("http://127.0.0.1/callback").build();
  }
}

package dev.resilientsession.client;

import static dev.resilientsession.client.ScriptedGateway.json;
import static dev.resilientsession.client.SessionFixture.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pitfalls that well-known OAuth clients fell into, one test each; docs/client-pitfalls.md lists them all. */
class PitfallsTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;
  private ResilientSession session = fixture.builder().build();
  private OkHttpClient client = session.newClient(new OkHttpClient());

  PitfallsTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    session.close();
    fixture.close();
  }

  /** a 401 for a token another thread already replaced is retried with the current one. */
  @Test void aLate401IsRetriedWithTheCurrentTokenWithoutATokenRequest() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    assertThat(fixture.status(client, "/orders")).isEqualTo(200); // recovered: at-2 now
    int tokenRequests = gateway.tokenRequests.get();

    Request late = fixture.signed(session, "at-1");
    Request retry = session.authenticator().authenticate(null, unauthorized(late).build());

    assertThat(retry.header("Authorization")).isEqualTo("Bearer at-2");
    assertThat(gateway.tokenRequests).hasValue(tokenRequests);
  }

  /** a gateway that keeps answering 401 gets one retry per call and then a pause, not a loop. */
  @Test void aGatewayThatAlwaysAnswers401CausesNoLoop() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.rejectEveryToken = true;

    for (int call = 1; call <= 5; call++) {
      assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    }

    assertThat(gateway.apiRequests.get()).as("each call: the request and at most one retry").isLessThanOrEqualTo(10);
    assertThat(gateway.tokenRequests.get()).as("sign-in plus at most two futile recoveries").isLessThanOrEqualTo(3);
    assertThat(listener.events).contains("warning RECOVERY_PAUSED");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  /** a 403 is a scope problem; no new token can fix it. */
  @Test void a403NeverTriggersATokenRequest() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.apiRejection = json(403, "{\"code\":\"900910\",\"message\":\"The access token does not allow you to access the requested resource\"}");
    gateway.validAccessToken = "other";

    assertThat(fixture.status(client, "/admin-only")).isEqualTo(403);
    assertThat(gateway.tokenRequests).hasValue(1);
  }

  /** a recovery that fails leaves the gate open for the next one. */
  @Test void theRecoveryGateReopensAfterAFailure() throws IOException {
    ResilientSession throwing = fixture.builder().tokenEndpoint(new TokenEndpoint() {
      int calls;

      @Override public TokenOutcome password(String username, char[] password, String scope) {
        if (++calls == 2) throw new IllegalStateException("boom");
        return TokenOutcome.granted(new TokenGrant("at-" + calls, "rt", 3600, scope));
      }

      @Override public TokenOutcome refresh(String refreshToken) {
        throw new AssertionError("a displaced token is replaced by the password first");
      }

      @Override public TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier) {
        throw new AssertionError("no browser sign-in in this test");
      }

      @Override public String revoke(String token, String tokenTypeHint) {
        return null;
      }
    }).build();
    throwing.signIn("alice", "pw".toCharArray());
    Request call = fixture.signed(throwing, "at-1");

    try {
      throwing.authenticator().authenticate(null, unauthorized(call).build());
    } catch (IllegalStateException expected) {
      // The token endpoint blew up: this call fails, the gate must not stay shut.
    }
    Request retry = throwing.authenticator().authenticate(null, unauthorized(call).build());

    assertThat(retry).isNotNull();
    assertThat(retry.header("Authorization")).isEqualTo("Bearer at-3");
    throwing.close();
  }

  /** the token request never waits behind the app's dispatcher limits. */
  @Test void recoveryDoesNotDeadlockAnAppDispatcherWithOneSlot() throws Exception {
    Dispatcher oneAtATime = new Dispatcher();
    oneAtATime.setMaxRequests(1);
    oneAtATime.setMaxRequestsPerHost(1);
    OkHttpClient app = new OkHttpClient.Builder().dispatcher(oneAtATime).build();
    session.close();
    session = fixture.builder().okHttpClient(app).build();
    client = session.newClient(app);
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;

    CompletableFuture<Integer> status = new CompletableFuture<>();
    client.newCall(new Request.Builder().url(fixture.server.url("/orders")).build()).enqueue(new Callback() {
      @Override public void onFailure(Call call, IOException e) {
        status.completeExceptionally(e);
      }

      @Override public void onResponse(Call call, Response response) {
        status.complete(response.code());
        response.close();
      }
    });

    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
  }

  /** a network failure at the token endpoint keeps the session. */
  @Test void anUnreachableTokenEndpointKeepsTheSession() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    for (int i = 0; i < Backoff.defaults().maxAttempts(); i++) {
      gateway.enqueueTokenResponse(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).contains("warning TOKEN_ENDPOINT_UNAVAILABLE").noneMatch(e -> e.startsWith("lost"));

    fixture.clock.advance(Backoff.defaults().maxDelay());
    assertThat(fixture.status(client, "/orders")).as("a call after the backoff recovers").isEqualTo(200);
  }

  /** invalid_grant is final for its rung: never retried. */
  @Test void invalidGrantIsNeverRetried() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\"}"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenCalls).extracting(call -> call.getBody().clone().readUtf8().contains("grant_type=refresh_token"))
        .as("sign-in, one refused replay, one refused refresh").containsExactly(false, false, true);
    assertThat(fixture.sleeps).isEmpty();
    assertThat(listener.events).contains("lost CREDENTIALS_REJECTED");
  }

  /** 429 and 5xx back off, honouring Retry-After. */
  @Test void overloadedTokenEndpointIsRetriedWithBackoffHonouringRetryAfter() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    gateway.enqueueTokenResponse(json(503, "{}").setHeader("Retry-After", "2"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(fixture.sleeps).singleElement().as("at least what the endpoint asked, a little more to spread a fleet")
        .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2500)));

    gateway.validAccessToken = null;
    gateway.enqueueTokenResponse(json(429, "{}"));
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(fixture.sleeps.get(1)).as("without Retry-After, the backoff's first delay")
        .isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
  }

  /** retries are bounded. */
  @Test void backoffIsBounded() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    for (int i = 0; i < 10; i++) gateway.enqueueTokenResponse(json(502, ""));

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests.get() - 1).isEqualTo(Backoff.defaults().maxAttempts());
    assertThat(fixture.sleeps).hasSize(Backoff.defaults().maxAttempts() - 1)
        .allMatch(sleep -> sleep.compareTo(Backoff.defaults().maxDelay()) <= 0);
  }

  /** a Retry-After beyond the largest delay fails now rather than block the caller for an hour. */
  @Test void anUnreasonableRetryAfterFailsAtOnce() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    gateway.enqueueTokenResponse(json(503, "").setHeader("Retry-After", "3600"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests).hasValue(2);
    assertThat(fixture.sleeps).isEmpty();
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  /** the rotated refresh token is saved before anyone uses the new access token. */
  @Test void theRotatedRefreshTokenIsSaved() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);

    assertThat(fixture.store.load().refreshToken()).isEqualTo("rt-2");
    assertThat(fixture.store.load().accessToken()).isEqualTo("at-2");
  }

  /** a skew larger than the token's lifetime is capped instead of refreshing on every call. */
  @Test void aShortLivedTokenIsNotRefreshedOnEveryCall() throws IOException {
    gateway.expiresIn = 30;
    session.signIn("alice", "pw".toCharArray());

    for (int i = 0; i < 5; i++) assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).as("60 s skew capped at a quarter of 30 s").hasValue(1);

    fixture.clock.advance(Duration.ofSeconds(23));
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(2);
  }

  /** the skew is applied the right way round: a token is renewed before expiry, not after. */
  @Test void theTokenIsRenewedSkewBeforeItsExpiry() throws IOException {
    session.signIn("alice", "pw".toCharArray());

    fixture.clock.advance(Duration.ofSeconds(3600 - 61));
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(1);

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(2);
  }

  /** a one-shot body is not sent twice; the token is still renewed for the next call. */
  @Test void aOneShotBodyIsNotResentButTheTokenIsRenewed() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null;
    RequestBody oneShot = new RequestBody() {
      @Override public MediaType contentType() {
        return MediaType.get("application/json");
      }

      @Override public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8("{\"order\":1}");
      }

      @Override public boolean isOneShot() {
        return true;
      }
    };

    try (Response response = client.newCall(new Request.Builder().url(fixture.server.url("/orders")).post(oneShot).build()).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(gateway.apiRequests).as("not re-sent").hasValue(1);
    assertThat(gateway.tokenRequests).as("but renewed").hasValue(2);
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(2);
  }

  /** a token request that loses its connection is not silently re-POSTed by OkHttp. */
  @Test void aDroppedTokenRequestIsNotSilentlyReposted() throws IOException {
    session.close();
    session = fixture.builder().backoff(Backoff.none()).build();
    gateway.enqueueTokenResponse(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    try {
      session.signIn("alice", "pw".toCharArray());
    } catch (SignInException e) {
      assertThat(e.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE);
    }
    assertThat(gateway.tokenRequests).hasValue(1);
  }

  /** A call that brought its own bearer token: the session must not touch it. */
  @Test void aCallWithItsOwnBearerTokenIsNeverRetriedWithTheSessionsToken() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    Request own = new Request.Builder().url(fixture.server.url("/orders")).header("Authorization", "Bearer caller-own").build();

    try (Response response = client.newCall(own).execute()) {
      assertThat(response.code()).isEqualTo(401);
      assertThat(response.request().header("Authorization")).isEqualTo("Bearer caller-own");
    }
    assertThat(gateway.tokenRequests).hasValue(1);
  }
}

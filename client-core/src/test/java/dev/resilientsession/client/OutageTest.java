package dev.resilientsession.client;

import static dev.resilientsession.client.ScriptedGateway.json;
import static dev.resilientsession.client.SessionFixture.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token endpoint that fails for a while costs it the backoff's schedule, not a round of retries per call. */
class OutageTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;
  private final ResilientSession session = fixture.builder().build();
  private final OkHttpClient client = session.newClient(new OkHttpClient());

  OutageTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    session.close();
    fixture.close();
  }

  @Test void sixteenCallsInARowDuringAnOutageCostOneRoundOfRetries() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) gateway.enqueueTokenResponse(json(503, ""));

    for (int call = 0; call < 16; call++) {
      assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    }

    assertThat(gateway.tokenRequests.get() - 1).as("one round, not one per call")
        .isEqualTo(Backoff.defaults().maxAttempts());
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).contains("warning RECOVERY_DEFERRED");
    assertThat(listener.count("warning RECOVERY_DEFERRED")).as("once per wait, not per call").isEqualTo(1);
  }

  @Test void refusedConnectionsAreRememberedAcrossCallsToo() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) {
      gateway.enqueueTokenResponse(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    for (int call = 0; call < 16; call++) fixture.status(client, "/orders");

    assertThat(gateway.tokenRequests.get() - 1).isEqualTo(Backoff.defaults().maxAttempts());
  }

  @Test void theScheduleGoesOnAcrossCallsAndEndsWithTheOutage() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 5; i++) gateway.enqueueTokenResponse(json(502, ""));

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests).hasValue(1 + 4);

    fixture.clock.advance(Backoff.defaults().maxDelay());
    assertThat(fixture.status(client, "/orders")).as("the fifth try fails, the sixth recovers").isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(1 + 6);
    assertThat(fixture.sleeps.get(fixture.sleeps.size() - 1)).as("the delay after five failures is the largest")
        .isBetween(Backoff.defaults().maxDelay().dividedBy(2), Backoff.defaults().maxDelay());
  }

  @Test void aRetryAfterLongerThanTheBackoffIsHonouredAcrossCalls() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(503, "").setHeader("Retry-After", "120"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests).hasValue(2);

    fixture.clock.advance(Duration.ofSeconds(119));
    for (int call = 0; call < 5; call++) assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests).as("no token request before Retry-After passes").hasValue(2);
    assertThat(listener.events).contains("warning RECOVERY_DEFERRED");
    assertThat(fixture.sleeps).as("nobody blocks for two minutes").isEmpty();

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(3);
  }

  @Test void aSignInGoesAheadDespiteTheBackoffButNotDespiteRetryAfter() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 4; i++) gateway.enqueueTokenResponse(json(503, ""));
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);

    session.signIn("alice", "pw".toCharArray());
    assertThat(gateway.tokenRequests).as("the user asked: the sign-in is tried").hasValue(6);

    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(429, "").setHeader("Retry-After", "60"));
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    SignInException deferred = catchThrowableOfType(
        () -> session.signIn("alice", "pw".toCharArray()), SignInException.class);
    assertThat(deferred.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE);
    assertThat(deferred).hasMessageContaining("wait");
    assertThat(gateway.tokenRequests).as("Retry-After holds back a sign-in too").hasValue(7);
  }

  @Test void aStormWhoseRecoveryFailedDoesNotTurnLate401sIntoNewLeaders() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) gateway.enqueueTokenResponse(json(503, ""));
    Request call = fixture.signed(session, "at-1");

    assertThat(session.authenticator().authenticate(null, unauthorized(call).build())).isNull();
    int afterTheStorm = gateway.tokenRequests.get();
    for (int late = 0; late < 32; late++) {
      assertThat(session.authenticator().authenticate(null, unauthorized(call).build())).isNull();
    }

    assertThat(gateway.tokenRequests).hasValue(afterTheStorm);
  }

  @Test void aTokenThatExpiredByTheLocalClockIsNotSentWhenItCannotBeRenewed() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    fixture.clock.advance(Duration.ofSeconds(3600));
    for (int i = 0; i < 4; i++) gateway.enqueueTokenResponse(json(503, ""));

    try (Response response = fixture.get(client, "/orders")) {
      assertThat(response.code()).isEqualTo(401);
    }

    assertThat(gateway.apiRequests).as("the expired token never left the device").hasValue(0);
    assertThat(gateway.tokenRequests).as("one round of renewal, no second ladder").hasValue(1 + 4);
  }

  @Test void aTokenThatCannotBeRenewedYetIsStillSentWhileItLives() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    fixture.clock.advance(Duration.ofSeconds(3600 - 30));
    gateway.enqueueTokenResponse(json(503, "").setHeader("Retry-After", "600"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.apiRequests).hasValue(1);
  }
}

package dev.resilientsession.client;

import static dev.resilientsession.client.ScriptedGateway.json;
import static dev.resilientsession.client.SessionFixture.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token endpoint that fails for a while costs it the backoff's schedule, not a round of retries per
 * call: the window grows across the outage, calls fail fast while it runs, and the return ends it.
 */
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

  @Test void sixteenCallsInARowDuringAnOutageCostTheFirstCallsTriesOnly() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) gateway.enqueueTokenResponse(json(503, ""));

    for (int call = 0; call < 16; call++) {
      assertThat(fixture.status(client, "/orders")).isEqualTo(401);
      fixture.clock.advance(Duration.ofMillis(100));
    }

    assertThat(gateway.tokenRequests.get() - 1).as("one call's tries, not a round per call")
        .isEqualTo(Backoff.defaults().maxAttempts());
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.count("warning RECOVERY_DEFERRED")).as("once per window, not per call").isEqualTo(1);
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

  @Test void theWindowGrowsAcrossALongOutageUpToItsCap() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) gateway.enqueueTokenResponse(json(503, ""));
    List<Long> asked = new ArrayList<>();

    for (int second = 0; second < 300; second++) {
      int before = gateway.tokenRequests.get();
      fixture.status(client, "/orders");
      if (gateway.tokenRequests.get() > before) asked.add(fixture.clock.millis());
      fixture.clock.advance(Duration.ofSeconds(1));
    }

    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < asked.size(); i++) gaps.add(asked.get(i) - asked.get(i - 1));
    assertThat(gaps).as("no gap longer than the cap and the call's second")
        .allSatisfy(gap -> assertThat(gap).isLessThanOrEqualTo(Backoff.defaults().maxDelay().toMillis() + 1000));
    for (int i = 1; i < gaps.size(); i++) {
      assertThat(gaps.get(i)).as("gap %s does not shrink, but for jitter at the cap", i).isGreaterThanOrEqualTo(Math.min(gaps.get(i - 1),
          Backoff.defaults().maxDelay().toMillis() * 3 / 4));
    }
    assertThat(gaps.get(gaps.size() - 1)).as("at the cap, less its jitter")
        .isGreaterThanOrEqualTo(Backoff.defaults().maxDelay().toMillis() * 3 / 4);
    assertThat(asked).as("a 300 s outage: the first call's tries, the ramp, then one per window")
        .hasSizeBetween(16, 28);
  }

  @Test void callsInAKnownOutageFailFastWithTheirWarningAndNeverSleep() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 64; i++) gateway.enqueueTokenResponse(json(503, ""));
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    int sleptInTheFirstCall = fixture.sleeps.size();

    for (int second = 0; second < 120; second++) {
      int before = gateway.tokenRequests.get();
      assertThat(fixture.status(client, "/orders")).isEqualTo(401);
      assertThat(gateway.tokenRequests.get() - before).as("at most one try per call").isLessThanOrEqualTo(1);
      fixture.clock.advance(Duration.ofSeconds(1));
    }

    assertThat(fixture.sleeps).as("no call blocks once the outage is known").hasSize(sleptInTheFirstCall);
    assertThat(listener.events).contains("warning RECOVERY_DEFERRED").noneMatch(e -> e.startsWith("lost"));
  }

  @Test void theEndpointsReturnEndsTheOutageWithinOneCap() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < 12; i++) gateway.enqueueTokenResponse(json(502, ""));
    while (gateway.tokenRequests.get() < 1 + 12) {
      fixture.status(client, "/orders");
      fixture.clock.advance(Duration.ofSeconds(1));
    }
    int healedAt = 0;

    while (fixture.status(client, "/orders") != 200) {
      fixture.clock.advance(Duration.ofSeconds(1));
      healedAt++;
    }

    assertThat((long) healedAt).as("seconds from the heal until the call goes through")
        .isLessThanOrEqualTo(Backoff.defaults().maxDelay().toSeconds());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(503, ""));
    assertThat(fixture.status(client, "/orders")).as("the next outage starts from the first call's tries again")
        .isEqualTo(200);
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

    fixture.clock.advance(Duration.ofSeconds(31));
    assertThat(fixture.status(client, "/orders")).as("within its jitter of a quarter").isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(3);
  }

  @Test void aSignInGoesAheadDespiteTheBackoffButNotDespiteRetryAfter() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    for (int i = 0; i < Backoff.defaults().maxAttempts(); i++) gateway.enqueueTokenResponse(json(503, ""));
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    int beforeSignIn = gateway.tokenRequests.get();

    session.signIn("alice", "pw".toCharArray());
    assertThat(gateway.tokenRequests).as("the user asked: the sign-in is tried").hasValue(beforeSignIn + 1);

    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(429, "").setHeader("Retry-After", "60"));
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    SignInException deferred = catchThrowableOfType(
        () -> session.signIn("alice", "pw".toCharArray()), SignInException.class);
    assertThat(deferred.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE);
    assertThat(deferred).hasMessageContaining("wait");
    assertThat(gateway.tokenRequests).as("Retry-After holds back a sign-in too").hasValue(beforeSignIn + 2);
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
    assertThat(gateway.tokenRequests).as("one call's tries, no second ladder")
        .hasValue(1 + Backoff.defaults().maxAttempts());
  }

  @Test void aTokenThatCannotBeRenewedYetIsStillSentWhileItLives() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    fixture.clock.advance(Duration.ofSeconds(3600 - 30));
    gateway.enqueueTokenResponse(json(503, "").setHeader("Retry-After", "600"));

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.apiRequests).hasValue(1);
  }
}

package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Telling a token that died early (revoked, displaced) from one that expired, and a recovery that
 * did not help from a call that lost a race with a newer token.
 */
class DisplacementTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;
  private final ResilientSession session = fixture.builder().build();

  DisplacementTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    session.close();
    fixture.close();
  }

  @Test void callsRetriedWithTheSameRecoveredTokenCountAsOneFutileRecovery() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    assertThat(authenticate(unauthorized("at-1")).header("Authorization")).isEqualTo("Bearer at-2");

    // Another device displaced at-2 before the retries landed: all of them fail with it.
    for (int call = 0; call < 8; call++) assertThat(authenticate(retryUnauthorized("at-2"))).isNull();

    assertThat(listener.events).doesNotContain("warning RECOVERY_PAUSED");
    assertThat(authenticate(unauthorized("at-2"))).as("the next 401 recovers").isNotNull();
  }

  @Test void aCallDisplacedAgainAfterANewerTokenArrivedIsNotFutile() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    authenticate(unauthorized("at-1"));
    gateway.revokeCurrentTokens();
    assertThat(authenticate(unauthorized("at-2")).header("Authorization")).isEqualTo("Bearer at-3");

    assertThat(authenticate(retryUnauthorized("at-2"))).isNull();
    assertThat(authenticate(retryUnauthorized("at-2"))).isNull();

    assertThat(listener.events).doesNotContain("warning RECOVERY_PAUSED");
  }

  @Test void twoRecoveredTokensRefusedInARowStillPauseRecovery() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    authenticate(unauthorized("at-1"));
    assertThat(authenticate(retryUnauthorized("at-2"))).isNull();
    gateway.revokeCurrentTokens();
    authenticate(unauthorized("at-2"));
    assertThat(authenticate(retryUnauthorized("at-3"))).isNull();

    assertThat(listener.events).contains("warning RECOVERY_PAUSED");
    int tokenRequests = gateway.tokenRequests.get();
    assertThat(authenticate(unauthorized("at-3"))).isNull();
    assertThat(gateway.tokenRequests).hasValue(tokenRequests);
  }

  @Test void aWallClockSetForwardDoesNotExpireTheToken() throws IOException {
    MovableClock wall = new MovableClock();
    AtomicLong nanos = new AtomicLong();
    ResilientSession onDevice = fixture.builder().clock(wall).ticker(nanos::get).build();
    OkHttpClient client = onDevice.newClient(new OkHttpClient());
    onDevice.signIn("alice", "pw".toCharArray());

    wall.instant = wall.instant.plus(Duration.ofHours(2));
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).as("no renewal: an hour's token has lived a minute").hasValue(1);
    onDevice.close();
  }

  @Test void aWallClockSetBackDoesNotKeepTheTokenPastItsExpiry() throws IOException {
    MovableClock wall = new MovableClock();
    AtomicLong nanos = new AtomicLong();
    ResilientSession onDevice = fixture.builder().clock(wall).ticker(nanos::get).build();
    OkHttpClient client = onDevice.newClient(new OkHttpClient());
    onDevice.signIn("alice", "pw".toCharArray());

    wall.instant = wall.instant.minus(Duration.ofHours(2));
    nanos.addAndGet(Duration.ofMinutes(61).toNanos());

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).as("renewed before the call").hasValue(2);
    assertThat(gateway.apiRequests).as("without a 401 first").hasValue(1);
    onDevice.close();
  }

  private Request authenticate(Response response) throws IOException {
    return session.authenticator().authenticate(null, response);
  }

  private Response unauthorized(String accessToken) {
    return unauthorizedCall(accessToken).build();
  }

  /** A 401 for a call that was already retried once after a 401. */
  private Response retryUnauthorized(String accessToken) {
    Response first = new Response.Builder()
        .request(new Request.Builder().url(fixture.server.url("/orders")).build())
        .protocol(Protocol.HTTP_1_1)
        .code(401)
        .message("Unauthorized")
        .build();
    return unauthorizedCall(accessToken).priorResponse(first).build();
  }

  private Response.Builder unauthorizedCall(String accessToken) {
    return SessionFixture.unauthorized(fixture.signed(session, accessToken));
  }

  /** A wall clock the test sets by hand, forwards or back. */
  private static final class MovableClock extends Clock {
    volatile Instant instant = Instant.parse("2026-12-04T09:00:00Z");

    @Override public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override public Instant instant() {
      return instant;
    }
  }
}

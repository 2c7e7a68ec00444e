package dev.resilientsession.client;

import static dev.resilientsession.client.SessionFixture.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token request that hangs holds its session's calls only until the join timeout: then it is
 * given up on, the next call asks afresh, and whichever grant arrives the session keeps a working
 * token. Time moves by the test clock; nothing sleeps.
 */
class HungTokenRequestTest {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

  private final SessionFixture fixture = new SessionFixture();
  private final RecordingListener listener = fixture.listener;
  private final HandHeldTokenEndpoint endpoint = new HandHeldTokenEndpoint();
  private final ExecutorService recoveries = Executors.newCachedThreadPool();
  private final ResilientSession session = fixture.builder()
      .tokenEndpoint(endpoint)
      .recoveryExecutor(recoveries)
      .joinTimeout(JOIN_TIMEOUT)
      .build();
  private final ExecutorService calls = Executors.newCachedThreadPool();

  HungTokenRequestTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    calls.shutdownNow();
    recoveries.shutdownNow();
    session.close();
    fixture.close();
  }

  @Test void aRequestHungPastTheJoinTimeoutIsGivenUpOnAndTheNextCallAsksAfresh() throws Exception {
    signIn();
    Future<Request> first = authenticateAsync("at-1");
    HandHeldTokenEndpoint.Asked hung = endpoint.next();

    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    HandHeldTokenEndpoint.Asked fresh = endpoint.next();

    assertThat(first.get(10, TimeUnit.SECONDS)).as("the hung request's caller takes its 401 at once").isNull();
    fresh.grant("at-2", "rt-2");
    assertThat(bearer(second.get(10, TimeUnit.SECONDS))).isEqualTo("at-2");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    hung.fail();
  }

  @Test void aLateGrantOfTheRequestGivenUpOnDoesNotReplaceTheNewerOne() throws Exception {
    signIn();
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    endpoint.next().grant("at-2", "rt-2");
    assertThat(bearer(second.get(10, TimeUnit.SECONDS))).isEqualTo("at-2");

    hung.grant("at-late", "rt-late");
    awaitRecoveries();

    assertThat(bearer(authenticate("at-1"))).as("the newer token stands").isEqualTo("at-2");
    assertThat(endpoint.revoked).as("a late token may be the shared one: never revoked").isEmpty();
  }

  @Test void aLateJwtThatRevokedTheNewerTokenCostsOneMoreRequestNotTheSession() throws Exception {
    signIn();
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    endpoint.next().grant("at-2", "rt-2");
    second.get(10, TimeUnit.SECONDS);
    hung.grant("at-late", "rt-late"); // The gateway served it last: at-2 is revoked there.
    awaitRecoveries();

    Future<Request> displaced = authenticateAsync("at-2");
    endpoint.next().grant("at-3", "rt-3");

    assertThat(bearer(displaced.get(10, TimeUnit.SECONDS))).isEqualTo("at-3");
    assertThat(endpoint.asked).as("one request more, no loop").isEmpty();
    assertThat(listener.events).noneMatch(event -> event.startsWith("lost"));
  }

  @Test void aLateGrantIsKeptWhenNothingNewerArrived() throws Exception {
    signIn();
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    HandHeldTokenEndpoint.Asked fresh = endpoint.next();

    hung.grant("at-late", "rt-late");
    assertThat(bearer(second.get(10, TimeUnit.SECONDS))).as("the waiting call retries with the late token")
        .isEqualTo("at-late");
    fresh.fail();
    endpoint.next().fail(); // Its own retry: the first failure of an outage is retried in the call.
    awaitRecoveries();
    assertThat(bearer(authenticate("at-1"))).isEqualTo("at-late");
  }

  @Test void aRefreshTokenSpentByTheRequestGivenUpOnIsRescuedByItsLateAnswer() throws Exception {
    session.adopt(new StoredTokens("at-1", "rt-1", fixture.clock.instant(), fixture.clock.instant().plusSeconds(3600),
        Set.of("openid", "device_desktop")));
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    assertThat(hung.grantType).isEqualTo("refresh_token");
    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    HandHeldTokenEndpoint.Asked fresh = endpoint.next();
    assertThat(fresh.grantType).isEqualTo("refresh_token");

    fresh.refuse("invalid_grant"); // The gateway served the hung one first and rotated rt-1 away.
    hung.grant("at-2", "rt-2");

    assertThat(bearer(second.get(10, TimeUnit.SECONDS))).isEqualTo("at-2");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).noneMatch(event -> event.startsWith("lost"));
  }

  @Test void aSessionNeverHasMoreThanTwoRequestsOut() throws Exception {
    signIn();
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    askAfreshOnceTheJoinTimeoutPasses();
    HandHeldTokenEndpoint.Asked alsoHung = endpoint.next();
    fixture.clock.advance(JOIN_TIMEOUT);

    assertThat(authenticate("at-1")).as("a third call takes its 401 at once instead of a third request").isNull();
    assertThat(endpoint.asked).isEmpty();
    hung.fail();
    alsoHung.fail();
  }

  @Test void aHungRequestThatFailsLateOpensNoWindowAfterANewerOneWasAnswered() throws Exception {
    signIn();
    HandHeldTokenEndpoint.Asked hung = hangARecovery();
    Future<Request> second = askAfreshOnceTheJoinTimeoutPasses();
    endpoint.next().grant("at-2", "rt-2");
    second.get(10, TimeUnit.SECONDS);

    hung.fail();
    awaitRecoveries();
    Future<Request> next = authenticateAsync("at-2");
    endpoint.next().grant("at-3", "rt-3");

    assertThat(bearer(next.get(10, TimeUnit.SECONDS))).as("not deferred by the stale failure").isEqualTo("at-3");
  }

  private void signIn() throws Exception {
    Future<?> signingIn = calls.submit(() -> {
      session.signIn("alice", "pw".toCharArray());
      return null;
    });
    endpoint.next().grant("at-1", "rt-1");
    signingIn.get(10, TimeUnit.SECONDS);
  }

  /** A call that meets a 401 with at-1, and the token request its recovery sends, which the test holds. */
  private HandHeldTokenEndpoint.Asked hangARecovery() throws InterruptedException {
    authenticateAsync("at-1");
    return endpoint.next();
  }

  /** The join timeout passes, and another call meets a 401 with at-1. */
  private Future<Request> askAfreshOnceTheJoinTimeoutPasses() {
    fixture.clock.advance(JOIN_TIMEOUT);
    return authenticateAsync("at-1");
  }

  /** Waits until every recovery, abandoned ones included, has ended; the session can be asked afterwards. */
  private void awaitRecoveries() throws InterruptedException {
    recoveries.shutdown();
    assertThat(recoveries.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private Future<Request> authenticateAsync(String failedToken) {
    return calls.submit(() -> authenticate(failedToken));
  }

  private Request authenticate(String failedToken) throws IOException {
    return session.authenticator().authenticate(null, unauthorized(fixture.signed(session, failedToken)).build());
  }

  private static String bearer(Request request) {
    assertThat(request).as("a retry with a new token").isNotNull();
    return request.header("Authorization").substring("Bearer ".length());
  }
}

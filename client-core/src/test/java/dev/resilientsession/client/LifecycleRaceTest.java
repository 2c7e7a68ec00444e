package dev.resilientsession.client;

import static dev.resilientsession.client.SessionFixture.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in, sign-out and interruptions that happen while a recovery is in flight. */
class LifecycleRaceTest {
  private final SessionFixture fixture = new SessionFixture();
  private final RecordingListener listener = fixture.listener;
  private final HandHeldTokenEndpoint endpoint = new HandHeldTokenEndpoint();
  private final List<String> storeWrites = new ArrayList<>();
  private final ResilientSession session = fixture.builder().tokenEndpoint(endpoint).tokenStore(new RecordingStore()).build();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  LifecycleRaceTest() throws IOException {
  }

  @AfterEach void stop() throws Exception {
    threads.shutdownNow();
    session.close();
    fixture.close();
  }

  @Test void signingInAsAnotherUserDuringARecoveryKeepsTheNewUsersTokens() throws Exception {
    signIn("alice", "at-alice-1");
    Future<Request> recovering = authenticateAsync("at-alice-1");
    HandHeldTokenEndpoint.Asked replay = endpoint.next();
    assertThat(replay.username).isEqualTo("alice");

    signIn("bob", "at-bob-1");
    replay.grant("at-alice-2", "rt-alice-2");

    assertThat(recovering.get(10, TimeUnit.SECONDS)).as("alice's call takes its 401").isNull();
    assertThat(storeWrites).as("alice's recovered token never reached the store")
        .containsExactly("save at-alice-1", "save at-bob-1");
    assertThat(signedCallToken()).isEqualTo("at-bob-1");
    assertThat(listener.events).doesNotContain("refreshed PASSWORD_REPLAY");
  }

  @Test void aRecoveryThatFailsAfterAnotherSignInNeitherLosesTheSessionNorWipesTheNewPassword() throws Exception {
    signIn("alice", "at-alice-1");
    Future<Request> recovering = authenticateAsync("at-alice-1");
    HandHeldTokenEndpoint.Asked replay = endpoint.next();

    signIn("bob", "at-bob-1");
    replay.refuse("invalid_grant");
    HandHeldTokenEndpoint.Asked refresh = endpoint.next();
    refresh.refuse("invalid_grant");
    assertThat(recovering.get(10, TimeUnit.SECONDS)).isNull();

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).noneMatch(event -> event.startsWith("lost"));
    Future<Request> bobRecovers = authenticateAsync("at-bob-1");
    HandHeldTokenEndpoint.Asked bobReplay = endpoint.next();
    assertThat(bobReplay.username).isEqualTo("bob");
    assertThat(new String(bobReplay.password)).as("bob's password was not wiped").isEqualTo("pw-bob");
    bobReplay.grant("at-bob-2", "rt-bob-2");
    assertThat(bobRecovers.get(10, TimeUnit.SECONDS).header("Authorization")).isEqualTo("Bearer at-bob-2");
  }

  @Test void aTokenGrantedToARecoveryAfterSignOutIsRevokedAndNeverStored() throws Exception {
    signIn("alice", "at-1");
    Future<Request> recovering = authenticateAsync("at-1");
    HandHeldTokenEndpoint.Asked replay = endpoint.next();

    session.signOut();
    replay.grant("at-2", "rt-2");

    assertThat(recovering.get(10, TimeUnit.SECONDS)).isNull();
    assertThat(endpoint.revoked).as("the sign-out's token, then the orphan").containsExactly("rt-1", "rt-2");
    assertThat(storeWrites).containsExactly("save at-1", "clear");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
  }

  @Test void interruptingTheCallThatStartedARecoveryDoesNotFailTheCallsThatJoinedIt() throws Exception {
    signIn("alice", "at-1");
    CompletableFuture<Thread> leaderThread = new CompletableFuture<>();
    Future<Request> leader = threads.submit(() -> {
      leaderThread.complete(Thread.currentThread());
      return authenticate("at-1");
    });
    HandHeldTokenEndpoint.Asked replay = endpoint.next();
    Future<Request> joiner = authenticateAsync("at-1");

    leaderThread.get().interrupt();
    assertThat(catchCause(leader)).isInstanceOf(InterruptedIOException.class);
    replay.grant("at-2", "rt-2");

    assertThat(joiner.get(10, TimeUnit.SECONDS).header("Authorization")).isEqualTo("Bearer at-2");
  }

  @Test void anInterruptedCallWaitingForARecoveryGetsInterruptedIOException() throws Exception {
    signIn("alice", "at-1");
    Future<Request> leader = authenticateAsync("at-1");
    HandHeldTokenEndpoint.Asked replay = endpoint.next();
    CompletableFuture<Thread> joinerThread = new CompletableFuture<>();
    Future<Request> joiner = threads.submit(() -> {
      joinerThread.complete(Thread.currentThread());
      return authenticate("at-1");
    });

    Thread.State state;
    do {
      state = joinerThread.get().getState();
    } while (state != Thread.State.TIMED_WAITING && state != Thread.State.WAITING);
    joinerThread.get().interrupt();

    assertThat(catchCause(joiner)).isInstanceOf(InterruptedIOException.class);
    replay.grant("at-2", "rt-2");
    assertThat(leader.get(10, TimeUnit.SECONDS).header("Authorization")).isEqualTo("Bearer at-2");
  }

  private void signIn(String user, String accessToken) throws Exception {
    Future<?> signingIn = threads.submit(() -> {
      session.signIn(user, ("pw-" + user).toCharArray());
      return null;
    });
    HandHeldTokenEndpoint.Asked asked = endpoint.next();
    asked.grant(accessToken, accessToken.replace("at-", "rt-"));
    signingIn.get(10, TimeUnit.SECONDS);
  }

  private Future<Request> authenticateAsync(String failedToken) {
    return threads.submit(() -> authenticate(failedToken));
  }

  private Request authenticate(String failedToken) throws IOException {
    return session.authenticator().authenticate(null, unauthorized(fixture.signed(session, failedToken)).build());
  }

  /** The token the session puts on a call now, as the gateway saw it. */
  private String signedCallToken() throws Exception {
    fixture.gateway.apiRejection = new MockResponse(); // any token goes through
    fixture.status(session.newClient(new OkHttpClient()), "/orders");
    RecordedRequest seen = fixture.server.takeRequest(10, TimeUnit.SECONDS);
    return seen.getHeader("Authorization").substring("Bearer ".length());
  }

  private static Throwable catchCause(Future<?> future) throws InterruptedException {
    try {
      future.get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
  }

  /** A store that remembers what was done to it, in order. */
  private final class RecordingStore implements TokenStore {
    @Override public synchronized StoredTokens load() {
      return null;
    }

    @Override public synchronized void save(StoredTokens tokens) {
      storeWrites.add("save " + tokens.accessToken());
    }

    @Override public synchronized void clear() {
      storeWrites.add("clear");
    }
  }
}

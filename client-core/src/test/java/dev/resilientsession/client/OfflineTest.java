package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token requests wait for the network instead of burning their retries while the device is offline. */
class OfflineTest {
  private final SessionFixture fixture = new SessionFixture();
  private final FakeNetwork network = new FakeNetwork();
  private final ResilientSession session = fixture.builder().networkMonitor(network).build();
  private final OkHttpClient client = session.newClient(new OkHttpClient());

  OfflineTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    session.close();
    fixture.close();
  }

  @Test void signingInOfflineMakesNoTokenRequestAndSaysUnavailable() {
    network.online = false;

    assertThatThrownBy(() -> session.signIn("alice", "pw".toCharArray()))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE));
    assertThat(fixture.gateway.tokenRequests).hasValue(0);
    assertThat(fixture.sleeps).as("no retries burnt").isEmpty();
    assertThat(network.waits).as("as long as a call would wait").containsExactly(Duration.ofSeconds(10));
  }

  @Test void aSignInWaitingForTheNetworkGoesAheadWhenItReturns() throws IOException {
    network.online = false;
    network.comesBackWhenAwaited = true;

    session.signIn("alice", "pw".toCharArray());

    assertThat(fixture.gateway.tokenRequests).hasValue(1);
    assertThat(network.waits).hasSize(1);
  }

  @Test void aRecoveryWhileOfflineWaitsThenRenewsWithoutRetries() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    fixture.gateway.validAccessToken = null;
    network.online = false;
    network.comesBackWhenAwaited = true;

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(fixture.gateway.tokenRequests).hasValue(2);
    assertThat(fixture.sleeps).isEmpty();
  }

  @Test void aRecoveryThatStaysOfflineKeepsTheSession() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    fixture.gateway.validAccessToken = null;
    network.online = false;

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(fixture.gateway.tokenRequests).hasValue(1);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(fixture.listener.events).contains("warning TOKEN_ENDPOINT_UNAVAILABLE");
  }

  /** A network whose state the test sets; awaiting it returns at once. */
  private static final class FakeNetwork implements NetworkMonitor {
    volatile boolean online = true;
    volatile boolean comesBackWhenAwaited;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override public boolean isOnline() {
      return online;
    }

    @Override public boolean awaitOnline(Duration timeout) {
      waits.add(timeout);
      if (comesBackWhenAwaited) online = true;
      return online;
    }
  }
}

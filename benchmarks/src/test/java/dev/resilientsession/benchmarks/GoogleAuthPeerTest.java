package dev.resilientsession.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpRequestFactory;
import com.google.auth.oauth2.UserCredentials;
import dev.resilientsession.client.InMemoryTokenStore;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.gateway.Fault;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the benchmarks say of the google-auth peer, against the mock gateway: how it meets a dead
 * token, a token endpoint that is down, and a gateway that rotates refresh tokens.
 */
class GoogleAuthPeerTest {
  private final MockGateway gateway = MockGateway.create(GatewayConfig.builder()
      .user(User.of("alice", "alice-pw"))
      .application(Application.builder("peer-app", "peer-secret").tokenType(TokenType.OPAQUE).build())
      .build());
  private MockGatewayServer server;
  private TokenEndpointTap tap;
  private HttpUrl orders;
  private UserCredentials credentials;
  private HttpRequestFactory client;

  @BeforeEach void signIn() throws IOException {
    GoogleAuthPeer.configure(8);
    tap = new TokenEndpointTap(gateway);
    server = MockGatewayServer.builder(gateway).handler(tap).start();
    orders = server.url("/orders");
    HttpUrl tokenUrl = server.url("/oauth2/token");
    InMemoryTokenStore store = new InMemoryTokenStore();
    try (ResilientSession session = ResilientSession.builder().tokenUrl(tokenUrl).client("peer-app", "peer-secret")
        .deviceScope(false).okHttpClient(new OkHttpClient()).tokenStore(store).build()) {
      session.signIn("alice", "alice-pw".toCharArray());
    }
    credentials = GoogleAuthPeer.credentials("peer-app", "peer-secret", store.load(), tokenUrl);
    client = GoogleAuthPeer.client(credentials);
  }

  @AfterEach void stop() throws IOException {
    server.close();
  }

  @Test void callsWithTheSignInsTokenWithoutAskingForAnother() {
    assertThat(GoogleAuthPeer.get(client, orders)).isEqualTo(new GoogleAuthPeer.Answer(200, false));
    assertThat(refreshes()).isEmpty();
  }

  @Test void aTokenDeadAtTheGatewayIsRefreshedOnceAndTheCallRetried() {
    gateway.advanceClock(Duration.ofHours(1));

    assertThat(GoogleAuthPeer.get(client, orders)).isEqualTo(new GoogleAuthPeer.Answer(200, true));
    assertThat(refreshes()).extracting(TokenEndpointTap.Exchange::status).containsExactly(200);
  }

  @Test void aTokenEndpointThatIsDownFailsEachCallWithItsOwnRefreshAndNoWaiting() {
    gateway.advanceClock(Duration.ofHours(1));
    gateway.injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.UNAVAILABLE).untilCleared()
        .retryAfter(Duration.ofSeconds(30)));

    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(401);
    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(401);
    gateway.clearFaults();
    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(200);

    // Retry-After: 30 was not honoured: the second call asked again at once.
    assertThat(refreshes()).extracting(TokenEndpointTap.Exchange::status).containsExactly(503, 503, 200);
  }

  @Test void keepsTheRefreshTokenItWasBuiltWithSoTheGatewaysRotationSignsItOutAtTheNextExpiry() {
    gateway.advanceClock(Duration.ofHours(1));
    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(200);
    gateway.advanceClock(Duration.ofHours(1));

    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(401);
    List<TokenEndpointTap.Exchange> refreshes = refreshes();
    assertThat(refreshes).extracting(TokenEndpointTap.Exchange::status).containsExactly(200, 400);
    assertThat(TokenEndpointTap.refreshTokenRepeats(List.of(), refreshes)).isEqualTo(1);
  }

  @Test void aRefreshTokenRevokedWithItsAccessTokenLosesTheSession() {
    gateway.revokeAllTokens("alice");

    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(401);
    assertThat(GoogleAuthPeer.get(client, orders).status()).isEqualTo(401);
    assertThat(refreshes()).extracting(TokenEndpointTap.Exchange::status).containsExactly(400, 400);
  }

  private List<TokenEndpointTap.Exchange> refreshes() {
    return tap.exchanges().stream().filter(exchange -> "refresh_token".equals(exchange.grantType())).toList();
  }
}

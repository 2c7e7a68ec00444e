package dev.resilientsession.client;

import dev.resilientsession.gateway.junit.TestClock;

import static dev.resilientsession.client.ScriptedGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recovery ladder after a 401, rung by rung (section 8 of the gateway rules). */
class RecoveryLadderTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;
  private final TestClock clock = fixture.clock;
  private final ResilientSession session = fixture.builder().build();
  private final OkHttpClient client = session.newClient(new OkHttpClient());

  RecoveryLadderTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    session.close();
    fixture.close();
  }

  @Test void aRevokedTokenIsReplacedWithOneReplayOfThePasswordGrant() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens(); // WSO2 revokes the refresh token with the access token

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(gateway.tokenRequests).as("sign-in and one replay, no refused refresh first").hasValue(2);
    String replay = gateway.tokenCalls.get(1).getBody().readUtf8();
    assertThat(replay).contains("grant_type=password", "username=alice", "password=pw", "scope=device_desktop");
    assertThat(listener.events).containsSubsequence("displaced 900901", "refreshed PASSWORD_REPLAY", "reauthenticated");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test void withoutAHeldPasswordARevokedTokenIsRenewedWithTheRefreshToken() throws IOException {
    ResilientSession noReplay = fixture.builder().passwordReplay(false).build();
    OkHttpClient noReplayClient = noReplay.newClient(new OkHttpClient());
    noReplay.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null; // displaced; the refresh token lives on

    assertThat(fixture.status(noReplayClient, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(2);
    assertThat(gateway.tokenCalls.get(1).getBody().readUtf8()).contains("grant_type=refresh_token");
    assertThat(listener.events).containsSubsequence("displaced 900901", "refreshed REFRESH_TOKEN");
    noReplay.close();
  }

  @Test void anExpiredTokenIsRenewedWithTheRefreshTokenFirstAndTheReplayWhenThatIsRefused() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    clock.advance(Duration.ofSeconds(3600));
    gateway.revokeCurrentTokens();

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(gateway.tokenCalls).extracting(RecoveryLadderTest::grantType)
        .containsExactly("password", "refresh_token", "password");
    assertThat(listener.events).containsSubsequence("refreshed PASSWORD_REPLAY", "reauthenticated")
        .noneMatch(event -> event.startsWith("displaced"));
  }

  @Test void aRefusedReplayStillTriesTheRefreshTokenAndNeverReplaysThatPasswordAgain() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null; // displaced; the refresh token lives on
    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authentication failed\"}"));

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(gateway.tokenCalls).extracting(RecoveryLadderTest::grantType)
        .containsExactly("password", "password", "refresh_token");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);

    gateway.revokeCurrentTokens();
    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(gateway.tokenCalls).extracting(RecoveryLadderTest::grantType)
        .as("the refused password is not tried again: that is how accounts get locked")
        .containsExactly("password", "password", "refresh_token", "refresh_token");
    assertThat(listener.events).endsWith("lost REFRESH_REJECTED");
  }

  @Test void refusedReplayLosesTheSessionAndTheCallerGetsThe401() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\"}"));
    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authentication failed for alice\"}"));

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
    assertThat(listener.events).contains("lost CREDENTIALS_REJECTED");
    int tokenRequests = gateway.tokenRequests.get();

    try (Response again = call()) {
      assertThat(again.code()).isEqualTo(401);
    }
    assertThat(gateway.tokenRequests).as("a lost session makes no more token requests").hasValue(tokenRequests);
  }

  @Test void withoutReplayARefusedRefreshTokenLosesTheSession() throws IOException {
    ResilientSession noReplay = fixture.builder().passwordReplay(false).build();
    OkHttpClient noReplayClient = noReplay.newClient(new OkHttpClient());
    noReplay.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();

    assertThat(fixture.status(noReplayClient, "/orders")).isEqualTo(401);
    assertThat(gateway.tokenRequests).as("sign-in and one refresh, no replay").hasValue(2);
    assertThat(listener.events).contains("lost REFRESH_REJECTED");
    noReplay.close();
  }

  @Test void invalidClientStopsTheLadderAtOnce() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(json(401, "{\"error\":\"invalid_client\"}")
        .setHeader("WWW-Authenticate", "Basic realm=\"x\""));

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(gateway.tokenRequests).hasValue(2);
    assertThat(listener.events).contains("lost CLIENT_REJECTED");
  }

  @Test void xmlHtmlAndEmpty401BodiesAreAllRecovered() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    List<MockResponse> rejections = List.of(
        new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/xml")
            .setBody("<ams:fault xmlns:ams=\"http://wso2.org/apimanager/security\"><ams:code>900901</ams:code>"
                + "<ams:message>Invalid Credentials</ams:message><ams:description>x</ams:description></ams:fault>"),
        new MockResponse().setResponseCode(401).setHeader("Content-Type", "text/html")
            .setBody("<html><body>401 Unauthorized</body></html>"),
        new MockResponse().setResponseCode(401),
        json(401, "{\"code\":900904,\"message\":\"Access Token Inactive\"}"),
        json(401, "{\"code\":\"900903\",\"message\":\"Access Token Expired\"}"));
    for (MockResponse rejection : rejections) {
      gateway.apiRejection = rejection;
      gateway.validAccessToken = "revoked-elsewhere";
      try (Response response = call()) {
        assertThat(response.code()).as(rejection.toString()).isEqualTo(200);
      }
    }
    assertThat(listener.events).contains("displaced 900901", "displaced null", "displaced 900904", "displaced 900903");
  }

  @Test void expiredTokenIsRenewedBeforeTheCallWithoutA401() throws IOException {
    session.signIn("alice", "pw".toCharArray());
    clock.advance(Duration.ofSeconds(3600 - 59));

    try (Response response = call()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(gateway.apiRequests).as("no 401 round trip").hasValue(1);
    assertThat(listener.events).contains("refreshed REFRESH_TOKEN").noneMatch(event -> event.startsWith("displaced"));
  }

  private static String grantType(RecordedRequest request) {
    return request.getBody().clone().readUtf8().replaceAll(".*grant_type=([a-z_]+).*", "$1");
  }

  private Response call() throws IOException {
    return fixture.get(client, "/orders");
  }
}

package dev.resilientsession.client;

import static dev.resilientsession.client.ScriptedGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A WAF, a proxy, a maintenance page or a captive portal answering for the token endpoint: only an
 * OAuth error body may drop a refresh token or end a session; anything else is an outage.
 */
class NotOAuthAnswersTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;

  NotOAuthAnswersTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    fixture.close();
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of("HTML 403 from a WAF", html(403, "<html><body>Request blocked</body></html>")),
        Arguments.of("HTML 404 from a proxy", html(404, "<html><body>Not Found</body></html>")),
        Arguments.of("302 to a login page", new MockResponse().setResponseCode(302)
            .setHeader("Location", "https://portal.example/login?next=%2Foauth2%2Ftoken")),
        Arguments.of("200 maintenance page", html(200, "<html><body>Back soon</body></html>")),
        Arguments.of("200 JSON that is not a token", json(200, "{\"status\":\"ok\"}")),
        Arguments.of("200 token that no header can carry", json(200,
            "{\"access_token\":\"at\\r\\nX-Injected: 1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")),
        Arguments.of("400 JSON without an OAuth error", json(400, "{\"message\":\"bad request\"}")),
        Arguments.of("401 empty", new MockResponse().setResponseCode(401)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void aReplayAnsweredByAPortalKeepsThePasswordAndTheSession(String name, MockResponse answer) throws IOException {
    ResilientSession session = fixture.builder().backoff(Backoff.none()).build();
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();
    gateway.enqueueTokenResponse(answer);

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);

    fixture.clock.advance(Backoff.MIN_WINDOW);
    assertThat(fixture.status(client, "/orders")).as("the password was kept for the next try").isEqualTo(200);
    assertThat(listener.events).contains("warning UNEXPECTED_TOKEN_RESPONSE", "refreshed PASSWORD_REPLAY")
        .noneMatch(event -> event.startsWith("lost"));
    session.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void aRefreshAnsweredByAPortalKeepsTheRefreshToken(String name, MockResponse answer) throws IOException {
    ResilientSession session = fixture.builder().passwordReplay(false).backoff(Backoff.none()).build();
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    gateway.validAccessToken = null; // displaced; the refresh token lives on
    gateway.enqueueTokenResponse(answer);

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(fixture.store.load().refreshToken()).as("kept").isEqualTo("rt-1");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);

    fixture.clock.advance(Backoff.MIN_WINDOW);
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(listener.events).contains("warning UNEXPECTED_TOKEN_RESPONSE", "refreshed REFRESH_TOKEN")
        .noneMatch(event -> event.startsWith("lost"));
    session.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void aSignInAnsweredByAPortalIsUnavailableNotRefused(String name, MockResponse answer) throws IOException {
    ResilientSession session = fixture.builder().backoff(Backoff.none()).build();
    gateway.enqueueTokenResponse(answer);

    SignInException failure = catchThrowableOfType(() -> session.signIn("alice", "pw".toCharArray()), SignInException.class);

    assertThat(failure.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE);
    assertThat(failure).hasMessageNotContaining("login?next");
    session.close();
  }

  private static MockResponse html(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "text/html").setBody(body);
  }
}

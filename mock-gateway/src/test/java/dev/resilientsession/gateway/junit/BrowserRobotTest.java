package dev.resilientsession.gateway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The robot against a login page that, like Keycloak's, marks its session cookie {@code Secure}
 * while served over plain http on loopback, and refuses the posted form without it.
 */
class BrowserRobotTest {
  private static final String CALLBACK = "http://127.0.0.1:53682/callback?code=the-code";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach void startLoginPage() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("GET")) {
          return new MockResponse()
              .addHeader("Set-Cookie", "AUTH_SESSION_ID=abc; Path=/; Secure; HttpOnly")
              .setBody("<form id=\"kc-form-login\" action=\"/login\" method=\"post\">"
                  + "<input name=\"username\"><input type=\"password\" name=\"password\"></form>");
        }
        String cookie = request.getHeader("Cookie");
        if (cookie == null || !cookie.contains("AUTH_SESSION_ID=abc")) {
          return new MockResponse().setResponseCode(400).setBody("<p class=\"alert-error\">Cookie not found</p>");
        }
        return new MockResponse().setResponseCode(302).setHeader("Location", CALLBACK);
      }
    });
    server.start();
  }

  @AfterEach void stop() throws IOException {
    server.shutdown();
  }

  @Test void secureCookiesOfAPlainHttpLoopbackPageAreSentBackAsBrowsersDo() throws IOException {
    BrowserRobot robot = BrowserRobot.create(new OkHttpClient());

    assertThat(robot.signIn(server.url("/auth").toString(), "alice", "alice-pw")).isEqualTo(CALLBACK);
  }

  @Test void aPageThatStillRefusesTheFormIsReportedWithWhatItSays() {
    BrowserRobot robot = BrowserRobot.create(new OkHttpClient());
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        return request.getMethod().equals("GET")
            ? new MockResponse().setBody("<form action=\"/login\"><input name=\"username\">"
                + "<input type=\"password\" name=\"password\"></form>")
            : new MockResponse().setResponseCode(400).setBody("<p class=\"alert-error\">Cookie not found</p>");
      }
    });

    assertThatThrownBy(() -> robot.signIn(server.url("/auth").toString(), "alice", "alice-pw"))
        .isInstanceOf(BrowserRobot.SignInRefused.class)
        .hasMessageContaining("Cookie not found");
  }
}

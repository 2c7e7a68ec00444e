package dev.resilientsession.client.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browser sign-in on a desktop through the loopback redirect, against the mock WSO2 gateway: its
 * login page is played by the BrowserRobot, and the robot's redirect is fetched from the loopback
 * server as the browser would.
 */
class LoopbackRedirectTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final MockGatewayExtension gateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private final OkHttpClient http = new OkHttpClient();
  private final List<String> opened = new ArrayList<>();
  private ResilientSession session;
  private BrowserRobot robot;

  @BeforeEach void publicClient() {
    session = ResilientSession.builder()
        .tokenUrl(gateway.url("/oauth2/token"))
        .publicClient(GatewayConfig.DEFAULT_PUBLIC_KEY)
        .deviceIdentity(DeviceIdentity.of("laptop"))
        .build();
    robot = gateway.browserRobot();
  }

  @AfterEach void close() {
    session.close();
  }

  @Test void theBrowserComesBackToTheLoopbackAndTheSessionIsSignedIn() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open(this::browserSignsInAsAdmin)) {
      AuthorizationRequest request = session.authorizationRequest(redirect.uri());
      assertThat(redirect.openBrowser(request.url(), opened::add)).as("a browser opened").isTrue();

      String came = redirect.await(WAIT);
      assertThat(came).startsWith(redirect.uri() + "?").contains("code=", "state=" + request.state());
      session.completeSignIn(request, came);
    }

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(get(gateway.url("/orders").toString(), session.newClient(http)).code()).isEqualTo(200);
    assertThat(opened).as("nothing for the user to open by hand").isEmpty();
  }

  @Test void theBrowserIsToldToCloseTheTabAndNothingOfTheRedirectIsEchoedOrCached() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      AuthorizationRequest request = session.authorizationRequest(redirect.uri());
      String came = robot.signIn(request.url(), "admin", "admin");
      String code = okhttp3.HttpUrl.get(came).queryParameter("code");

      try (Response page = get(came, http)) {
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body().string()).contains("You are signed in", "close this tab").doesNotContain(code);
      }
      assertThat(redirect.await(WAIT)).isEqualTo(came);
    }
  }

  @Test void aSecondRedirectIsRefusedAndNeverReachesTheApp() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      AuthorizationRequest request = session.authorizationRequest(redirect.uri());
      String came = robot.signIn(request.url(), "admin", "admin");
      String forged = redirect.uri() + "?code=forged&state=" + request.state();

      assertThat(status(came)).isEqualTo(200);
      assertThat(status(forged)).isEqualTo(410);
      assertThat(status(came)).as("a replay of the first").isEqualTo(410);
      assertThat(redirect.await(WAIT)).isEqualTo(came);
      session.completeSignIn(request, came);
    }
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test void otherPathsAndRequestsWithoutACodeAreRefusedAndTheWaitGoesOn() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      String redirected = redirect.uri() + "?code=c0de&state=5tate";
      String base = redirect.uri().replace("/callback", "");

      assertThat(status(base + "/favicon.ico")).isEqualTo(404);
      assertThat(status(base + "/")).isEqualTo(404);
      assertThat(status(base + "/callback/more?code=c0de&state=5tate")).isEqualTo(404);
      assertThat(status(redirect.uri())).as("no code, no error").isEqualTo(400);
      assertThat(status(redirect.uri() + "?code=c0de")).as("no state").isEqualTo(400);
      assertThat(status(redirect.uri() + "?code=&state=5tate")).as("an empty code").isEqualTo(400);
      assertThat(status(redirected)).isEqualTo(200);
      assertThat(redirect.await(WAIT)).isEqualTo(redirected);
    }
  }

  @Test void otherMethodsAreNotAllowedAndTheWaitGoesOn() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      String redirected = redirect.uri() + "?code=c0de&state=5tate";
      Request post = new Request.Builder().url(redirected)
          .post(new FormBody.Builder().add("code", "c0de").add("state", "5tate").build())
          .build();
      try (Response refused = http.newCall(post).execute()) {
        assertThat(refused.code()).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("GET");
      }
      try (Response head = http.newCall(new Request.Builder().url(redirected).head().build()).execute()) {
        assertThat(head.code()).isEqualTo(405);
      }

      assertThat(status(redirected)).isEqualTo(200);
      assertThat(redirect.await(WAIT)).isEqualTo(redirected);
    }
  }

  @Test void anErrorRedirectEndsTheWaitAndTheSignInIsDenied() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      AuthorizationRequest request = session.authorizationRequest(redirect.uri());
      String denied = redirect.uri() + "?error=access_denied&error_description=%3Cscript%3E&state=" + request.state();

      try (Response page = get(denied, http)) {
        assertThat(page.body().string()).contains("did not complete").doesNotContain("script>", "access_denied");
      }
      String came = redirect.await(WAIT);
      assertThat(came).isEqualTo(denied);

      assertThatThrownBy(() -> session.completeSignIn(request, came))
          .isInstanceOfSatisfying(SignInException.class,
              e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.ACCESS_DENIED));
    }
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
  }

  @Test void aWaitThatTimesOutIsCancelledAndFreesThePort() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      assertThatThrownBy(() -> redirect.await(Duration.ofMillis(200)))
          .isInstanceOfSatisfying(SignInException.class, e -> {
            assertThat(e.reason()).isEqualTo(SignInException.Reason.CANCELLED);
            assertThat(e).hasMessageContaining("timed out");
          });

      assertThatThrownBy(() -> get(redirect.uri() + "?code=late&state=5tate", http))
          .as("nothing listens any more").isInstanceOf(ConnectException.class);
    }
  }

  @Test void closingEndsAWaitOnAnotherThreadAsCancelled() throws Exception {
    LoopbackRedirect redirect = LoopbackRedirect.open();
    CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        redirect.await(Duration.ofMinutes(5));
        return null;
      } catch (IOException e) {
        return e;
      }
    });

    redirect.close();

    assertThat(waiter.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(SignInException.class,
        e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.CANCELLED));
    assertThatThrownBy(() -> status(redirect.uri() + "?code=late&state=5tate")).isInstanceOf(ConnectException.class);
  }

  @Test void anInterruptedWaitThrowsInterruptedIOExceptionAndKeepsTheInterrupt() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> redirect.await(WAIT)).isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test void withoutABrowserTheUrlIsHandedToTheApp() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open(url -> false)) {
      AuthorizationRequest request = session.authorizationRequest(redirect.uri());

      assertThat(redirect.openBrowser(request.url(), opened::add)).isFalse();
      assertThat(opened).containsExactly(request.url());
    }
  }

  @Test void onlyWebUrlsAreOpened() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open(url -> true)) {
      assertThatThrownBy(() -> redirect.openBrowser("file:///etc/passwd", opened::add))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(opened).isEmpty();
    }
  }

  @Test void theRedirectUriIsOnTheLoopbackIpLiteral() throws Exception {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      assertThat(redirect.uri()).matches("http://127\\.0\\.0\\.1:[0-9]+/callback");
      assertThat(redirect).hasToString("LoopbackRedirect{" + redirect.uri() + "}");
    }
  }

  /** The system browser, played by the robot: signs in at the gateway and follows its redirect to the app. */
  private boolean browserSignsInAsAdmin(String url) {
    try {
      String came = robot.signIn(url, "admin", "admin");
      assertThat(status(came)).isEqualTo(200);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int status(String url) throws IOException {
    try (Response response = get(url, http)) {
      return response.code();
    }
  }

  private static Response get(String url, OkHttpClient client) throws IOException {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }
}

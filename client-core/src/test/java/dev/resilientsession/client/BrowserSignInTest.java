package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browser sign-in end to end against the mock WSO2 gateway, its login page played by the
 * BrowserRobot: the three steps, public and confidential clients, and what a session without a
 * password can and cannot mend.
 */
class BrowserSignInTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-pw";
  private static final String PUBLIC_JWT = "public-jwt";
  private static final String PUBLIC_OPAQUE = "public-opaque";
  private static final String CONFIDENTIAL = "confidential";
  private static final String SECRET = "confidential-secret";
  private static final String REDIRECT = "http://127.0.0.1:53682/callback";
  private static final String APP_REDIRECT = "com.example.app:/callback";
  private static final String API = "/orders";

  private final TestClock clock = new TestClock();

  @RegisterExtension
  final MockGatewayExtension gateway = MockGatewayExtension.builder().clock(clock).config(GatewayConfig.builder()
      .user(User.of(USER, PASSWORD))
      .application(browserApp(PUBLIC_JWT, null, TokenType.JWT))
      .application(browserApp(PUBLIC_OPAQUE, null, TokenType.OPAQUE))
      .application(browserApp(CONFIDENTIAL, SECRET, TokenType.JWT))
      .build()).build();

  private final List<Device> devices = new ArrayList<>();
  private final GatewayLog log = new GatewayLog(gateway);

  @AfterEach void closeDevices() {
    for (Device device : devices) device.session.close();
  }

  @Test void aPublicClientSignsInInTheBrowserAndCallsTheApi() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    laptop.signInInBrowser();

    assertThat(laptop.session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(laptop.call()).isEqualTo(200);
    assertThat(laptop.store.load().signInMethod()).isEqualTo(SignInMethod.BROWSER);
    assertThat(laptop.listener.events).containsExactly("signedIn [device_laptop, openid]");
    HttpRequest exchange = tokenRequests().get(0);
    String form = GatewayLog.form(exchange);
    assertThat(form).contains("grant_type=authorization_code", "client_id=" + PUBLIC_JWT, "code_verifier=")
        .doesNotContain("client_secret");
    assertThat(exchange.header("Authorization")).as("a public client has no secret to send").isNull();
  }

  @Test void aConfidentialClientSignsInInTheBrowserWithItsSecret() throws Exception {
    Device laptop = device("laptop", CONFIDENTIAL, true);
    laptop.signInInBrowser();

    assertThat(laptop.call()).isEqualTo(200);
    HttpRequest exchange = tokenRequests().get(0);
    assertThat(exchange.header("Authorization")).startsWith("Basic ");
    assertThat(GatewayLog.form(exchange)).doesNotContain("client_id=");
  }

  @Test void aPublicClientSignsInWithThePasswordGrantToo() throws Exception {
    Device laptop = device("laptop", PUBLIC_OPAQUE, true);
    laptop.session.signIn(USER, PASSWORD.toCharArray());

    assertThat(laptop.call()).isEqualTo(200);
    assertThat(tokenRequests().get(0).header("Authorization")).isNull();
    assertThat(laptop.store.load().signInMethod()).isEqualTo(SignInMethod.PASSWORD);
  }

  @Test void signingOutRevokesAPublicClientsTokenWithItsIdAlone() throws Exception {
    Device laptop = device("laptop", PUBLIC_OPAQUE, true);
    laptop.signInInBrowser();

    assertThat(laptop.session.signOut().revoked()).isTrue();
    assertThat(gateway.gateway().activeTokens()).isEmpty();
  }

  @Test void anExpiredTokenIsRenewedWithTheRefreshTokenAndNoPrompt() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    laptop.signInInBrowser();
    int before = tokenRequests().size();

    clock.advance(Duration.ofHours(2));
    assertThat(laptop.call()).isEqualTo(200);

    assertThat(tokenRequests().subList(before, tokenRequests().size())).singleElement()
        .satisfies(request -> assertThat(GatewayLog.form(request)).contains("grant_type=refresh_token"));
    assertThat(laptop.listener.events).contains("refreshed REFRESH_TOKEN").noneMatch(e -> e.startsWith("lost"));
  }

  @Test void withDeviceScopesAnotherDevicesSignOutCostsNothing() throws Exception {
    Device laptop = device("laptop", PUBLIC_OPAQUE, true);
    Device phone = device("phone", PUBLIC_OPAQUE, true);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    int before = tokenRequests().size();

    phone.session.signOut();

    assertThat(laptop.call()).isEqualTo(200);
    assertThat(laptop.unauthorized).isZero();
    assertThat(tokenRequests()).hasSize(before);
  }

  /** A new JWT revokes the previous one of its key, and hands its refresh token on (WSO2's rule). */
  @Test void aJwtDisplacedByAnotherDevicesSignInRecoversWithItsInheritedRefreshTokenInOneRequest() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, false);
    Device phone = device("phone", PUBLIC_JWT, false);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    int before = tokenRequests().size();

    assertThat(laptop.call()).isEqualTo(200);

    assertThat(tokenRequests().subList(before, tokenRequests().size())).singleElement()
        .satisfies(request -> assertThat(GatewayLog.form(request)).contains("grant_type=refresh_token"));
    assertThat(laptop.listener.events).contains("displaced 900901", "refreshed REFRESH_TOKEN")
        .noneMatch(e -> e.startsWith("lost") || e.equals("reauthenticated"));
  }

  /** The refresh token the two devices shared rotated away with the laptop's recovery: the phone has none left. */
  @Test void theDisplacedJwtsRecoveryLeavesTheOtherDeviceNothingToRecoverWith() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, false);
    Device phone = device("phone", PUBLIC_JWT, false);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    assertThat(laptop.call()).isEqualTo(200);

    assertThat(phone.call()).isEqualTo(401);
    assertThat(phone.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
  }

  /** The displaced device's refresh token is the one the other device's sign-out revokes. */
  @Test void aJwtSharingItsRefreshTokenNeedsTheBrowserAgainWhenTheOtherDeviceSignsOut() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, false);
    Device phone = device("phone", PUBLIC_JWT, false);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    phone.session.signOut();

    assertThat(laptop.call()).isEqualTo(401);
    assertThat(laptop.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
  }

  /** The case no client can mend alone: the shared OPAQUE token and its refresh token die together. */
  @Test void aSharedOpaqueTokenRevokedElsewhereNeedsTheBrowserAgainAfterOneTokenRequest() throws Exception {
    Device laptop = device("laptop", PUBLIC_OPAQUE, false);
    Device phone = device("phone", PUBLIC_OPAQUE, false);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    assertThat(phone.store.load().accessToken()).as("WSO2 hands out the same token").isEqualTo(laptop.store.load().accessToken());
    phone.session.signOut();
    int before = tokenRequests().size();

    assertThat(laptop.call()).isEqualTo(401);

    assertThat(tokenRequests().subList(before, tokenRequests().size())).as("the refresh token, and nothing else")
        .singleElement()
        .satisfies(request -> assertThat(GatewayLog.form(request)).contains("grant_type=refresh_token"));
    assertThat(laptop.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
    assertThat(laptop.session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
    assertThat(laptop.store.load()).isNull();

    laptop.signInInBrowser();
    assertThat(laptop.call()).as("the user signed in again").isEqualTo(200);
  }

  @Test void aRedirectThatAnswersAnotherRequestIsAStateMismatchAndSpendsNothing() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest first = laptop.session.authorizationRequest(REDIRECT);
    AuthorizationRequest second = laptop.session.authorizationRequest(REDIRECT);
    String redirect = laptop.robot.signIn(first.url(), USER, PASSWORD);

    assertThatThrownBy(() -> laptop.session.completeSignIn(second, redirect))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.STATE_MISMATCH))
        .hasMessageNotContaining(first.state());
    assertThat(tokenRequests()).isEmpty();

    laptop.session.completeSignIn(first, redirect);
    assertThat(laptop.call()).as("the code was not spent").isEqualTo(200);
  }

  @Test void aRedirectToAnotherUriIsRefused() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = laptop.session.authorizationRequest(REDIRECT);
    String redirect = laptop.robot.signIn(request.url(), USER, PASSWORD);

    assertThatThrownBy(() -> laptop.session.completeSignIn(request, redirect.replace("/callback", "/elsewhere")))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.STATE_MISMATCH));
  }

  @Test void aRedirectDeliveredTwiceSpendsItsCodeOnce() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = laptop.session.authorizationRequest(REDIRECT);
    String redirect = laptop.robot.signIn(request.url(), USER, PASSWORD);
    laptop.session.completeSignIn(request, redirect);

    assertThatThrownBy(() -> laptop.session.completeSignIn(request, redirect))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.STATE_MISMATCH));

    assertThat(tokenRequests()).hasSize(1);
    assertThat(laptop.call()).as("WSO2 revokes what a replayed code bought: it was not replayed").isEqualTo(200);
  }

  @Test void theUserDecliningIsAccessDenied() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = laptop.session.authorizationRequest(REDIRECT);
    String declined = REDIRECT + "?error=access_denied&error_description=User+denied+the+consent&state=" + request.state();

    assertThatThrownBy(() -> laptop.session.completeSignIn(request, declined))
        .isInstanceOfSatisfying(SignInException.class, e -> {
          assertThat(e.reason()).isEqualTo(SignInException.Reason.ACCESS_DENIED);
          assertThat(e.oauthError()).isEqualTo("access_denied");
        });
    assertThat(laptop.session.state()).isEqualTo(SessionState.SIGNED_OUT);
  }

  @Test void promptNoneWithoutABrowserSessionIsAnAuthorizationFailure() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = laptop.session.authorizationRequest(REDIRECT);
    String redirect = laptop.robot.open(request.url() + "&prompt=none");

    assertThatThrownBy(() -> laptop.session.completeSignIn(request, redirect))
        .isInstanceOfSatisfying(SignInException.class, e -> {
          assertThat(e.reason()).isEqualTo(SignInException.Reason.AUTHORIZATION_FAILED);
          assertThat(e.oauthError()).isEqualTo("login_required");
        });
  }

  @Test void aCodeTheGatewayRefusesIsCodeRejected() throws Exception {
    Device laptop = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = laptop.session.authorizationRequest(REDIRECT);
    String redirect = laptop.robot.signIn(request.url(), USER, PASSWORD);

    clock.advance(Duration.ofMinutes(6)); // WSO2's codes last five minutes
    assertThatThrownBy(() -> laptop.session.completeSignIn(request, redirect))
        .isInstanceOfSatisfying(SignInException.class, e -> {
          assertThat(e.reason()).isEqualTo(SignInException.Reason.CODE_REJECTED);
          assertThat(e.oauthError()).isEqualTo("invalid_grant");
        });
  }

  @Test void aSignInSurvivesTheAppsProcessDyingWhileTheUserIsInTheBrowser() throws Exception {
    Device before = device("laptop", PUBLIC_JWT, true);
    AuthorizationRequest request = before.session.authorizationRequest(APP_REDIRECT);
    String saved = request.encode();
    before.session.close();
    String redirect = before.robot.signIn(request.url(), USER, PASSWORD);

    Device after = device("laptop", PUBLIC_JWT, true);
    after.session.completeSignIn(AuthorizationRequest.decode(saved), redirect);

    assertThat(after.call()).isEqualTo(200);
  }

  @Test void noPasswordIsEverAskedForOrReplayed() throws Exception {
    Device laptop = device("laptop", PUBLIC_OPAQUE, false);
    Device phone = device("phone", PUBLIC_OPAQUE, false);
    laptop.signInInBrowser();
    phone.signInInBrowser();
    phone.session.signOut();
    laptop.call();

    assertThat(tokenRequests()).noneMatch(request -> GatewayLog.form(request).contains("grant_type=password"));
  }

  private static Application browserApp(String key, String secret, TokenType type) {
    return Application.builder(key, secret).tokenType(type).publicClient(secret == null).pkceMandatory(true)
        .redirectUris("http://127.0.0.1/callback", APP_REDIRECT).build();
  }

  private Device device(String name, String clientId, boolean deviceScope) {
    Device device = new Device(name, clientId, deviceScope);
    devices.add(device);
    return device;
  }

  private List<HttpRequest> tokenRequests() throws InterruptedException {
    return log.tokenRequests();
  }

  /** One device of the user with its own browser (cookies), session, store and listener. */
  private final class Device {
    final RecordingListener listener = new RecordingListener();
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final BrowserRobot robot = BrowserRobot.create(new OkHttpClient());
    final ResilientSession session;
    final OkHttpClient client;
    int unauthorized;

    Device(String name, String clientId, boolean deviceScope) {
      ResilientSession.Builder builder = ResilientSession.builder()
          .tokenUrl(gateway.url("/oauth2/token"))
          .deviceIdentity(DeviceIdentity.of(name))
          .deviceScope(deviceScope)
          .scopes("openid")
          .tokenStore(store)
          .clock(clock)
          .listener(listener)
          .listenerExecutor(Runnable::run)
          .sleeper(duration -> { });
      session = (clientId.equals(CONFIDENTIAL) ? builder.client(clientId, SECRET) : builder.publicClient(clientId)).build();
      client = session.newClient(new OkHttpClient.Builder()
          .addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            if (response.code() == 401) unauthorized++;
            return response;
          })
          .build());
    }

    void signInInBrowser() throws IOException {
      AuthorizationRequest request = session.authorizationRequest(REDIRECT);
      session.completeSignIn(request, robot.signIn(request.url(), USER, PASSWORD));
    }

    int call() throws IOException {
      try (Response response = client.newCall(new Request.Builder().url(gateway.url(API)).build()).execute()) {
        return response.code();
      }
    }
  }
}

package dev.resilientsession.client;

import dev.resilientsession.gateway.junit.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-device scenarios of WSO2's documentation (docs/gateway-behaviour.md), end to end against
 * the mock WSO2 gateway: one user, a desktop and a tablet, each with its own session and OkHttpClient.
 */
class TwoDevicesOfOneUserTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-pw";
  private static final String OPAQUE_KEY = "opaque-app";
  private static final String JWT_KEY = "jwt-app";
  private static final String SECRET = "app-secret";
  private static final String API = "/pizzashack/1.0.0/menu";

  @RegisterExtension
  final MockGatewayExtension gateway = MockGatewayExtension.builder().config(config().build()).build();

  @RegisterExtension
  final MockGatewayExtension renewing = MockGatewayExtension.builder()
      .config(config().jwtRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.PASSWORD))).build())
      .build();

  private final List<Device> devices = new ArrayList<>();
  private final List<HttpRequest> seen = new ArrayList<>();

  @AfterEach void closeDevices() {
    for (Device device : devices) device.session.close();
  }

  /** OPAQUE tokens without device scopes: both devices share one token, and one sign-out revokes it. */
  @Test void withOpaqueTokensTheTabletSurvivesTheDesktopSigningOutWithoutAPrompt() throws Exception {
    Device desktop = device(gateway, "desktop", OPAQUE_KEY, false, Clock.systemUTC());
    Device tablet = device(gateway, "tablet", OPAQUE_KEY, false, Clock.systemUTC());
    desktop.signIn();
    tablet.signIn();

    assertThat(gateway.gateway().activeTokens()).hasSize(1);
    assertThat(tablet.accessToken()).as("the gateway hands out the same token").isEqualTo(desktop.accessToken());
    assertThat(tablet.call()).isEqualTo(200);

    assertThat(desktop.session.signOut().revoked()).isTrue();
    assertThat(gateway.gateway().activeTokens()).as("the shared token is revoked").isEmpty();

    assertThat(tablet.call()).isEqualTo(200);
    assertThat(tablet.listener.events).containsSubsequence("displaced 900901", "refreshed PASSWORD_REPLAY", "reauthenticated")
        .noneMatch(event -> event.startsWith("lost"));
    assertThat(tablet.session.state()).as("no prompt").isEqualTo(SessionState.SIGNED_IN);
    assertThat(tablet.unauthorized).as("the one 401 that revealed the revocation").hasValue(1);
    assertThat(tablet.call()).isEqualTo(200);
    assertThat(tablet.unauthorized).hasValue(1);
  }

  /**
   * JWT tokens without device scopes: each sign-in revokes the previous token of the same key. The token died
   * early, so the desktop replays the password: one token request, as a refresh would have cost
   * (the new token inherited the refresh token).
   */
  @Test void withJwtsTheDesktopSurvivesTheTabletSigningInWithoutAPrompt() throws Exception {
    Device desktop = device(gateway, "desktop", JWT_KEY, false, Clock.systemUTC());
    Device tablet = device(gateway, "tablet", JWT_KEY, false, Clock.systemUTC());
    desktop.signIn();
    String desktopToken = desktop.accessToken();

    tablet.signIn();

    assertThat(gateway.gateway().tokens().validate(desktopToken)).as("the desktop's token was revoked").isEmpty();
    assertThat(gateway.gateway().activeTokens()).hasSize(1);
    long tokenRequests = tokenRequests();
    assertThat(desktop.call()).isEqualTo(200);
    assertThat(tokenRequests()).as("one token request for the recovery").isEqualTo(tokenRequests + 1);
    assertThat(desktop.listener.events).containsSubsequence("displaced 900901", "refreshed PASSWORD_REPLAY")
        .noneMatch(event -> event.startsWith("lost"));
    assertThat(desktop.session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  /** Device scopes give each device its own token, so signing out elsewhere costs nothing. */
  @ParameterizedTest
  @EnumSource(TokenType.class)
  void withDeviceScopesTheTabletDoesNotNoticeTheDesktopSigningOut(TokenType tokenType) throws Exception {
    String key = tokenType == TokenType.JWT ? JWT_KEY : OPAQUE_KEY;
    Device desktop = device(gateway, "desktop", key, true, Clock.systemUTC());
    Device tablet = device(gateway, "tablet", key, true, Clock.systemUTC());
    desktop.signIn();
    tablet.signIn();

    assertThat(gateway.gateway().activeTokens()).extracting(TokenInfo::scopes)
        .containsExactlyInAnyOrder(Set.of("device_desktop"), Set.of("device_tablet"));
    assertThat(tablet.accessToken()).isNotEqualTo(desktop.accessToken());
    long tokenRequests = tokenRequests();

    assertThat(desktop.session.signOut().revoked()).isTrue();

    assertThat(gateway.gateway().activeTokens()).extracting(TokenInfo::scopes).containsExactly(Set.of("device_tablet"));
    for (int i = 0; i < 3; i++) assertThat(tablet.call()).isEqualTo(200);
    assertThat(tablet.unauthorized).hasValue(0);
    assertThat(tokenRequests()).isEqualTo(tokenRequests);
    assertThat(tablet.listener.events).containsExactly("signedIn [device_tablet]");
  }

  /** A token that expired on both sides: renewed with the refresh token before the call. */
  @Test void anExpiredTokenIsRenewedWithTheRefreshTokenBeforeTheCall() throws Exception {
    TestClock clock = new TestClock();
    Device desktop = device(gateway, "desktop", JWT_KEY, true, clock);
    Device tablet = device(gateway, "tablet", JWT_KEY, true, clock);
    desktop.signIn();
    tablet.signIn();
    long tokenRequests = tokenRequests();

    gateway.gateway().advanceClock(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));

    for (Device device : List.of(desktop, tablet)) {
      assertThat(device.call()).isEqualTo(200);
      assertThat(device.unauthorized).hasValue(0);
      assertThat(device.listener.events).containsExactly("signedIn [" + device.session.deviceScope() + "]",
          "refreshed REFRESH_TOKEN");
    }
    assertThat(tokenRequestBodies().subList((int) tokenRequests, (int) tokenRequests()))
        .hasSize(2).allMatch(body -> body.contains("grant_type=refresh_token"));
  }

  /**
   * The gateway's clock is ahead of the device's: by the device's clock the token died early, so one
   * password replay recovers it; without a held password, one refresh does.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aTokenThatExpiredOnlyOnTheGatewayCostsOneTokenRequest(boolean passwordReplay) throws Exception {
    TestClock clock = new TestClock();
    Device desktop = device(gateway, "desktop", JWT_KEY, true, clock, passwordReplay);
    desktop.signIn();
    long tokenRequests = tokenRequests();

    gateway.gateway().advanceClock(Duration.ofHours(1));

    assertThat(desktop.call()).isEqualTo(200);
    assertThat(desktop.unauthorized).hasValue(1);
    assertThat(desktop.listener.events).contains(passwordReplay ? "refreshed PASSWORD_REPLAY" : "refreshed REFRESH_TOKEN")
        .noneMatch(event -> event.startsWith("lost"));
    assertThat(tokenRequestBodies().subList((int) tokenRequests, (int) tokenRequests()))
        .singleElement().satisfies(body -> assertThat(body)
            .contains(passwordReplay ? "grant_type=password" : "grant_type=refresh_token"));
    assertThat(desktop.session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  /** The limit of silent recovery: when the password itself changed, the user must be asked, once, and nothing loops. */
  @Test void aChangedPasswordEndsInSignInRequiredOnceAndThenStaysQuiet() throws Exception {
    Device desktop = device(gateway, "desktop", JWT_KEY, true, Clock.systemUTC());
    Device tablet = device(gateway, "tablet", JWT_KEY, true, Clock.systemUTC());
    desktop.signIn();
    tablet.signIn();

    assertThat(gateway.gateway().changePassword(USER, "a-new-password")).isTrue();

    for (Device device : List.of(desktop, tablet)) {
      assertThat(device.call()).isEqualTo(401);
      assertThat(device.session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
      assertThat(device.store.load()).isNull();
    }
    long tokenRequests = tokenRequests();
    for (int i = 0; i < 3; i++) {
      assertThat(desktop.call()).isEqualTo(401);
      assertThat(tablet.call()).isEqualTo(401);
    }
    assertThat(tokenRequests()).as("no token request after the loss").isEqualTo(tokenRequests);
    for (Device device : List.of(desktop, tablet)) {
      assertThat(device.listener.count("lost")).isEqualTo(1);
      assertThat(device.listener.events).endsWith("lost CREDENTIALS_REJECTED");
    }
  }

  /** With renew_token_without_revoking_existing for the password grant, both tokens live on. */
  @Test void withRenewTokenWithoutRevokingExistingBothDevicesKeepTheirJwtsAndNeverSeeA401() throws Exception {
    Device desktop = device(renewing, "desktop", JWT_KEY, false, Clock.systemUTC());
    Device tablet = device(renewing, "tablet", JWT_KEY, false, Clock.systemUTC());
    desktop.signIn();
    tablet.signIn();

    assertThat(renewing.gateway().activeTokens()).hasSize(2);
    assertThat(tablet.accessToken()).isNotEqualTo(desktop.accessToken());
    for (int i = 0; i < 2; i++) {
      assertThat(desktop.call()).isEqualTo(200);
      assertThat(tablet.call()).isEqualTo(200);
    }
    assertThat(desktop.unauthorized).hasValue(0);
    assertThat(tablet.unauthorized).hasValue(0);
    assertThat(desktop.listener.events).containsExactly("signedIn [default]");
    assertThat(tablet.listener.events).containsExactly("signedIn [default]");
  }

  // Helpers.

  private static GatewayConfig.Builder config() {
    return GatewayConfig.builder()
        .user(User.of(USER, PASSWORD))
        .application(Application.builder(OPAQUE_KEY, SECRET).tokenType(TokenType.OPAQUE).build())
        .application(Application.builder(JWT_KEY, SECRET).tokenType(TokenType.JWT).build());
  }

  private Device device(MockGatewayExtension on, String name, String consumerKey, boolean deviceScope, Clock clock) {
    return device(on, name, consumerKey, deviceScope, clock, true);
  }

  private Device device(MockGatewayExtension on, String name, String consumerKey, boolean deviceScope, Clock clock,
      boolean passwordReplay) {
    Device device = new Device(on, name, consumerKey, deviceScope, clock, passwordReplay);
    devices.add(device);
    return device;
  }

  /** How many token requests the gateway of this test has received so far. */
  private long tokenRequests() throws InterruptedException {
    return tokenRequestBodies().size();
  }

  private List<String> tokenRequestBodies() throws InterruptedException {
    for (HttpRequest request; (request = gateway.server().takeRequest(0, TimeUnit.NANOSECONDS)) != null; ) {
      seen.add(request);
    }
    List<String> bodies = new ArrayList<>();
    for (HttpRequest request : seen) {
      if (request.path().startsWith("/oauth2/token")) bodies.add(request.bodyUtf8());
    }
    return bodies;
  }

  /** One device of the user: its session, its store, its listener, and an app client that counts 401s. */
  private static final class Device {
    final MockGatewayExtension on;
    final RecordingListener listener = new RecordingListener();
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final AtomicInteger unauthorized = new AtomicInteger();
    final ResilientSession session;
    final OkHttpClient client;

    Device(MockGatewayExtension on, String name, String consumerKey, boolean deviceScope, Clock clock,
        boolean passwordReplay) {
      this.on = on;
      this.session = ResilientSession.builder()
          .tokenUrl(on.url("/oauth2/token"))
          .client(consumerKey, SECRET)
          .deviceIdentity(DeviceIdentity.of(name))
          .deviceScope(deviceScope)
          .passwordReplay(passwordReplay)
          .tokenStore(store)
          .clock(clock)
          .listener(listener)
          .listenerExecutor(Runnable::run)
          .sleeper(sleeps::add)
          .build();
      this.client = session.newClient(new OkHttpClient.Builder()
          .addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            if (response.code() == 401) unauthorized.incrementAndGet();
            return response;
          })
          .build());
    }

    void signIn() throws SignInException {
      session.signIn(USER, PASSWORD.toCharArray());
    }

    String accessToken() {
      return store.load().accessToken();
    }

    int call() throws IOException {
      try (Response response = client.newCall(new Request.Builder().url(on.url(API)).build()).execute()) {
        return response.code();
      }
    }
  }
}

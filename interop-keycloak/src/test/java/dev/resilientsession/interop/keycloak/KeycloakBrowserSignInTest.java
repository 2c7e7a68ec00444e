package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.gateway.junit.BrowserRobot;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Browser sign-in (authorization code + PKCE) at Keycloak's own login page, posted by a robot, to
 * a loopback redirect that is never opened. Keycloak matches loopback redirect URIs on any port,
 * as RFC 8252 asks. Without a password the session lives on its refresh token alone.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakBrowserSignInTest {
  private static final String REDIRECT = "http://127.0.0.1:53682/callback";
  private static final OkHttpClient BROWSER = new OkHttpClient.Builder()
      .connectTimeout(5, TimeUnit.SECONDS)
      .callTimeout(20, TimeUnit.SECONDS)
      .build();

  private final Keycloak keycloak;

  KeycloakBrowserSignInTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @Test void aBrowserSignInAtKeycloaksLoginPageCallsUserinfoAsTheUser() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      signInInBrowser(device, user);

      assertThat(device.username()).isEqualTo(user.username());
      assertThat(device.traffic.requests()).containsExactly("authorization_code 200");
      assertThat(device.listener.events).containsExactly("signedIn");
    }
  }

  @Test void signingOutAfterABrowserSignInRevokesItsTokensAtKeycloak() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      signInInBrowser(device, user);
      String refreshToken = device.traffic.lastRefreshToken();
      String accessToken = device.traffic.lastAccessToken();

      assertThat(device.session.signOut().revoked()).isTrue();

      assertThat(device.traffic.requests()).containsExactly("authorization_code 200", "revoke 200");
      assertThat(keycloak.refresh(refreshToken)).isEqualTo("400 invalid_grant (Session not active)");
      assertThat(keycloak.userinfo(accessToken)).isEqualTo(401);
    }
  }

  /** No password to replay: the refresh token is the one rung, and the user must come back through the browser. */
  @Test void anAdminLogoutSendsABrowserSignedInUserBackToTheBrowserAfterOneTokenRequest() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      signInInBrowser(device, user);

      keycloak.admin().logOut(user);

      assertThat(device.call()).isEqualTo(401);
      assertThat(device.traffic.requests()).containsExactly("authorization_code 200", "refresh_token 400 invalid_grant");
      assertThat(device.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
      assertThat(device.session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);

      signInInBrowser(device, user);
      assertThat(device.call()).isEqualTo(200);
    }
  }

  private static void signInInBrowser(Device device, TestUser user) throws Exception {
    AuthorizationRequest request = device.session.authorizationRequest(REDIRECT);
    String redirect = BrowserRobot.create(BROWSER).signIn(request.url(), user.username(), user.password());
    device.session.completeSignIn(request, redirect);
  }
}

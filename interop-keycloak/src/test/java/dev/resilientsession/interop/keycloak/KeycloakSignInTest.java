package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignOutResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The password grant at Keycloak: sign in, call, sign out, and what a sign-out leaves alive at the server. */
@ExtendWith(KeycloakExtension.class)
class KeycloakSignInTest {
  private final Keycloak keycloak;

  KeycloakSignInTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @Test void aPasswordSignInCallsUserinfoAsTheUser() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());

      assertThat(device.username()).isEqualTo(user.username());
      assertThat(device.session.state()).isEqualTo(SessionState.SIGNED_IN);
      assertThat(device.traffic.requests()).containsExactly("password 200");
    }
  }

  /** Keycloak ends the user's whole session when its refresh token is revoked, so the access token dies with it. */
  @Test void signingOutRevokesTheRefreshTokenAndTheAccessTokenAtKeycloak() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());
      assertThat(device.call()).isEqualTo(200);
      String refreshToken = device.traffic.lastRefreshToken();
      String accessToken = device.traffic.lastAccessToken();
      assertThat(keycloak.userinfo(accessToken)).as("the access token works past the SDK").isEqualTo(200);

      SignOutResult result = device.session.signOut();

      assertThat(result.revoked()).isTrue();
      assertThat(device.traffic.requests()).containsExactly("password 200", "revoke 200");
      assertThat(keycloak.refresh(refreshToken)).isEqualTo("400 invalid_grant (Session not active)");
      assertThat(keycloak.userinfo(accessToken)).isEqualTo(401);
      assertThat(device.session.state()).isEqualTo(SessionState.SIGNED_OUT);
    }
  }

  /** Keycloak opens a session per sign-in: devices of one user share no token, so none can revoke another's. */
  @Test void anotherDevicesSignOutCostsThisDeviceNothing() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device laptop = new Device(keycloak); Device phone = new Device(keycloak)) {
      laptop.session.signIn(user.username(), user.passwordChars());
      phone.session.signIn(user.username(), user.passwordChars());
      laptop.traffic.clear();

      assertThat(phone.session.signOut().revoked()).isTrue();

      assertThat(laptop.call()).isEqualTo(200);
      assertThat(laptop.traffic.requests()).isEmpty();
      assertThat(laptop.listener.events).containsExactly("signedIn");
    }
  }
}

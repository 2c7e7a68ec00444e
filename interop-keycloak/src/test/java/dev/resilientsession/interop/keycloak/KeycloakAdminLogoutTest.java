package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak ending every session of a user (the admin's "Sign out", or a logout everywhere) kills
 * the access token and the refresh token at once; userinfo then answers a bare 401. A token that
 * dies before its time is recovered with the password first, so one request mends it.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakAdminLogoutTest {
  private final Keycloak keycloak;

  KeycloakAdminLogoutTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @Test void anAdminLogoutIsRecoveredSilentlyWithOneTokenRequest() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());
      assertThat(device.call()).isEqualTo(200);
      device.traffic.clear();

      keycloak.admin().logOut(user);

      assertThat(device.call()).isEqualTo(200);
      assertThat(device.unauthorized()).isEqualTo(1);
      assertThat(device.traffic.requests()).containsExactly("password 200");
      assertThat(device.listener.events).containsExactly("signedIn", "displaced null", "refreshed PASSWORD_REPLAY",
          "reauthenticated");
      assertThat(device.session.state()).isEqualTo(SessionState.SIGNED_IN);
    }
  }

  @Test void sixtyFourCallsMeetingAnAdminLogoutAtOnceCostOneTokenRequest() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());
      assertThat(device.call()).isEqualTo(200);
      device.traffic.clear();

      keycloak.admin().logOut(user);

      assertThat(device.storm(Device.STORM)).containsOnly(200);
      assertThat(device.unauthorized()).as("calls that met the dead session").isGreaterThan(1);
      assertThat(device.traffic.requests()).containsExactly("password 200");
      assertThat(device.listener.events).containsExactly("signedIn", "displaced null", "refreshed PASSWORD_REPLAY",
          "reauthenticated");
    }
  }
}

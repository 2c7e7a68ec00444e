package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A password changed by an administrator, with brute-force detection on (3 failures lock the
 * user). Keycloak's reset-password keeps the user's sessions: only ending them (the admin's "Sign
 * out", which a password change for a stolen account comes with) makes the old password matter.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakPasswordChangeTest {
  private final Keycloak keycloak;

  KeycloakPasswordChangeTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @Test void aPasswordResetAloneLeavesTheSessionAlive() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());
      device.traffic.clear();

      keycloak.admin().resetPassword(user);

      assertThat(device.call()).isEqualTo(200);
      assertThat(keycloak.userinfo(device.traffic.lastAccessToken())).isEqualTo(200);
      assertThat(device.traffic.requests()).isEmpty();
    }
  }

  @Test void aPasswordChangeEndsTheSessionOnceAndNeverLocksTheUserOut() throws Exception {
    TestUser user = keycloak.admin().createUser();
    try (Device device = new Device(keycloak)) {
      device.session.signIn(user.username(), user.passwordChars());
      assertThat(device.call()).isEqualTo(200);
      device.traffic.clear();

      TestUser changed = keycloak.admin().resetPassword(user);
      keycloak.admin().logOut(user);
      assertThat(device.storm(Device.STORM)).containsOnly(401);

      assertThat(device.traffic.requests()).as("the old password once, then the refresh token")
          .containsExactly("password 401 invalid_grant", "refresh_token 400 invalid_grant");
      assertThat(device.listener.events).filteredOn(event -> event.startsWith("lost"))
          .containsExactly("lost CREDENTIALS_REJECTED");
      assertThat(device.session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
      assertThat(keycloak.admin().loginFailures(user)).isEqualTo(new KeycloakAdmin.LoginFailures(1, false));

      device.session.signIn(changed.username(), changed.passwordChars());
      assertThat(device.call()).isEqualTo(200);
    }
  }
}

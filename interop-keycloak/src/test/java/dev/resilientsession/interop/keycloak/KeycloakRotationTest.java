package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh-token rotation with reuse detection (the realm's {@code revokeRefreshToken} and {@code
 * refreshTokenMaxReuse: 0}): every refresh issues a new refresh token, and Keycloak ends the client's
 * session when one is spent twice ("Maximum allowed refresh token reuse exceeded", or "Stale token"
 * once a newer one was spent in a later second). The session holds no password here, so a refresh
 * token spent twice could not be hidden by a password replay.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakRotationTest {
  /** Past the end of Keycloak's access tokens (300 s by default), as the SDK's clock sees it. */
  private static final Duration PAST_EXPIRY = Duration.ofSeconds(301);

  private final Keycloak keycloak;

  KeycloakRotationTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @Test void stormsAtTheRenewalPointSendEveryRefreshTokenOnceAndTheSessionSurvives() throws Exception {
    TestUser user = keycloak.admin().createUser();
    AdjustableClock clock = new AdjustableClock();
    try (Device device = new Device(keycloak, settings -> settings.clock(clock).passwordReplay(false))) {
      device.session.signIn(user.username(), user.passwordChars());
      String lastSpent = null;
      for (int round = 0; round < 3; round++) {
        lastSpent = device.traffic.lastRefreshToken();
        clock.advance(PAST_EXPIRY);
        assertThat(device.storm(Device.STORM)).as("round %d", round + 1).containsOnly(200);
      }

      assertThat(device.traffic.requests())
          .containsExactly("password 200", "refresh_token 200", "refresh_token 200", "refresh_token 200");
      assertThat(device.traffic.spentRefreshTokens())
          .containsExactly("refresh token 1", "refresh token 2", "refresh token 3");
      assertThat(device.traffic.issuedRefreshTokens())
          .as("Keycloak rotates the refresh token on every refresh")
          .containsExactly("refresh token 1", "refresh token 2", "refresh token 3", "refresh token 4");
      assertThat(device.unauthorized()).as("renewed before any call was sent with an expired token").isZero();
      assertThat(device.listener.events).noneMatch(event -> event.startsWith("lost"));

      // Keycloak was watching all along: a refresh token spent twice, here by the test, ends the session.
      // The last one spent, as an older one is refused as stale only when its successor was issued in
      // a later second (Keycloak compares whole seconds), and these rounds may all fall in one.
      assertThat(keycloak.refresh(lastSpent)).startsWith("400 invalid_grant");
      assertThat(device.call()).isEqualTo(401);
      assertThat(device.traffic.requests()).last().isEqualTo("refresh_token 400 invalid_grant");
      assertThat(device.listener.events).endsWith("lost REFRESH_REJECTED");
    }
  }
}

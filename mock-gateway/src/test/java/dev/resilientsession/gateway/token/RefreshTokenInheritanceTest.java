package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static dev.resilientsession.gateway.token.Tokens.refreshFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A new token for a key carries the refresh token of the key's current row while that one outlives
 * the new access token; a refresh token belongs to the newest row carrying it.
 */
class RefreshTokenInheritanceTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(clock);

  @Test void aNewOpaqueTokenAfterExpiryCarriesTheSameRefreshToken() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(1).plusSeconds(1));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isEqualTo(first.refreshToken());
  }

  @Test void anInheritedRefreshTokenRefreshesTheNewestRowOnce() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, first.refreshToken()));

    assertThat(tokens.validate(second.accessToken())).as("the row it resolved to is now INACTIVE").isEmpty();
    assertThat(tokens.validate(refreshed.accessToken())).isPresent();
    assertThat(refreshFails(tokens, OPAQUE_APP, first.refreshToken())).as("no older row keeps it alive")
        .isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void anInheritedRefreshTokenKeepsItsFirstExpiry() {
    IssuedToken desktop = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofHours(2));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));
    assertThat(tablet.refreshToken()).isEqualTo(desktop.refreshToken());

    clock.advance(Duration.ofHours(22)); // 24 h after the desktop signed in
    assertThat(refreshFails(tokens, JWT_APP, tablet.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void aRefreshTokenThatDiesBeforeTheNewAccessTokenIsNotInherited() {
    IssuedToken first = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofHours(23));

    IssuedToken second = tokens.token(password(JWT_APP, null));

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    clock.advance(Duration.ofHours(2));
    assertThat(refreshFails(tokens, JWT_APP, second.refreshToken())).as("a full validity of its own").isNull();
  }

  @Test void afterARevocationTheNextTokenGetsANewRefreshToken() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    tokens.revoke(OPAQUE_APP, SECRET, first.accessToken(), null);

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(refreshFails(tokens, OPAQUE_APP, first.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void twoJwtDevicesCanEachRecoverWithOneRefresh() {
    IssuedToken desktop = tokens.token(password(JWT_APP, null));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));

    IssuedToken desktopAgain = tokens.token(refresh(JWT_APP, desktop.refreshToken()));
    assertThat(refreshFails(tokens, JWT_APP, tablet.refreshToken()))
        .as("the shared refresh token was rotated by the desktop").isEqualTo(OAuthError.INVALID_GRANT);
    IssuedToken tabletAgain = tokens.token(password(JWT_APP, null));

    assertThat(tabletAgain.refreshToken()).isEqualTo(desktopAgain.refreshToken());
    assertThat(tokens.validate(tabletAgain.accessToken())).isPresent();
  }
}

package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.password;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token key, and how each token type answers a repeat: sections 1 and 2 of docs/gateway-behaviour.md. */
class TokenIssuingTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(clock);

  @Test void firstOpaqueTokenHasTheFullValidity() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    assertThat(token.expiresIn()).isEqualTo(3600);
    assertThat(token.refreshToken()).isNotNull();
    assertThat(tokens.validate(token.accessToken())).isPresent();
  }

  @Test void opaqueRepeatReturnsTheSameTokensWithTheSecondsLeft() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofSeconds(1000));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isEqualTo(first.refreshToken());
    assertThat(second.expiresIn()).isEqualTo(2600);
  }

  @Test void opaqueTokenInItsLastSecondIsExpiredAndReplaced() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofSeconds(3599));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.expiresIn()).isEqualTo(3600);
    assertThat(tokens.validate(first.accessToken())).isEmpty();
    assertThat(tokens.tokens(true)).filteredOn(info -> info.state() == TokenState.EXPIRED).hasSize(1);
  }

  @Test void opaqueTokenWithTwoSecondsLeftIsStillReused() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofSeconds(3598));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
    assertThat(second.expiresIn()).isEqualTo(2);
  }

  @Test void opaqueTokenPastItsExpiryIsReplaced() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(2));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.expiresIn()).isEqualTo(3600);
  }

  @Test void jwtRepeatRevokesThePreviousToken() {
    IssuedToken first = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofSeconds(10));

    IssuedToken second = tokens.token(password(JWT_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.expiresIn()).isEqualTo(3600);
    assertThat(tokens.validate(first.accessToken())).isEmpty();
    assertThat(tokens.validate(second.accessToken())).isPresent();
    assertThat(tokens.tokens(true)).extracting(TokenInfo::state)
        .containsExactlyInAnyOrder(TokenState.REVOKED, TokenState.ACTIVE);
  }

  @Test void aDisplacedJwtDevicesRefreshTokenStillWorksAndDisplacesTheOther() {
    IssuedToken desktop = tokens.token(password(JWT_APP, null));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));
    assertThat(tablet.refreshToken()).as("inherited").isEqualTo(desktop.refreshToken());
    assertThat(tokens.validate(desktop.accessToken())).isEmpty();

    IssuedToken recovered = tokens.token(Tokens.refresh(JWT_APP, desktop.refreshToken()));

    assertThat(tokens.validate(recovered.accessToken())).isPresent();
    assertThat(tokens.validate(tablet.accessToken())).as("the tablet is displaced in turn").isEmpty();
  }

  @Test void deviceScopesGiveEachDeviceItsOwnOpaqueToken() {
    IssuedToken ipad = tokens.token(password(OPAQUE_APP, "device_ipad"));
    IssuedToken iphone = tokens.token(password(OPAQUE_APP, "device_iphone"));

    assertThat(ipad.accessToken()).isNotEqualTo(iphone.accessToken());
    assertThat(ipad.scope()).isEqualTo("device_ipad");
    assertThat(iphone.scope()).isEqualTo("device_iphone");
  }

  @Test void deviceScopesKeepTwoJwtDevicesFromRevokingEachOther() {
    IssuedToken ipad = tokens.token(password(JWT_APP, "device_ipad"));
    IssuedToken iphone = tokens.token(password(JWT_APP, "device_iphone"));

    assertThat(tokens.validate(ipad.accessToken())).isPresent();
    assertThat(tokens.validate(iphone.accessToken())).isPresent();
  }

  @Test void deviceScopesSkipValidationForAUserWithNoScopes() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "bob", "bob-pw", "device_tablet"));

    assertThat(token.scopes()).containsExactly("device_tablet");
  }

  @Test void deviceScopesCombineWithOrdinaryScopes() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "orders:read device_ipad"));

    assertThat(token.scopes()).containsExactly("device_ipad", "orders:read");
    assertThat(tokens.validate(token.accessToken()).orElseThrow().scopes())
        .containsExactly("device_ipad", "orders:read");
  }

  @Test void scopesTheUserMayNotHaveAreDroppedSilently() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "orders:read admin:everything"));

    assertThat(token.scope()).isEqualTo("orders:read");
  }

  @Test void defaultIsGrantedWhenNoRequestedScopeRemains() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "admin:everything"));

    assertThat(token.scope()).isEqualTo("default");
  }

  @Test void theKeyIsTheGrantedScopeSetNotTheRequestedOne() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, "orders:read unknown"));
    IssuedToken second = tokens.token(password(OPAQUE_APP, "orders:read"));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
  }

  @Test void scopeOrderDoesNotMakeANewKey() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, "orders:write orders:read"));
    IssuedToken second = tokens.token(password(OPAQUE_APP, "orders:read  orders:write"));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
  }

  @Test void twoUsersOfOneApplicationHaveDifferentTokens() {
    IssuedToken alice = tokens.token(password(OPAQUE_APP, null));
    IssuedToken admin = tokens.token(password(OPAQUE_APP, "admin", "admin", null));

    assertThat(alice.accessToken()).isNotEqualTo(admin.accessToken());
  }

  @Test void expiredTokenIsInvalidOnTheGateway() {
    IssuedToken token = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofSeconds(3600));

    assertThat(tokens.validate(token.accessToken())).isEmpty();
    assertThat(tokens.tokens(false)).isEmpty();
  }
}

package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.CC_ONLY_APP;
import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.clientCredentials;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static dev.resilientsession.gateway.token.Tokens.refreshFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code [oauth.token_renewal] renew_access_token_per_request}: section 4 of
 * docs/gateway-behaviour.md, after WSO2's {@code AbstractAuthorizationGrantHandler}.
 */
class RenewAccessTokenPerRequestTest {
  private static final String CALLBACK = "http://127.0.0.1:49152/callback";

  private final TestClock clock = new TestClock();

  private TokenService renewing(GatewayConfig.Builder config) {
    return Tokens.service(config.renewAccessTokenPerRequest(true), clock);
  }

  @Test void anOpaqueAppGetsANewPairOnEveryRequestAndThePreviousPairIsRevoked() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofMinutes(10));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(second.expiresIn()).as("a full validity, not the seconds left").isEqualTo(3600);
    assertThat(tokens.validate(first.accessToken())).isEmpty();
    assertThat(refreshFails(tokens, OPAQUE_APP, first.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(tokens.validate(second.accessToken())).isPresent();
    assertThat(tokens.tokens(true)).filteredOn(info -> info.state() == TokenState.REVOKED).hasSize(1);
  }

  @Test void aJwtAppNoLongerHandsTheDisplacedRefreshTokenOn() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken desktop = tokens.token(password(JWT_APP, null));

    IssuedToken tablet = tokens.token(password(JWT_APP, null));

    assertThat(tablet.refreshToken()).isNotEqualTo(desktop.refreshToken());
    assertThat(tokens.validate(desktop.accessToken())).isEmpty();
    assertThat(refreshFails(tokens, JWT_APP, desktop.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(refreshFails(tokens, JWT_APP, tablet.refreshToken())).isNull();
  }

  @Test void anExpiredTokensRefreshTokenIsNeitherInheritedNorLeftAlive() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(tokens.validate(first.accessToken())).as("noticed as expired").isEmpty();

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(refreshFails(tokens, OPAQUE_APP, first.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void clientCredentialsGetsANewTokenOnEveryRequest() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken first = tokens.token(clientCredentials(CC_ONLY_APP, null));

    IssuedToken second = tokens.token(clientCredentials(CC_ONLY_APP, null));

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isNull();
    assertThat(tokens.validate(first.accessToken())).isEmpty();
    assertThat(tokens.validate(second.accessToken())).isPresent();
  }

  @Test void theAuthorizationCodeGrantRenewsLikeThePasswordGrant() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken password = tokens.token(password(OPAQUE_APP, null));

    IssuedToken browser = tokens.token(exchange(tokens.issueCode(
        new Authorization(OPAQUE_APP, "alice", null, CALLBACK, null, null, null, null, null))));

    assertThat(browser.accessToken()).isNotEqualTo(password.accessToken());
    assertThat(browser.refreshToken()).isNotEqualTo(password.refreshToken());
    assertThat(tokens.validate(password.accessToken())).isEmpty();
    assertThat(tokens.validate(browser.accessToken())).isPresent();
  }

  @Test void otherKeysAreLeftAlone() {
    TokenService tokens = renewing(Tokens.config());
    IssuedToken desktop = tokens.token(password(OPAQUE_APP, "device_desktop"));

    tokens.token(password(OPAQUE_APP, "device_tablet"));
    tokens.token(password(OPAQUE_APP, "bob", "bob-pw", "device_desktop"));

    assertThat(tokens.validate(desktop.accessToken())).isPresent();
    assertThat(refreshFails(tokens, OPAQUE_APP, desktop.refreshToken())).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JWT", "OPAQUE"})
  void aGrantThatRenewTokenWithoutRevokingExistingListsRevokesNothing(TokenType type) {
    RenewalPolicy passwordGrant = RenewalPolicy.enabledFor(EnumSet.of(GrantType.PASSWORD));
    TokenService tokens = renewing(type == TokenType.JWT ? Tokens.config().jwtRenewal(passwordGrant)
        : Tokens.config().opaqueRenewal(passwordGrant));
    String app = type == TokenType.JWT ? JWT_APP : OPAQUE_APP;
    IssuedToken desktop = tokens.token(password(app, null));

    IssuedToken tablet = tokens.token(password(app, null));

    assertThat(tablet.accessToken()).isNotEqualTo(desktop.accessToken());
    assertThat(tablet.refreshToken()).as("per request: nothing inherited").isNotEqualTo(desktop.refreshToken());
    assertThat(tokens.validate(desktop.accessToken())).isPresent();
    assertThat(refreshFails(tokens, app, desktop.refreshToken())).isNull();
  }

  @Test void theRefreshGrantKeepsItsOwnRulesSoWithoutRotationTheRefreshTokenStays() {
    TokenService tokens = renewing(Tokens.config().rotateRefreshTokens(false));
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, token.refreshToken()));

    assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
    assertThat(refreshed.refreshToken()).isEqualTo(token.refreshToken());
    assertThat(tokens.validate(token.accessToken())).isEmpty();
  }

  @Test void offByDefaultAnOpaqueAppStillHandsBackTheSameToken() {
    TokenService tokens = Tokens.service(Tokens.config(), clock);
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));

    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
    assertThat(Tokens.config().build().renewAccessTokenPerRequest()).isFalse();
  }

  private static TokenRequest exchange(String code) {
    return TokenRequest.builder().client(OPAQUE_APP, SECRET).grantType("authorization_code").code(code)
        .redirectUri(CALLBACK).build();
  }
}

package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.CC_ONLY_APP;
import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.clientCredentials;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@code renew_token_without_revoking_existing}: section 4 of docs/gateway-behaviour.md. */
class RenewalPolicyTest {
  private final TestClock clock = new TestClock();

  @Test void jwtEnabledForPasswordKeepsBothTokensActive() {
    TokenService tokens = Tokens.service(Tokens.config()
        .jwtRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD))), clock);

    IssuedToken desktop = tokens.token(password(JWT_APP, null));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));

    assertThat(tablet.accessToken()).isNotEqualTo(desktop.accessToken());
    assertThat(tokens.validate(desktop.accessToken())).isPresent();
    assertThat(tokens.validate(tablet.accessToken())).isPresent();
    assertThat(tokens.tokens(false)).hasSize(2);
  }

  @Test void opaqueEnabledForPasswordIssuesANewTokenInsteadOfTheSameOne() {
    TokenService tokens = Tokens.service(Tokens.config()
        .opaqueRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.PASSWORD))), clock);

    IssuedToken desktop = tokens.token(password(OPAQUE_APP, null));
    IssuedToken tablet = tokens.token(password(OPAQUE_APP, null));

    assertThat(tablet.accessToken()).isNotEqualTo(desktop.accessToken());
    assertThat(tokens.validate(desktop.accessToken())).isPresent();
    assertThat(tokens.validate(tablet.accessToken())).isPresent();
  }

  @Test void enabledByDefaultOnlyForClientCredentials() {
    TokenService tokens = Tokens.service(Tokens.config()
        .jwtRenewal(RenewalPolicy.enabled())
        .opaqueRenewal(RenewalPolicy.enabled()), clock);

    IssuedToken first = tokens.token(password(JWT_APP, null));
    tokens.token(password(JWT_APP, null));
    assertThat(tokens.validate(first.accessToken())).as("password grant keeps revoke-previous").isEmpty();

    IssuedToken cc1 = tokens.token(clientCredentials(CC_ONLY_APP, null));
    IssuedToken cc2 = tokens.token(clientCredentials(CC_ONLY_APP, null));
    assertThat(cc2.accessToken()).isNotEqualTo(cc1.accessToken());
    assertThat(tokens.validate(cc1.accessToken())).isPresent();
  }

  @Test void theSwitchIsPerTokenType() {
    TokenService tokens = Tokens.service(Tokens.config()
        .jwtRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.PASSWORD))), clock);

    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    IssuedToken second = tokens.token(password(OPAQUE_APP, null));

    assertThat(second.accessToken()).as("OPAQUE keeps reusing").isEqualTo(first.accessToken());
  }

  @Test void disabledPolicyKeepsTheDefaultRules() {
    TokenService tokens = Tokens.service(Tokens.config()
        .jwtRenewal(RenewalPolicy.disabled()), clock);

    IssuedToken first = tokens.token(password(JWT_APP, null));
    tokens.token(password(JWT_APP, null));

    assertThat(tokens.validate(first.accessToken())).isEmpty();
  }

  @Test void refreshingOneOfSeveralActiveTokensLeavesTheOthersAlone() {
    TokenService tokens = Tokens.service(Tokens.config()
        .jwtRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN))), clock);
    IssuedToken desktop = tokens.token(password(JWT_APP, null));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));

    IssuedToken refreshed = tokens.token(refresh(JWT_APP, tablet.refreshToken()));

    assertThat(tokens.validate(desktop.accessToken())).isPresent();
    assertThat(tokens.validate(tablet.accessToken())).isEmpty();
    assertThat(tokens.validate(refreshed.accessToken())).isPresent();
  }
}

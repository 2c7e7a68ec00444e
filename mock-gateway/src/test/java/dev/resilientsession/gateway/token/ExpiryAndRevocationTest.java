package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refreshFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What expiry does and does not do to the other half of a row. */
class ExpiryAndRevocationTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(clock);

  @Test void revokingAnExpiredAccessTokenKillsItsRefreshToken() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(2));

    Revocation revocation = tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(revocation.revoked()).isTrue();
    assertThat(revocation.refreshToken()).isEqualTo(token.refreshToken());
    assertThat(refreshFails(tokens, OPAQUE_APP, token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void revokingAnExpiredAccessTokenDoesNotDependOnWhoNoticedTheExpiryFirst() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(2));
    tokens.tokens(true); // the QA listing retires expired tokens
    assertThat(tokens.validate(token.accessToken())).isEmpty(); // and so does the gateway

    Revocation revocation = tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(revocation.revoked()).isTrue();
    assertThat(refreshFails(tokens, OPAQUE_APP, token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void anExpiredRefreshTokenLeavesAStillValidAccessTokenAlone() {
    TokenService tokens = Tokens.service(Tokens.config().application(Application.builder("long-access", SECRET)
        .tokenType(TokenType.OPAQUE).accessTokenValidity(Duration.ofHours(2)).refreshTokenValidity(Duration.ofHours(1))
        .build()), clock);
    IssuedToken token = tokens.token(Tokens.password("long-access", null));
    clock.advance(Duration.ofMinutes(90));

    assertThat(refreshFails(tokens, "long-access", token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);

    assertThat(tokens.validate(token.accessToken())).isPresent();
  }

  @Test void aRevokedTokenStillPassesAGatewayThatLearnsOfItLate() {
    TokenService tokens = Tokens.service(Tokens.config().revocationDelay(Duration.ofSeconds(5)), clock);
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(tokens.validate(token.accessToken())).as("the key manager knows at once").isEmpty();
    assertThat(tokens.validateAtGateway(token.accessToken())).isPresent();
    clock.advance(Duration.ofSeconds(5));
    assertThat(tokens.validateAtGateway(token.accessToken())).isEmpty();
  }

  @Test void withoutADelayTheGatewayKnowsOfARevocationAtOnce() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(tokens.validateAtGateway(token.accessToken())).isEmpty();
  }
}

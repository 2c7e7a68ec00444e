package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.CC_ONLY_APP;
import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.NO_REFRESH_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.clientCredentials;
import static dev.resilientsession.gateway.token.Tokens.failure;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static dev.resilientsession.gateway.token.Tokens.refreshFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Grants, rotation, validity and the OAuth errors: section 3 of docs/gateway-behaviour.md. */
class GrantsTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(clock);

  @Test void refreshIssuesANewAccessAndRefreshToken() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));

    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, first.refreshToken()));

    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(tokens.validate(first.accessToken())).isEmpty();
    assertThat(tokens.validate(refreshed.accessToken())).isPresent();
  }

  @Test void aUsedRefreshTokenFailsWithInvalidGrant() {
    IssuedToken first = tokens.token(password(JWT_APP, null));
    tokens.token(refresh(JWT_APP, first.refreshToken()));

    assertThat(refreshFails(tokens, JWT_APP, first.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void aRotatedRefreshTokenGetsAFullValidityOfItsOwn() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(20));
    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, first.refreshToken()));
    clock.advance(Duration.ofHours(23));

    assertThat(refreshFails(tokens, OPAQUE_APP, refreshed.refreshToken())).as("43 h after sign-in").isNull();
  }

  @Test void withoutExtendingTheExpiryARotatedRefreshTokenDiesWithTheFirst() {
    TokenService tokens = Tokens.service(Tokens.config().extendRenewedRefreshTokenExpiry(false), clock);
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(20));
    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, first.refreshToken()));
    clock.advance(Duration.ofHours(4));

    assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(refreshFails(tokens, OPAQUE_APP, refreshed.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void anExpiredAccessTokenCanStillBeRefreshed() {
    IssuedToken first = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofHours(2));
    assertThat(tokens.validate(first.accessToken())).isEmpty();

    IssuedToken refreshed = tokens.token(refresh(JWT_APP, first.refreshToken()));

    assertThat(tokens.validate(refreshed.accessToken())).isPresent();
    assertThat(refreshed.expiresIn()).isEqualTo(3600);
  }

  @Test void anExpiredRefreshTokenFailsWithInvalidGrant() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofSeconds(86400));

    OAuthException e = failure(tokens, refresh(OPAQUE_APP, first.refreshToken()));

    assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(e.description()).isEqualTo("Refresh token is expired.");
  }

  @Test void anotherClientsRefreshTokenFailsWithInvalidGrant() {
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));

    assertThat(refreshFails(tokens, JWT_APP, first.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(tokens.validate(first.accessToken())).as("the owner's session survives").isPresent();
  }

  @Test void withoutRotationTheRefreshTokenStaysTheSame() {
    TokenService tokens = Tokens.service(Tokens.config().rotateRefreshTokens(false), clock);
    IssuedToken first = tokens.token(password(OPAQUE_APP, null));

    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, first.refreshToken()));

    assertThat(refreshed.refreshToken()).isEqualTo(first.refreshToken());
    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(tokens.token(refresh(OPAQUE_APP, first.refreshToken())).accessToken()).isNotNull();
  }

  @Test void clientCredentialsIssueNoRefreshToken() {
    IssuedToken token = tokens.token(clientCredentials(CC_ONLY_APP, null));

    assertThat(token.refreshToken()).isNull();
    assertThat(tokens.validate(token.accessToken()).orElseThrow().user()).isEqualTo("admin");
  }

  @Test void clientCredentialsScopesAreTheOwnersScopes() {
    IssuedToken token = tokens.token(clientCredentials(CC_ONLY_APP, "orders:read orders:write"));

    assertThat(token.scope()).isEqualTo("orders:read");
  }

  @Test void anApplicationWithoutTheRefreshGrantGetsNoRefreshToken() {
    IssuedToken token = tokens.token(password(NO_REFRESH_APP, null));

    assertThat(token.refreshToken()).isNull();
    assertThat(token.expiresIn()).isEqualTo(600);
  }

  @Test void aGrantTheApplicationMayNotUseIsUnauthorizedClient() {
    assertThat(failure(tokens, password(CC_ONLY_APP, null)).error()).isEqualTo(OAuthError.UNAUTHORIZED_CLIENT);
    assertThat(failure(tokens, clientCredentials(NO_REFRESH_APP, null)).error())
        .isEqualTo(OAuthError.UNAUTHORIZED_CLIENT);
  }

  @Test void aWrongPasswordFailsWithInvalidGrantNamingTheUser() {
    OAuthException e = failure(tokens, password(OPAQUE_APP, "alice", "wrong", null));

    assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(e.description()).isEqualTo("Authentication failed for alice").doesNotContain("wrong");
  }

  @Test void anUnknownUserFailsLikeAWrongPassword() {
    OAuthException e = failure(tokens, password(OPAQUE_APP, "mallory", "x", null));

    assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(e.description()).isEqualTo("Authentication failed for mallory");
  }

  @Test void aWrongSecretIsInvalidClient() {
    TokenRequest request = TokenRequest.builder().client(OPAQUE_APP, "not-the-secret").grantType("password")
        .username("alice").password("alice-pw").build();

    OAuthException e = failure(tokens, request);

    assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
    assertThat(e.description()).doesNotContain("not-the-secret");
  }

  @Test void anUnknownClientIsInvalidClient() {
    TokenRequest request = TokenRequest.builder().client("nobody", SECRET).grantType("password")
        .username("alice").password("alice-pw").build();

    assertThat(failure(tokens, request).error()).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test void missingClientCredentialsAreInvalidClient() {
    TokenRequest request = TokenRequest.builder().grantType("client_credentials").build();

    assertThat(failure(tokens, request).error()).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test void anUnknownGrantTypeIsUnsupportedGrantType() {
    TokenRequest request = TokenRequest.builder().client(OPAQUE_APP, SECRET).grantType("implicit").build();

    assertThat(failure(tokens, request).error()).isEqualTo(OAuthError.UNSUPPORTED_GRANT_TYPE);
  }

  @Test void wso2sAnswerToAnUnknownGrantTypeIsASwitch() {
    TokenService wso2 = Tokens.service(Tokens.config().unknownGrantTypeError(OAuthError.INVALID_REQUEST), clock);
    TokenRequest request = TokenRequest.builder().client(OPAQUE_APP, SECRET).grantType("implicit").build();

    assertThat(failure(wso2, request).error()).isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test void missingParametersAreInvalidRequest() {
    assertThat(failure(tokens, TokenRequest.builder().client(OPAQUE_APP, SECRET).build()).error())
        .isEqualTo(OAuthError.INVALID_REQUEST);
    assertThat(failure(tokens, TokenRequest.builder().client(OPAQUE_APP, SECRET).grantType("password")
        .username("alice").build()).error()).isEqualTo(OAuthError.INVALID_REQUEST);
    assertThat(failure(tokens, TokenRequest.builder().client(OPAQUE_APP, SECRET).grantType("refresh_token")
        .build()).error()).isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test void anUnknownRefreshTokenIsInvalidGrant() {
    assertThat(refreshFails(tokens, OPAQUE_APP, "no-such-token")).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void aPasswordChangeRevokesTheUsersTokensAndTheOldPassword() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    assertThat(tokens.changePassword("alice", "new-pw")).isTrue();

    assertThat(tokens.validate(token.accessToken())).isEmpty();
    assertThat(refreshFails(tokens, OPAQUE_APP, token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(failure(tokens, password(OPAQUE_APP, null)).error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(tokens.token(password(OPAQUE_APP, "alice", "new-pw", null)).accessToken()).isNotNull();
  }

  @Test void resetForgetsTokensAndPasswordChanges() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    tokens.changePassword("alice", "new-pw");

    tokens.reset();

    assertThat(tokens.validate(token.accessToken())).isEmpty();
    assertThat(tokens.token(password(OPAQUE_APP, null)).accessToken()).isNotEqualTo(token.accessToken());
  }

  @Test void secretsNeverAppearInToString() {
    TokenRequest request = password(OPAQUE_APP, "alice", "alice-pw", null);
    IssuedToken token = tokens.token(request);

    assertThat(request.toString()).doesNotContain("alice-pw").doesNotContain(SECRET);
    assertThat(token.toString()).doesNotContain(token.accessToken()).doesNotContain(token.refreshToken());
    assertThat(tokens.validate(token.accessToken()).orElseThrow().toString()).doesNotContain(token.accessToken());
    assertThat(User.of("alice", "alice-pw").toString()).doesNotContain("alice-pw");
    assertThat(Application.builder("k", "s3cr3t").build().toString()).doesNotContain("s3cr3t");
  }
}

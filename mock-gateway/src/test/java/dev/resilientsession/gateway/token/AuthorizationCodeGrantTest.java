package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.failure;
import static dev.resilientsession.gateway.token.Tokens.password;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.Simultaneously;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant and public clients: section 13 of docs/gateway-behaviour.md. The
 * browser's half (the authorize request, the login form) is in the browser package's tests.
 */
class AuthorizationCodeGrantTest {
  static final String PUBLIC_JWT = "public-jwt";
  static final String PUBLIC_OPAQUE = "public-opaque";
  static final String CALLBACK = "http://127.0.0.1:49152/callback";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = Pkce.s256(VERIFIER);

  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(config(), clock);

  static dev.resilientsession.gateway.GatewayConfig.Builder config() {
    return Tokens.config()
        .application(Application.builder(PUBLIC_JWT, null).publicClient(true).pkceMandatory(true)
            .redirectUris("http://127.0.0.1/callback").build())
        .application(Application.builder(PUBLIC_OPAQUE, null).publicClient(true).tokenType(TokenType.OPAQUE)
            .redirectUris("http://127.0.0.1/callback").build());
  }

  private String code(String app, String scope) {
    return tokens.issueCode(new Authorization(app, "alice", scope, CALLBACK, CHALLENGE, Pkce.S256, "n-0S6",
        "session-1", null));
  }

  private static TokenRequest exchange(String app, String code) {
    return exchange(app, code, CALLBACK, VERIFIER);
  }

  private static TokenRequest exchange(String app, String code, String redirectUri, String verifier) {
    return TokenRequest.builder().client(app, null).grantType("authorization_code").code(code)
        .redirectUri(redirectUri).codeVerifier(verifier).build();
  }

  @Test void aCodeBuysATokenForTheUserWhoSignedIn() {
    IssuedToken token = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, "orders:read")));

    assertThat(token.refreshToken()).isNotNull();
    assertThat(tokens.validate(token.accessToken())).hasValueSatisfying(info -> {
      assertThat(info.user()).isEqualTo("alice");
      assertThat(info.clientId()).isEqualTo(PUBLIC_JWT);
      assertThat(info.scopes()).containsExactly("orders:read");
      assertThat(info.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
    });
  }

  @Test void aReplayedCodeIsRefusedAndRevokesTheTokenItBought() {
    String code = code(PUBLIC_JWT, null);
    IssuedToken token = tokens.token(exchange(PUBLIC_JWT, code));

    OAuthException replay = failure(tokens, exchange(PUBLIC_JWT, code));

    assertThat(replay.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(replay.description()).isEqualTo("Inactive authorization code received from token request");
    assertThat(tokens.validate(token.accessToken())).as("the stolen code's token").isEmpty();
    assertThat(failure(tokens, TokenRequest.builder().client(PUBLIC_JWT, null).grantType("refresh_token")
        .refreshToken(token.refreshToken()).build()).error()).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void aCodeRacedByManyThreadsBuysOneTokenAndTheRaceRevokesIt() throws Exception {
    String code = code(PUBLIC_JWT, null);

    List<IssuedToken> issued = Simultaneously.run(32, () -> {
      try {
        return tokens.token(exchange(PUBLIC_JWT, code));
      } catch (OAuthException e) {
        return null;
      }
    });

    assertThat(issued).filteredOn(Objects::nonNull).as("exactly one exchange wins").hasSizeLessThanOrEqualTo(1);
    assertThat(tokens.tokens(false)).as("and the replays revoke what it bought").isEmpty();
  }

  @Test void aFailedExchangeBurnsTheCodeAsOnWso2() {
    String code = code(PUBLIC_JWT, null);

    assertThat(failure(tokens, exchange(PUBLIC_JWT, code, CALLBACK, VERIFIER.replace('d', 'e'))).description())
        .isEqualTo("PKCE validation failed");
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code)).description())
        .isEqualTo("Expired or Revoked authorization code received from token request");
  }

  @Test void aCodeExpiresAfterWso2sFiveMinutes() {
    String code = code(PUBLIC_JWT, null);
    clock.advance(Duration.ofSeconds(299));

    assertThat(failure(tokens, exchange(PUBLIC_JWT, code)).description())
        .isEqualTo("Expired or Revoked authorization code received from token request");
  }

  @Test void aCodeWithinItsValidityWorks() {
    String code = code(PUBLIC_JWT, null);
    clock.advance(Duration.ofSeconds(298));

    assertThat(failure(tokens, exchange(PUBLIC_JWT, code))).isNull();
  }

  @Test void theCodeValidityIsConfigurable() {
    TokenService tokens = Tokens.service(config().authorizationCodeValidity(Duration.ofSeconds(30)), clock);
    String code = tokens.issueCode(new Authorization(PUBLIC_JWT, "alice", null, CALLBACK, CHALLENGE, Pkce.S256,
        null, null, null));
    clock.advance(Duration.ofSeconds(30));

    assertThat(failure(tokens, exchange(PUBLIC_JWT, code)).error()).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void theRedirectUriMustBeTheOneOfTheAuthorizationRequestToThePort() {
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code(PUBLIC_JWT, null), "http://127.0.0.1:49153/callback", VERIFIER))
        .description()).isEqualTo("Callback url mismatch");
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code(PUBLIC_JWT, null), null, VERIFIER)).description())
        .isEqualTo("Callback url mismatch");
  }

  @Test void anotherClientsCodeIsUnknown() {
    String code = code(PUBLIC_JWT, null);

    OAuthException failure = failure(tokens, exchange(PUBLIC_OPAQUE, code));

    assertThat(failure.description()).isEqualTo("Invalid authorization code received from token request");
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code))).as("the rightful client still can").isNull();
  }

  @Test void aMadeUpOrMissingCodeIsRefused() {
    assertThat(failure(tokens, exchange(PUBLIC_JWT, "made-up")).description())
        .isEqualTo("Invalid authorization code received from token request");
    assertThat(failure(tokens, exchange(PUBLIC_JWT, null)).error()).isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test void pkceFailuresSayWhatWso2Says() {
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code(PUBLIC_JWT, null), CALLBACK, null)).description())
        .isEqualTo("Empty PKCE code_verifier sent. This authorization code requires a PKCE verification to obtain "
            + "an access token.");
    assertThat(failure(tokens, exchange(PUBLIC_JWT, code(PUBLIC_JWT, null), CALLBACK, "too-short")).description())
        .isEqualTo("Code verifier used is not up to RFC 7636 specifications.");
    String noChallenge = tokens.issueCode(new Authorization(PUBLIC_JWT, "alice", null, CALLBACK, null, null, null,
        null, null));
    assertThat(failure(tokens, exchange(PUBLIC_JWT, noChallenge, CALLBACK, null)).description())
        .isEqualTo("No PKCE code verifier found.PKCE is mandatory for this oAuth 2.0 application.");
  }

  @Test void aPlainChallengeIsTheVerifierItself() {
    String code = tokens.issueCode(new Authorization(PUBLIC_OPAQUE, "alice", null, CALLBACK, VERIFIER, Pkce.PLAIN,
        null, null, null));

    assertThat(failure(tokens, exchange(PUBLIC_OPAQUE, code))).isNull();
  }

  @Test void withoutAChallengeAVerifierIsIgnoredAsOnWso2() {
    String code = tokens.issueCode(new Authorization(PUBLIC_OPAQUE, "alice", null, CALLBACK, null, null, null,
        null, null));

    assertThat(failure(tokens, exchange(PUBLIC_OPAQUE, code, CALLBACK, VERIFIER))).isNull();
  }

  @Test void aCodeOfAUserLockedOutSinceIsRefused() {
    TokenService tokens = Tokens.service(config().accountLockout(
        dev.resilientsession.gateway.AccountLockout.after(2, Duration.ofMinutes(5))), clock);
    String code = tokens.issueCode(new Authorization(PUBLIC_JWT, "alice", null, CALLBACK, CHALLENGE, Pkce.S256,
        null, null, null));
    failure(tokens, password(JWT_APP, "alice", "wrong", null));
    failure(tokens, password(JWT_APP, "alice", "wrong", null));

    assertThat(failure(tokens, exchange(PUBLIC_JWT, code)).description()).startsWith("17003");
  }

  // --- the key's rules hold for browser-issued tokens too

  @Test void aBrowserJwtRevokesThePasswordGrantsJwtOfTheSameKey() {
    TokenService tokens = Tokens.service(Tokens.config()
        .application(Application.builder("both-ways", Tokens.SECRET).redirectUris(CALLBACK).build()), clock);
    IssuedToken byPassword = tokens.token(password("both-ways", null));
    String code = tokens.issueCode(new Authorization("both-ways", "alice", null, CALLBACK, null, null, null, null,
        null));

    IssuedToken byBrowser = tokens.token(TokenRequest.builder().client("both-ways", Tokens.SECRET)
        .grantType("authorization_code").code(code).redirectUri(CALLBACK).build());

    assertThat(tokens.validate(byPassword.accessToken())).isEmpty();
    assertThat(tokens.validate(byBrowser.accessToken())).isPresent();
    assertThat(byBrowser.refreshToken()).as("inherited, as after any JWT displacement").isEqualTo(byPassword.refreshToken());
  }

  @Test void twoBrowserSignInsOfAnOpaqueKeyGetTheSameToken() {
    IssuedToken first = tokens.token(exchange(PUBLIC_OPAQUE, code(PUBLIC_OPAQUE, null)));
    IssuedToken second = tokens.token(exchange(PUBLIC_OPAQUE, code(PUBLIC_OPAQUE, null)));

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
  }

  @Test void deviceScopesGiveEachBrowserSignedInDeviceItsOwnToken() {
    IssuedToken laptop = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, "device_laptop")));
    IssuedToken phone = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, "device_phone")));

    assertThat(tokens.validate(laptop.accessToken())).isPresent();
    assertThat(tokens.validate(phone.accessToken())).isPresent();
  }

  @Test void theRenewalSwitchKeepsBothJwtsWhenItListsAuthorizationCode() {
    TokenService tokens = Tokens.service(config().jwtRenewal(
        RenewalPolicy.enabledFor(EnumSet.of(GrantType.AUTHORIZATION_CODE))), clock);
    String first = tokens.issueCode(new Authorization(PUBLIC_JWT, "alice", null, CALLBACK, CHALLENGE, Pkce.S256,
        null, null, null));
    IssuedToken laptop = tokens.token(exchange(PUBLIC_JWT, first));
    String second = tokens.issueCode(new Authorization(PUBLIC_JWT, "alice", null, CALLBACK, CHALLENGE, Pkce.S256,
        null, null, null));
    IssuedToken phone = tokens.token(exchange(PUBLIC_JWT, second));

    assertThat(tokens.validate(laptop.accessToken())).isPresent();
    assertThat(tokens.validate(phone.accessToken())).isPresent();
  }

  // --- public clients

  @Test void aPublicClientAuthenticatesWithItsIdAloneForRefreshAndRevocation() {
    IssuedToken token = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, null)));

    IssuedToken refreshed = tokens.token(TokenRequest.builder().client(PUBLIC_JWT, null).grantType("refresh_token")
        .refreshToken(token.refreshToken()).build());
    Revocation revocation = tokens.revoke(PUBLIC_JWT, null, refreshed.accessToken(), null);

    assertThat(revocation.revoked()).isTrue();
    assertThat(tokens.validate(refreshed.accessToken())).isEmpty();
  }

  @Test void aPublicClientNeverGetsClientCredentials() {
    OAuthException failure = failure(tokens, TokenRequest.builder().client(PUBLIC_JWT, null)
        .grantType("client_credentials").build());

    assertThat(failure.error()).isEqualTo(OAuthError.INVALID_CLIENT);
    assertThat(failure.description()).isEqualTo("Unsupported Client Authentication Method!");
  }

  @Test void aConfidentialClientStillNeedsItsSecret() {
    OAuthException failure = failure(tokens, TokenRequest.builder().client(OPAQUE_APP, null)
        .grantType("password").username("alice").password("alice-pw").build());

    assertThat(failure.error()).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test void aPublicClientMayUseThePasswordGrantWhereAllowed() {
    IssuedToken token = tokens.token(TokenRequest.builder().client(PUBLIC_OPAQUE, null).grantType("password")
        .username("alice").password("alice-pw").build());

    assertThat(tokens.validate(token.accessToken())).isPresent();
  }

  @Test void aPublicClientThatSendsAWrongSecretIsRefused() {
    OAuthException failure = failure(tokens, TokenRequest.builder().client(PUBLIC_OPAQUE, "guess")
        .grantType("password").username("alice").password("alice-pw").build());

    assertThat(failure.error()).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  // --- OpenID Connect

  @Test void openidBringsAnIdTokenForTheUserAndTheClient() throws Exception {
    IssuedToken token = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, "openid device_laptop")));

    var claims = SignedJWT.parse(token.idToken()).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getAudience()).containsExactly(PUBLIC_JWT);
    assertThat(claims.getClaim("azp")).isEqualTo(PUBLIC_JWT);
    assertThat(claims.getClaim("nonce")).isEqualTo("n-0S6");
    assertThat(claims.getClaim("sid")).isEqualTo("session-1");
    assertThat(claims.getClaim("at_hash")).isEqualTo(atHash(token.accessToken()));
    assertThat(claims.getClaim("auth_time")).as("only when max_age was asked, as on WSO2").isNull();
    assertThat(token.scopes()).contains("openid", "device_laptop");
  }

  @Test void withoutOpenidThereIsNoIdToken() {
    assertThat(tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, null))).idToken()).isNull();
  }

  @Test void theIdTokenNamesTheClientForALogoutHint() {
    IssuedToken token = tokens.token(exchange(PUBLIC_JWT, code(PUBLIC_JWT, "openid")));

    assertThat(tokens.idTokenClient(token.idToken())).contains(PUBLIC_JWT);
    assertThat(tokens.idTokenClient(token.idToken() + "x")).as("a forged signature").isEmpty();
    assertThat(tokens.idTokenClient("not a jwt")).isEmpty();
  }

  @Test void aPasswordGrantWithOpenidGetsAnIdTokenToo() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "openid"));

    assertThat(token.idToken()).isNotNull();
  }

  private static String atHash(String accessToken) {
    byte[] hash = Pkce.sha256(accessToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(hash, hash.length / 2));
  }
}

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.SECRET;
import static dev.resilientsession.gateway.GatewayClient.assertInvalidCredentials;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static dev.resilientsession.gateway.GatewayClient.basic;
import static dev.resilientsession.gateway.GatewayClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revocation (RFC 7009 as WSO2 answers it), introspection (RFC 7662) and the JWKS endpoint. */
class RevokeIntrospectJwksTest {
  private GatewayClient gateway;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start();
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  // Revocation

  @Test void revokingTheAccessTokenAlsoKillsTheRefreshToken() {
    Reply login = gateway.login(OPAQUE_APP, "orders:read");

    assertRevokedBoth(OPAQUE_APP, login, gateway.revoke(OPAQUE_APP, login.accessToken(), "access_token"));
  }

  @Test void revokingTheRefreshTokenAlsoKillsTheAccessToken() {
    Reply login = gateway.login(JWT_APP, "orders:read");

    assertRevokedBoth(JWT_APP, login, gateway.revoke(JWT_APP, login.refreshToken(), "refresh_token"));
  }

  /** Access and refresh token are one record: the revocation names both, and both are dead. */
  private void assertRevokedBoth(String app, Reply login, Reply revoked) {
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(revoked.header("RevokedAccessToken")).isEqualTo(login.accessToken());
    assertThat(revoked.header("RevokedRefreshToken")).isEqualTo(login.refreshToken());
    assertThat(revoked.header("AuthorizedUser")).isEqualTo(ALICE + "@carbon.super");
    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
    assertOAuthError(gateway.refresh(app, login.refreshToken()), 400, "invalid_grant");
  }

  @Test void theAuthorizedUserKeepsATenantItAlreadyHas() throws IOException {
    try (GatewayClient tenants = GatewayClient.start(GatewayClient.config()
        .user(User.of("carol@example.com", "carol-pw")).build())) {
      String token = tenants.password(OPAQUE_APP, "carol@example.com", "carol-pw", null).accessToken();

      Reply revoked = tenants.revoke(OPAQUE_APP, token, null);

      assertThat(revoked.header("AuthorizedUser")).isEqualTo("carol@example.com");
    }
  }

  @Test void aRefreshTokenIsRevokedEvenWithoutAHintOrWithTheWrongHint() {
    Reply first = gateway.login(OPAQUE_APP, "orders:read");
    Reply second = gateway.login(JWT_APP, "orders:read");

    assertThat(gateway.revoke(OPAQUE_APP, first.refreshToken(), null).header("RevokedRefreshToken"))
        .isEqualTo(first.refreshToken());
    assertThat(gateway.revoke(JWT_APP, second.refreshToken(), "access_token").header("RevokedAccessToken"))
        .isEqualTo(second.accessToken());
    assertInvalidCredentials(gateway.call("/orders", first.accessToken()));
    assertInvalidCredentials(gateway.call("/orders", second.accessToken()));
  }

  @Test void theOlderRevokePathRevokesToo() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply revoked = gateway.postForm("/revoke", basic(OPAQUE_APP, SECRET), form("token", login.accessToken()));

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.header("AuthorizedUser")).isEqualTo(ALICE + "@carbon.super");
    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
  }

  @Test void theClientMayAuthenticateWithFormFieldsToRevoke() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply revoked = gateway.postForm("/oauth2/revoke", null,
        form("token", login.accessToken(), "client_id", OPAQUE_APP, "client_secret", SECRET));

    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.header("RevokedAccessToken")).isEqualTo(login.accessToken());
  }

  @Test void aBasicHeaderAndClientCredentialsInTheFormTooAreRefusedAndRevokeNothing() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply revoked = gateway.postForm("/oauth2/revoke", basic(OPAQUE_APP, SECRET),
        form("token", login.accessToken(), "client_id", OPAQUE_APP, "client_secret", SECRET));

    assertOAuthError(revoked, 400, "invalid_request");
    assertThat(revoked.string("error_description"))
        .isEqualTo("Request body and headers contain authorization information");
    assertThat(revoked.header("RevokedAccessToken")).isNull();
    assertThat(gateway.call("/orders", login.accessToken()).status()).isEqualTo(200);
  }

  @Test void anUnknownTokenIsAcknowledgedWith200AndNoRevokedHeaders() {
    Reply revoked = gateway.revoke(JWT_APP, "no-such-token", null);

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body()).isEmpty();
    assertThat(revoked.headers().names())
        .doesNotContain("RevokedAccessToken", "RevokedRefreshToken", "AuthorizedUser");
  }

  @Test void revokingTheSameTokenTwiceRevokesNothingTheSecondTime() {
    Reply login = gateway.login(JWT_APP, null);
    assertThat(gateway.revoke(JWT_APP, login.accessToken(), null).header("RevokedAccessToken")).isNotNull();

    Reply again = gateway.revoke(JWT_APP, login.accessToken(), null);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.headers().names()).doesNotContain("RevokedAccessToken", "AuthorizedUser");
  }

  @Test void aClientCannotRevokeAnotherClientsAccessToken() {
    Reply login = gateway.login(JWT_APP, null);

    Reply refused = gateway.revoke(OPAQUE_APP, login.accessToken(), null);

    assertOAuthError(refused, 401, "unauthorized_client");
    assertThat(refused.headers().names()).doesNotContain("RevokedAccessToken");
    assertThat(gateway.call("/orders", login.accessToken()).status()).isEqualTo(200);
    assertThat(gateway.refresh(JWT_APP, login.refreshToken()).status()).isEqualTo(200);
  }

  @Test void withOpaqueTokensLoggingOutOnOneDeviceLogsOutTheOther() {
    String phone = gateway.login(OPAQUE_APP, "orders:read").accessToken();
    String tablet = gateway.login(OPAQUE_APP, "orders:read").accessToken();
    assertThat(tablet).isEqualTo(phone);

    gateway.revoke(OPAQUE_APP, phone, "access_token");

    assertInvalidCredentials(gateway.call("/orders", tablet));
  }

  // Introspection

  @Test void anActiveTokenIntrospectsWithItsScopeUserClientTypeAndTimes() {
    Instant issued = gateway.clock.instant();
    Reply login = gateway.login(OPAQUE_APP, "orders:read orders:write");

    Reply introspection = gateway.introspect(login.accessToken());

    assertThat(introspection.status()).isEqualTo(200);
    Map<String, Object> json = introspection.json();
    assertThat(json).containsEntry("active", true)
        .containsEntry("username", ALICE)
        .containsEntry("client_id", OPAQUE_APP)
        .containsEntry("token_type", "Bearer");
    assertThat(introspection.string("scope").split(" ")).containsExactlyInAnyOrder("orders:read", "orders:write");
    assertThat(introspection.number("iat")).isEqualTo(issued.getEpochSecond());
    assertThat(introspection.number("exp")).isEqualTo(issued.getEpochSecond() + 3600);
  }

  @Test void aJwtIntrospectsAsActiveToo() {
    Reply login = gateway.login(JWT_APP, null);

    Reply introspection = gateway.introspect(login.accessToken());

    assertThat(introspection.json()).containsEntry("active", true).containsEntry("client_id", JWT_APP);
  }

  @Test void unknownRevokedExpiredAndReplacedTokensIntrospectAsExactlyInactive() {
    Reply revoked = gateway.login(JWT_APP, "orders:read");
    gateway.revoke(JWT_APP, revoked.accessToken(), null);
    Reply replaced = gateway.login(JWT_APP, "orders:write");
    gateway.login(JWT_APP, "orders:write");
    Reply expired = gateway.login(OPAQUE_APP, null);
    gateway.advance(Duration.ofSeconds(3600));

    for (String token : new String[] {"no-such-token", revoked.accessToken(), replaced.accessToken(),
        expired.accessToken()}) {
      Reply introspection = gateway.introspect(token);
      assertThat(introspection.status()).isEqualTo(200);
      assertThat(introspection.json()).as("introspection of %s", token).isEqualTo(Map.of("active", false));
    }
  }

  @Test void aRefreshTokenIntrospectsAsRefreshWithItsOwnTimesAndNoJti() {
    Instant issued = gateway.clock.instant();
    Reply login = gateway.login(OPAQUE_APP, "orders:read");
    gateway.advance(Duration.ofHours(2));

    Reply introspection = gateway.introspect(login.refreshToken());

    assertThat(introspection.status()).isEqualTo(200);
    assertThat(introspection.json()).containsEntry("active", true)
        .containsEntry("token_type", "Refresh")
        .containsEntry("username", ALICE)
        .containsEntry("client_id", OPAQUE_APP)
        .containsEntry("scope", "orders:read")
        .doesNotContainKey("jti");
    assertThat(introspection.number("iat")).isEqualTo(issued.getEpochSecond());
    assertThat(introspection.number("nbf")).isEqualTo(issued.getEpochSecond());
    assertThat(introspection.number("exp")).isEqualTo(issued.getEpochSecond() + 86400);
  }

  @Test void theTokenTypeHintNeverChangesTheAnswer() {
    Reply login = gateway.login(JWT_APP, null);

    Reply refresh = gateway.postForm("/oauth2/introspect", basic(JWT_APP, SECRET),
        form("token", login.refreshToken(), "token_type_hint", "access_token"));
    Reply access = gateway.postForm("/oauth2/introspect", basic(JWT_APP, SECRET),
        form("token", login.accessToken(), "token_type_hint", "refresh_token"));

    assertThat(refresh.json()).containsEntry("active", true).containsEntry("token_type", "Refresh");
    assertThat(access.json()).containsEntry("active", true).containsEntry("token_type", "Bearer");
  }

  @Test void clientCredentialsInTheFormBesideABasicHeaderAreNotRefusedAtIntrospection() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply introspection = gateway.postForm("/oauth2/introspect", basic(OPAQUE_APP, SECRET),
        form("token", login.accessToken(), "client_id", OPAQUE_APP, "client_secret", SECRET));

    assertThat(introspection.status()).as("WSO2 authenticates introspection by the header alone").isEqualTo(200);
    assertThat(introspection.json()).containsEntry("active", true);
  }

  @Test void theOlderIntrospectPathAnswersToo() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply introspection = gateway.postForm("/introspect", basic(OPAQUE_APP, SECRET), form("token", login.accessToken()));

    assertThat(introspection.json()).containsEntry("active", true);
  }

  // JWTs and the JWKS endpoint

  @Test void aJwtFromAJwtApplicationVerifiesAgainstThePublishedKeySet() throws Exception {
    Reply login = gateway.login(JWT_APP, "orders:read");
    SignedJWT jwt = SignedJWT.parse(login.accessToken());

    Reply jwks = gateway.get("/oauth2/jwks");

    assertThat(jwks.status()).isEqualTo(200);
    assertThat(jwks.header("Content-Type")).startsWith("application/json");
    JWKSet keys = JWKSet.parse(jwks.body());
    JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("the JWT's kid is in the key set").isNotNull();
    assertThat(key.isPrivate()).as("the key set publishes no private key").isFalse();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
  }

  @Test void aJwtCarriesTheUserClientScopeTimesAndAnId() throws ParseException {
    Instant issued = gateway.clock.instant();
    Reply login = gateway.login(JWT_APP, "orders:read");

    JWTClaimsSet claims = SignedJWT.parse(login.accessToken()).getJWTClaimsSet();

    assertThat(claims.getSubject()).isEqualTo(ALICE);
    assertThat(claims.getAudience()).containsExactly(JWT_APP);
    assertThat(claims.getStringClaim("azp")).isEqualTo(JWT_APP);
    assertThat(claims.getStringClaim("client_id")).isEqualTo(JWT_APP);
    assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(issued));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(issued.plusSeconds(login.number("expires_in"))));
    assertThat(claims.getJWTID()).isNotBlank();
  }

  @Test void everyJwtHasItsOwnId() throws ParseException {
    String first = gateway.login(JWT_APP, null).accessToken();
    String second = gateway.login(JWT_APP, null).accessToken();

    assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
        .isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
  }

  @Test void anOpaqueApplicationsTokenIsNotAJwt() {
    String token = gateway.login(OPAQUE_APP, null).accessToken();

    assertThatThrownBy(() -> SignedJWT.parse(token)).isInstanceOf(ParseException.class);
  }

  @Test void theKeySetAnswersOnlyGet() {
    Reply reply = gateway.postForm("/oauth2/jwks", null, "");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("GET");
  }
}

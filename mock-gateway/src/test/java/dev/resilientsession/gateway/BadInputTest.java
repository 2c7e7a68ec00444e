package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.BOB;
import static dev.resilientsession.gateway.GatewayClient.CC_ONLY_APP;
import static dev.resilientsession.gateway.GatewayClient.FORM;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.PASSWORD_ONLY_APP;
import static dev.resilientsession.gateway.GatewayClient.SECRET;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static dev.resilientsession.gateway.GatewayClient.basic;
import static dev.resilientsession.gateway.GatewayClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.token.OAuthError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request gets the status and error code WSO2 gives it, and never a 500. */
class BadInputTest {
  private static final String BASIC_REALM = "Basic realm=\"WSO2 API Manager\"";
  private static final String VALID_PASSWORD_GRANT =
      "grant_type=password&username=" + ALICE + "&password=" + ALICE_PASSWORD;

  private GatewayClient gateway;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start();
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  // Missing or unknown parameters

  @Test void aRequestWithoutGrantTypeIsAnInvalidRequest() {
    assertOAuthError(gateway.token(JWT_APP, "username", ALICE, "password", ALICE_PASSWORD), 400, "invalid_request");
  }

  @Test void anUnknownGrantTypeIsAnUnsupportedGrantTypeByDefault() {
    Reply reply = gateway.token(JWT_APP, "grant_type", "urn:ietf:params:oauth:grant-type:device_code");

    assertOAuthError(reply, 400, "unsupported_grant_type");
  }

  @Test void anUnknownGrantTypeIsAnInvalidRequestWhenConfiguredAsWso2AnswersIt() throws IOException {
    try (GatewayClient wso2 = GatewayClient.start(
        GatewayClient.config().unknownGrantTypeError(OAuthError.INVALID_REQUEST).build())) {
      assertOAuthError(wso2.token(JWT_APP, "grant_type", "magic"), 400, "invalid_request");
    }
  }

  @Test void aPasswordGrantWithoutPasswordIsAnInvalidRequest() {
    assertOAuthError(gateway.token(JWT_APP, "grant_type", "password", "username", ALICE), 400, "invalid_request");
  }

  @Test void aPasswordGrantWithoutUsernameIsAnInvalidRequest() {
    assertOAuthError(gateway.token(JWT_APP, "grant_type", "password", "password", ALICE_PASSWORD),
        400, "invalid_request");
  }

  @Test void aRefreshGrantWithoutRefreshTokenIsAnInvalidRequest() {
    assertOAuthError(gateway.token(JWT_APP, "grant_type", "refresh_token"), 400, "invalid_request");
  }

  // Bodies the form parser must refuse

  @Test void aJsonBodyIsAnInvalidRequest() {
    String json = "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"alice-pw\"}";

    Reply reply = gateway.post("/oauth2/token", basic(JWT_APP, SECRET),
        RequestBody.create(json, MediaType.get("application/json")));

    assertOAuthError(reply, 400, "invalid_request");
  }

  @Test void aFormBodyWithoutContentTypeIsAnInvalidRequest() {
    Reply reply = gateway.post("/oauth2/token", basic(JWT_APP, SECRET),
        RequestBody.create(VALID_PASSWORD_GRANT.getBytes(StandardCharsets.UTF_8), null));

    assertOAuthError(reply, 400, "invalid_request");
  }

  @Test void aFormContentTypeWithACharsetIsStillAForm() {
    Reply reply = gateway.post("/oauth2/token", basic(JWT_APP, SECRET),
        RequestBody.create(VALID_PASSWORD_GRANT, MediaType.get("application/x-www-form-urlencoded; charset=UTF-8")));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      VALID_PASSWORD_GRANT + "&scope=%zz", // not hex
      VALID_PASSWORD_GRANT + "&scope=%4", // cut short
      VALID_PASSWORD_GRANT + "&scope=%", // a bare percent sign
      VALID_PASSWORD_GRANT + "&scope=%ff%fe", // decodes to bytes that are not UTF-8
      VALID_PASSWORD_GRANT + "&grant_type=password", // a repeated parameter (RFC 6749 section 3.2)
      VALID_PASSWORD_GRANT + "&scope=a&scope=b",
  })
  void aMalformedFormBodyIsAnInvalidRequest(String body) {
    assertOAuthError(gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), body), 400, "invalid_request");
  }

  @Test void rawBytesThatAreNotUtf8AreAnInvalidRequest() {
    byte[] prefix = (VALID_PASSWORD_GRANT + "&scope=").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[prefix.length + 2];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xff;
    body[prefix.length + 1] = (byte) 0xfe;

    Reply reply = gateway.post("/oauth2/token", basic(JWT_APP, SECRET), RequestBody.create(body, FORM));

    assertOAuthError(reply, 400, "invalid_request");
  }

  @Test void aBodyOverTheLimitIsAnInvalidRequestAndOneAtTheLimitIsServed() {
    int limit = 64 * 1024;
    String atLimit = padded(VALID_PASSWORD_GRANT, limit);
    String overLimit = padded(VALID_PASSWORD_GRANT, limit + 1);

    assertThat(gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), atLimit).status()).isEqualTo(200);
    assertOAuthError(gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), overLimit), 400, "invalid_request");
  }

  @Test void aConfiguredSmallerBodyLimitIsEnforced() throws IOException {
    try (GatewayClient small = GatewayClient.start(GatewayClient.config().maxBodyBytes(1024).build())) {
      Reply reply = small.postForm("/oauth2/token", basic(JWT_APP, SECRET), padded(VALID_PASSWORD_GRANT, 1025));

      assertOAuthError(reply, 400, "invalid_request");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"&&&", "=", "==&=x", "grant_type", "grant_type=", "%20=%20", "+=+"})
  void oddButWellFormedBodiesAreRefusedWithoutA500(String body) {
    Reply reply = gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), body);

    assertOAuthError(reply, 400, "invalid_request");
  }

  // Client authentication

  @ParameterizedTest
  @ValueSource(strings = {
      "Basic !!!not-base64!!!",
      "Basic bm8tY29sb24tYXQtYWxs", // base64("no-colon-at-all")
      "Basic OnNlY3JldA==", // base64(":secret"): an empty client id
      "Basic ",
      "Basic",
  })
  void aBrokenBasicHeaderIsAnInvalidClient(String authorization) {
    Reply reply = gateway.postForm("/oauth2/token", authorization, VALID_PASSWORD_GRANT);

    assertOAuthError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_REALM);
  }

  @Test void noClientCredentialsAtAllIsAnInvalidClient() {
    Reply reply = gateway.postForm("/oauth2/token", null, VALID_PASSWORD_GRANT);

    assertOAuthError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_REALM);
  }

  @Test void anUnknownClientIsAnInvalidClientWithABasicChallenge() {
    Reply reply = gateway.postForm("/oauth2/token", basic("no-such-app", SECRET), VALID_PASSWORD_GRANT);

    assertOAuthError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_REALM);
  }

  @Test void aWrongClientSecretIsAnInvalidClientWithABasicChallenge() {
    Reply reply = gateway.postForm("/oauth2/token", basic(JWT_APP, "wrong"), VALID_PASSWORD_GRANT);

    assertOAuthError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_REALM);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test void aWrongClientSecretInTheFormFieldsIsAnInvalidClient() {
    Reply reply = gateway.postForm("/oauth2/token", null,
        VALID_PASSWORD_GRANT + "&" + form("client_id", JWT_APP, "client_secret", "wrong"));

    assertOAuthError(reply, 401, "invalid_client");
  }

  @Test void aClientIdFieldThatContradictsTheBasicHeaderIsRefused() {
    Reply reply = gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET),
        VALID_PASSWORD_GRANT + "&client_id=" + OPAQUE_APP);

    assertOAuthError(reply, 400, "invalid_request");
  }

  // Resource owner credentials and grants

  @Test void anUnknownUserFailsAuthenticationAsInvalidGrant() {
    Reply reply = gateway.password(JWT_APP, "mallory", "whatever", null);

    assertOAuthError(reply, 400, "invalid_grant");
    assertThat(reply.string("error_description")).isEqualTo("Authentication failed for mallory");
  }

  @Test void aWrongPasswordFailsAuthenticationAsInvalidGrant() {
    Reply reply = gateway.password(JWT_APP, BOB, "not-bobs-password", null);

    assertOAuthError(reply, 400, "invalid_grant");
    assertThat(reply.string("error_description")).isEqualTo("Authentication failed for " + BOB);
  }

  @Test void aGrantTheApplicationMayNotUseIsAnUnauthorizedClient() {
    assertOAuthError(gateway.password(CC_ONLY_APP, ALICE, ALICE_PASSWORD, null), 400, "unauthorized_client");
    assertOAuthError(gateway.clientCredentials(PASSWORD_ONLY_APP, null), 400, "unauthorized_client");
    assertOAuthError(gateway.refresh(PASSWORD_ONLY_APP, "any"), 400, "unauthorized_client");
  }

  // Refresh tokens that no longer work

  @Test void anUnknownRefreshTokenIsAnInvalidGrant() {
    assertOAuthError(gateway.refresh(JWT_APP, "no-such-refresh-token"), 400, "invalid_grant");
  }

  @Test void anExpiredRefreshTokenIsAnInvalidGrant() {
    String refreshToken = gateway.login(JWT_APP, null).refreshToken();
    gateway.advance(Duration.ofSeconds(86400));

    assertOAuthError(gateway.refresh(JWT_APP, refreshToken), 400, "invalid_grant");
  }

  @Test void aRefreshTokenUsedOnceIsAnInvalidGrantTheSecondTime() {
    String refreshToken = gateway.login(OPAQUE_APP, null).refreshToken();
    assertThat(gateway.refresh(OPAQUE_APP, refreshToken).status()).isEqualTo(200);

    assertOAuthError(gateway.refresh(OPAQUE_APP, refreshToken), 400, "invalid_grant");
  }

  @Test void anotherClientsRefreshTokenIsAnInvalidGrantAndStaysUsableByItsOwner() {
    String refreshToken = gateway.login(JWT_APP, null).refreshToken();

    assertOAuthError(gateway.refresh(OPAQUE_APP, refreshToken), 400, "invalid_grant");
    assertThat(gateway.refresh(JWT_APP, refreshToken).status()).isEqualTo(200);
  }

  @Test void aRevokedRefreshTokenIsAnInvalidGrant() {
    String refreshToken = gateway.login(JWT_APP, null).refreshToken();
    assertThat(gateway.revoke(JWT_APP, refreshToken, "refresh_token").status()).isEqualTo(200);

    assertOAuthError(gateway.refresh(JWT_APP, refreshToken), 400, "invalid_grant");
  }

  // Methods

  @Test void getOnTheTokenEndpointIsMethodNotAllowed() {
    Reply reply = gateway.get("/oauth2/token?" + VALID_PASSWORD_GRANT);

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("POST");
    assertThat(reply.json()).containsKey("error");
  }

  @Test void putOnTheRevokeEndpointIsMethodNotAllowed() {
    Reply reply = gateway.send(new Request.Builder().url(gateway.url("/oauth2/revoke"))
        .put(RequestBody.create(form("token", "x"), FORM)).header("Authorization", basic(JWT_APP, SECRET)));

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("POST");
  }

  // Revocation and introspection

  @Test void revokingWithoutATokenIsAnInvalidRequest() {
    assertOAuthError(gateway.postForm("/oauth2/revoke", basic(JWT_APP, SECRET), "token_type_hint=access_token"),
        400, "invalid_request");
    assertOAuthError(gateway.postForm("/oauth2/revoke", basic(JWT_APP, SECRET), "token="), 400, "invalid_request");
  }

  @Test void revokingWithBadClientCredentialsIsAnInvalidClientAndRevokesNothing() {
    String accessToken = gateway.login(JWT_APP, null).accessToken();

    Reply reply = gateway.postForm("/oauth2/revoke", basic(JWT_APP, "wrong"), form("token", accessToken));

    assertOAuthError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_REALM);
    assertThat(reply.headers().names()).doesNotContain("RevokedAccessToken");
    assertThat(gateway.call("/orders", accessToken).status()).isEqualTo(200);
  }

  @Test void revokingWithABrokenBodyIsAnInvalidRequest() {
    assertOAuthError(gateway.postForm("/oauth2/revoke", basic(JWT_APP, SECRET), "token=%zz"), 400, "invalid_request");
  }

  @ParameterizedTest @ValueSource(strings = {"", "token=", "token=%20%20", "token_type_hint=access_token"})
  void introspectingABlankTokenIsAnInvalidRequest(String body) {
    assertOAuthError(gateway.postForm("/oauth2/introspect", basic(JWT_APP, SECRET), body), 400, "invalid_request");
  }

  @Test void aBase64EncodedCredentialWithSpacesAroundIsStillRead() {
    String credentials = Base64.getEncoder().encodeToString((JWT_APP + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    Reply reply = gateway.postForm("/oauth2/token", "Basic   " + credentials + "  ", VALID_PASSWORD_GRANT);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  /** {@code form} plus a {@code pad} parameter, {@code length} bytes in all. */
  private static String padded(String form, int length) {
    String prefix = form + "&pad=";
    return prefix + "x".repeat(length - prefix.length());
  }
}

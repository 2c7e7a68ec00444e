package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.OAUTH2_CHALLENGE;
import static dev.resilientsession.gateway.GatewayClient.BOB;
import static dev.resilientsession.gateway.GatewayClient.BOB_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.FORM;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.assertInvalidCredentials;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Calling a protected API through the gateway: the fault codes of section 7 of docs/gateway-behaviour.md, and the echo. */
class ApiCallTest {
  private static final String AMS = "http://wso2.org/apimanager/security";
  private static final String AMT = "http://wso2.org/apimanager/throttling";
  private static final String FORBIDDEN_MESSAGE =
      "The access token does not allow you to access the requested resource";

  private GatewayClient gateway;

  /** GET /orders/** needs orders:read, POST /orders/** orders:write, /public/** anything valid. */
  private static GatewayConfig.Builder withResources() {
    return GatewayClient.config()
        .resource(ResourceRule.of("POST", "/orders/**", Set.of("orders:write")))
        .resource(ResourceRule.of("/orders/**", "orders:read"))
        .resource(ResourceRule.of("/public/**"));
  }

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start(withResources().build());
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  // 401s

  @Test void aCallWithoutATokenIsMissingCredentials() {
    Reply reply = gateway.call("/orders", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json()).containsEntry("code", "900902").containsEntry("message", "Missing Credentials")
        .containsKey("description");
    assertThat(reply.headers().values("WWW-Authenticate")).containsExactly(OAUTH2_CHALLENGE);
  }

  @Test void aBasicOrEmptyBearerCredentialIsMissingCredentials() {
    for (String authorization : new String[] {"Basic YWxpY2U6YWxpY2UtcHc=", "Bearer", "Bearer    "}) {
      Reply reply = gateway.send(new Request.Builder().url(gateway.url("/orders")).header("Authorization", authorization));

      assertThat(reply.status()).as(authorization).isEqualTo(401);
      assertThat(reply.json()).as(authorization).containsEntry("code", "900902");
    }
  }

  @Test void theBearerSchemeIsCaseSensitiveSoLowerOrUpperCaseIsMissingCredentials() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();

    for (String scheme : new String[] {"bearer", "BEARER", "BeArEr"}) {
      Reply reply = gateway.send(new Request.Builder().url(gateway.url("/orders"))
          .header("Authorization", scheme + " " + token));

      assertThat(reply.status()).as(scheme).isEqualTo(401);
      assertThat(reply.json()).as(scheme).containsEntry("code", "900902").containsEntry("message", "Missing Credentials");
      assertThat(reply.headers().values("WWW-Authenticate")).as(scheme).containsExactly(OAUTH2_CHALLENGE);
    }
  }

  @Test void spacesAroundTheBearerSchemeAndTokenAreTolerated() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();

    Reply reply = gateway.send(new Request.Builder().url(gateway.url("/orders"))
        .header("Authorization", "  Bearer   " + token + "  "));

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test void every401ChallengesWithWso2sOAuth2Scheme() {
    Reply reply = gateway.call("/orders", "made-up-token");

    assertThat(reply.header("WWW-Authenticate")).isEqualTo("OAuth2 realm=\"WSO2 API Manager\", "
        + "error=\"invalid_token\", error_description=\"The access token expired\"");
  }

  @Test void anUnknownTokenIsInvalidCredentials() {
    assertInvalidCredentials(gateway.call("/orders", "made-up-token"));
  }

  @Test void aRevokedTokenIsInvalidCredentials() {
    Reply login = gateway.login(OPAQUE_APP, "orders:read");
    gateway.revoke(OPAQUE_APP, login.accessToken(), null);

    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
  }

  @Test void aJwtReplacedByANewLoginIsInvalidCredentials() {
    String replaced = gateway.login(JWT_APP, "orders:read").accessToken();
    String current = gateway.login(JWT_APP, "orders:read").accessToken();

    assertInvalidCredentials(gateway.call("/orders", replaced));
    assertThat(gateway.call("/orders", current).status()).isEqualTo(200);
  }

  @Test void anAccessTokenReplacedByARefreshIsInvalidCredentials() {
    Reply login = gateway.login(OPAQUE_APP, "orders:read");
    Reply refreshed = gateway.refresh(OPAQUE_APP, login.refreshToken());

    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
    assertThat(gateway.call("/orders", refreshed.accessToken()).status()).isEqualTo(200);
  }

  @Test void aTokenWorksUntilItsLastSecondAndIsInvalidCredentialsFromItsExpiry() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();

    gateway.advance(Duration.ofSeconds(3599));
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);

    gateway.advance(Duration.ofSeconds(1));
    assertInvalidCredentials(gateway.call("/orders", token));
  }

  @Test void anExpiredTokenStaysInvalidWhenAskedAgain() {
    String token = gateway.login(OPAQUE_APP, "orders:read").accessToken();
    gateway.advance(Duration.ofHours(1));
    assertInvalidCredentials(gateway.call("/orders", token));

    assertInvalidCredentials(gateway.call("/orders", token));
  }

  // 403

  @Test void aTokenWithoutTheResourcesScopeIsForbiddenWith900910() {
    String bobs = gateway.password(OPAQUE_APP, BOB, BOB_PASSWORD, "orders:read").accessToken();

    Reply reply = gateway.call("/orders/42", bobs);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json()).containsEntry("code", "900910").containsEntry("message", FORBIDDEN_MESSAGE);
    assertThat(reply.headers().names()).doesNotContain("WWW-Authenticate");
  }

  @Test void theScopeNeededDependsOnTheMethod() {
    String reader = gateway.login(JWT_APP, "orders:read").accessToken();

    Reply read = gateway.call("/orders/42", reader);
    Reply write = gateway.send(new Request.Builder().url(gateway.url("/orders/42"))
        .header("Authorization", "Bearer " + reader).post(RequestBody.create("{}", FORM)));

    assertThat(read.status()).isEqualTo(200);
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.json()).containsEntry("code", "900910");
  }

  @Test void aResourceWithoutScopesNeedsOnlyAValidToken() {
    String bobs = gateway.password(OPAQUE_APP, BOB, BOB_PASSWORD, null).accessToken();

    assertThat(gateway.call("/public/news", bobs).status()).isEqualTo(200);
    assertInvalidCredentials(gateway.call("/public/news", "made-up-token"));
  }

  @Test void withStrictResourcesAPathMatchingNoResourceIsForbiddenWith900906() throws IOException {
    try (GatewayClient strict = GatewayClient.start(withResources().strictResources(true).build())) {
      String token = strict.login(JWT_APP, "orders:read").accessToken();

      Reply missing = strict.call("/inventory", token);

      assertThat(missing.status()).isEqualTo(403);
      assertThat(missing.headers().names()).doesNotContain("WWW-Authenticate");
      assertThat(missing.json()).containsEntry("code", "900906")
          .containsEntry("message", "No matching resource found in the API for the given request");
      assertThat(strict.call("/orders/42", token).status()).isEqualTo(200);
    }
  }

  @Test void withoutStrictResourcesAnyPathIsServedToAValidToken() {
    String token = gateway.login(JWT_APP, null).accessToken();

    assertThat(gateway.call("/inventory/anything", token).status()).isEqualTo(200);
  }

  // Bodies

  @Test void theXmlErrorFormatIsWso2sAmsFaultDocument() throws Exception {
    try (GatewayClient xml = GatewayClient.start(withResources().errorFormat(ErrorFormat.XML).build())) {
      Reply reply = xml.call("/orders", "made-up-token");

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.header("Content-Type")).startsWith("application/xml");
      assertThat(reply.headers().values("WWW-Authenticate")).containsExactly(OAUTH2_CHALLENGE);
      assertThat(reply.body()).startsWith("<ams:fault xmlns:ams=\"" + AMS + "\">");
      Element fault = parseXml(reply.body()).getDocumentElement();
      assertThat(fault.getNamespaceURI()).isEqualTo(AMS);
      assertThat(fault.getLocalName()).isEqualTo("fault");
      assertThat(amsText(fault, "code")).isEqualTo("900901");
      assertThat(amsText(fault, "message")).isEqualTo("Invalid Credentials");
      assertThat(amsText(fault, "description")).isNotBlank();
    }
  }

  @Test void theXmlErrorFormatAppliesToEveryFault() throws Exception {
    try (GatewayClient xml = GatewayClient.start(withResources().errorFormat(ErrorFormat.XML).build())) {
      String bobs = xml.password(OPAQUE_APP, BOB, BOB_PASSWORD, null).accessToken();
      xml.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.THROTTLED));

      Reply throttled = xml.call("/public/news", bobs);
      Reply forbidden = xml.call("/orders", bobs);

      assertThat(throttled.status()).isEqualTo(429);
      assertThat(text(parseXml(throttled.body()).getDocumentElement(), AMT, "code")).isEqualTo("900800");
      assertThat(forbidden.status()).isEqualTo(403);
      assertThat(amsText(parseXml(forbidden.body()).getDocumentElement(), "code")).isEqualTo("900910");
    }
  }

  @Test void theXmlThrottlingFaultIsInWso2sThrottlingNamespace() throws Exception {
    try (GatewayClient xml = GatewayClient.start(withResources().errorFormat(ErrorFormat.XML).build())) {
      String token = xml.login(JWT_APP, "orders:read").accessToken();
      xml.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.THROTTLED));

      Reply throttled = xml.call("/orders", token);

      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.body()).isEqualTo("<amt:fault xmlns:amt=\"" + AMT + "\">"
          + "<amt:code>900800</amt:code><amt:message>Message throttled out</amt:message>"
          + "<amt:description>You have exceeded your quota</amt:description></amt:fault>");
    }
  }

  @Test void anAllowedCallEchoesTheUserClientScopesAndPath() {
    String token = gateway.login(OPAQUE_APP, "orders:read orders:write").accessToken();

    Reply reply = gateway.call("/orders/42?expand=lines", token);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("user", ALICE).containsEntry("client_id", OPAQUE_APP)
        .containsEntry("path", "/orders/42").containsEntry("method", "GET");
    assertThat(reply.list("scopes")).containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  // Injected faults

  @Test void injectedThrottlingAnswers429WithRetryAfterThenCallsGoThroughAgain() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();
    gateway.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.THROTTLED).times(2));

    for (int i = 0; i < 2; i++) {
      Reply throttled = gateway.call("/orders", token);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.json()).containsEntry("code", "900800").containsEntry("message", "Message throttled out");
      assertThat(throttled.header("Retry-After")).isEqualTo("1");
    }
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void anInjectedUnavailableKeyManagerAnswers500With900900() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();
    gateway.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.UNAVAILABLE).retryAfter(Duration.ofSeconds(30)));

    Reply unavailable = gateway.call("/orders", token);

    assertThat(unavailable.status()).isEqualTo(500);
    assertThat(unavailable.json()).containsEntry("code", "900900")
        .containsEntry("message", "Unclassified Authentication Failure");
    assertThat(unavailable.header("Retry-After")).isEqualTo("30");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void anApiFaultDoesNotStrikeTheTokenEndpoint() {
    gateway.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.UNAVAILABLE));

    String token = gateway.login(JWT_APP, "orders:read").accessToken();

    assertThat(gateway.call("/orders", token).status()).isEqualTo(500);
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void injectedThrottlingOnTheTokenEndpointAnswers429TemporarilyUnavailable() {
    gateway.gateway.injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.THROTTLED));

    Reply throttled = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);

    assertOAuthError(throttled, 429, "temporarily_unavailable");
    assertThat(throttled.header("Retry-After")).isEqualTo("1");
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void anInjectedTokenEndpointOutageAnswers503TemporarilyUnavailableAndSparesTheApi() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();
    gateway.gateway.injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.UNAVAILABLE).times(2));

    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
    assertOAuthError(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null), 503, "temporarily_unavailable");
    assertOAuthError(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null), 503, "temporarily_unavailable");
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void aFaultUntilClearedKeepsStrikingUntilCleared() {
    String token = gateway.login(JWT_APP, "orders:read").accessToken();
    gateway.gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.THROTTLED).untilCleared());

    for (int i = 0; i < 5; i++) assertThat(gateway.call("/orders", token).status()).isEqualTo(429);
    gateway.gateway.clearFaults();

    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  private static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String amsText(Element fault, String name) {
    return text(fault, AMS, name);
  }

  private static String text(Element fault, String namespace, String name) {
    var elements = fault.getElementsByTagNameNS(namespace, name);
    assertThat(elements.getLength()).as("{%s}%s elements", namespace, name).isEqualTo(1);
    return elements.item(0).getTextContent();
  }
}

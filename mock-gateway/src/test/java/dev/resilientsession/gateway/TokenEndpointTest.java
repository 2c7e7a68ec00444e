package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.CC_ONLY_APP;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.PASSWORD_ONLY_APP;
import static dev.resilientsession.gateway.GatewayClient.SECRET;
import static dev.resilientsession.gateway.GatewayClient.assertInvalidCredentials;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static dev.resilientsession.gateway.GatewayClient.basic;
import static dev.resilientsession.gateway.GatewayClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token endpoint over HTTP: what a successful grant looks like, on the wire. */
class TokenEndpointTest {
  private GatewayClient gateway;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start();
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  @Test void aPasswordGrantAnswersWithBothTokensTheGrantedScopeBearerAndTheFullValidity() {
    Reply reply = gateway.password(OPAQUE_APP, ALICE, ALICE_PASSWORD, "orders:read");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.accessToken()).isNotBlank();
    assertThat(reply.refreshToken()).isNotBlank().isNotEqualTo(reply.accessToken());
    assertThat(reply.string("scope")).isEqualTo("orders:read");
    assertThat(reply.string("token_type")).isEqualTo("Bearer");
    assertThat(reply.number("expires_in")).isEqualTo(3600);
  }

  @Test void tokenResponsesMustNotBeCached() {
    Reply reply = gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("Pragma")).isEqualTo("no-cache");
  }

  @ParameterizedTest @ValueSource(strings = {"/oauth2/token", "/token"})
  void bothTheCurrentAndTheOlderTokenPathIssueWorkingTokens(String path) {
    Reply reply = gateway.postForm(path, basic(JWT_APP, SECRET),
        form("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(gateway.call("/orders", reply.accessToken()).status()).isEqualTo(200);
  }

  @Test void theClientMayAuthenticateWithFormFieldsInsteadOfABasicHeader() {
    Reply reply = gateway.postForm("/oauth2/token", null, form(
        "grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
        "client_id", JWT_APP, "client_secret", SECRET));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(gateway.call("/orders", reply.accessToken()).json()).containsEntry("client_id", JWT_APP);
  }

  @Test void aBasicHeaderAndAMatchingClientIdFieldAreAcceptedTogether() {
    Reply reply = gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), form(
        "grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD, "client_id", JWT_APP));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @Test void aBasicHeaderAndClientCredentialsInTheFormTooAreRefusedAsTwoAuthenticationMethods() {
    Reply reply = gateway.postForm("/oauth2/token", basic(JWT_APP, SECRET), form(
        "grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD,
        "client_id", JWT_APP, "client_secret", SECRET));

    assertOAuthError(reply, 400, "invalid_request");
    assertThat(reply.string("error_description")).isEqualTo("Request body and headers contain authorization information");
    assertThat(reply.header("WWW-Authenticate")).isNull();
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(gateway.gateway.activeTokens()).as("nothing issued").isEmpty();
  }

  @Test void aDeploymentTomlThatRenewsPerRequestGivesAnOpaqueAppANewPairEveryTime() throws Exception {
    GatewayConfig config = ConfigLoader.parse("deployment.toml", """
        [oauth.token_renewal]
        renew_access_token_per_request = true
        """);
    try (GatewayClient renewing = GatewayClient.start(config)) {
      String client = basic(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET);
      String signIn = form("grant_type", "password", "username", "admin", "password", "admin");
      Reply first = renewing.postForm("/oauth2/token", client, signIn);
      renewing.advance(Duration.ofMinutes(10));

      Reply second = renewing.postForm("/oauth2/token", client, signIn);

      assertThat(second.status()).as("%s", second).isEqualTo(200);
      assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
      assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
      assertThat(second.number("expires_in")).isEqualTo(3600);
      assertInvalidCredentials(renewing.call("/orders", first.accessToken()));
      assertThat(renewing.call("/orders", second.accessToken()).status()).isEqualTo(200);
      Reply oldRefresh = renewing.postForm("/oauth2/token", client,
          form("grant_type", "refresh_token", "refresh_token", first.refreshToken()));
      assertOAuthError(oldRefresh, 400, "invalid_grant");
    }
  }

  @ParameterizedTest @ValueSource(strings = {"/oauth2/token", "/token"})
  void theCurlLineOfWso2sDocumentationGetsAToken(String path) throws IOException {
    // curl -k -d"grant_type=password&username=..&password=..&scope=device_ipad"
    //      -H"Authorization :Basic base64encode(consumer-key:consumer-secret), Content-Type: application/x-www-form-urlencoded"
    // curl sends that header line as written, and its own Content-Type for -d.
    String body = "grant_type=password&username=" + ALICE + "&password=" + ALICE_PASSWORD + "&scope=device_ipad";
    String credentials = basic(OPAQUE_APP, SECRET).substring("Basic ".length());
    String request = "POST " + path + " HTTP/1.1\r\n"
        + "Host: localhost:" + gateway.server.port() + "\r\n"
        + "User-Agent: curl/8.5.0\r\n"
        + "Accept: */*\r\n"
        + "Authorization :Basic " + credentials + ", Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "\r\n"
        + body;

    RawResponse response = exchange(request);

    assertThat(response.status).as(response.body).isEqualTo(200);
    Map<String, Object> token = GatewayClient.parseJson(response.body);
    assertThat(token).containsEntry("scope", "device_ipad").containsEntry("token_type", "Bearer");
    assertThat(gateway.call("/orders", (String) token.get("access_token")).json())
        .containsEntry("user", ALICE).containsEntry("client_id", OPAQUE_APP);
  }

  @Test void scopesTheUserMayNotHaveAreDroppedAndNoneLeftMeansDefault() {
    assertThat(gateway.login(JWT_APP, "orders:read admin:everything").string("scope")).isEqualTo("orders:read");
    assertThat(gateway.login(OPAQUE_APP, "admin:everything").string("scope")).isEqualTo("default");
    assertThat(gateway.login(OPAQUE_APP, null).string("scope")).isEqualTo("default");
  }

  @Test void deviceScopesAreGrantedWithoutValidationAndCombineWithOrdinaryScopes() {
    Reply reply = gateway.login(OPAQUE_APP, "device_ipad orders:read");

    assertThat(reply.string("scope").split(" ")).containsExactlyInAnyOrder("device_ipad", "orders:read");
  }

  @Test void twoDeviceScopesOfOneUserAndAppGetTwoDifferentTokens() {
    String ipad = gateway.login(OPAQUE_APP, "device_ipad").accessToken();
    String iphone = gateway.login(OPAQUE_APP, "device_iphone").accessToken();

    assertThat(ipad).isNotEqualTo(iphone);
    assertThat(gateway.call("/orders", ipad).status()).isEqualTo(200);
    assertThat(gateway.call("/orders", iphone).status()).isEqualTo(200);
  }

  @Test void anOpaqueAppAskedAgainReturnsTheSameTokensWithOnlyTheSecondsLeft() {
    Reply first = gateway.login(OPAQUE_APP, "orders:read");
    gateway.advance(Duration.ofSeconds(100));

    Reply second = gateway.login(OPAQUE_APP, "orders:read");

    assertThat(second.accessToken()).isEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isEqualTo(first.refreshToken());
    assertThat(second.number("expires_in")).isEqualTo(3500);
  }

  @Test void aJwtAppAskedAgainIssuesANewTokenAndTheOldOneStopsWorking() {
    Reply first = gateway.login(JWT_APP, "orders:read");

    Reply second = gateway.login(JWT_APP, "orders:read");

    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.number("expires_in")).isEqualTo(3600);
    assertInvalidCredentials(gateway.call("/orders", first.accessToken()));
    assertThat(gateway.call("/orders", second.accessToken()).status()).isEqualTo(200);
  }

  @Test void refreshingIssuesANewAccessAndANewRefreshTokenAndRetiresTheOldPair() {
    Reply login = gateway.login(OPAQUE_APP, "orders:read");

    Reply refreshed = gateway.refresh(OPAQUE_APP, login.refreshToken());

    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    assertThat(refreshed.accessToken()).isNotEqualTo(login.accessToken());
    assertThat(refreshed.refreshToken()).isNotEqualTo(login.refreshToken());
    assertThat(refreshed.string("scope")).isEqualTo("orders:read");
    assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
    assertThat(gateway.call("/orders", refreshed.accessToken()).status()).isEqualTo(200);
    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
    assertOAuthError(gateway.refresh(OPAQUE_APP, login.refreshToken()), 400, "invalid_grant");
  }

  @Test void anAppThatKeepsRefreshingStaysSignedInPastTheFirstRefreshTokensExpiry() {
    Reply current = gateway.login(JWT_APP, null);
    for (int hour = 0; hour < 48; hour += 12) {
      gateway.advance(Duration.ofHours(12));
      current = gateway.refresh(JWT_APP, current.refreshToken());
      assertThat(current.status()).as("after %d h: %s", hour + 12, current).isEqualTo(200);
    }

    gateway.advance(Duration.ofHours(24)); // a full validity after the last refresh
    assertOAuthError(gateway.refresh(JWT_APP, current.refreshToken()), 400, "invalid_grant");
  }

  @Test void anExpiredAccessTokenCanStillBeRefreshed() {
    Reply login = gateway.login(OPAQUE_APP, null);
    gateway.advance(Duration.ofHours(2));
    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));

    Reply refreshed = gateway.refresh(OPAQUE_APP, login.refreshToken());

    assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    assertThat(gateway.call("/orders", refreshed.accessToken()).status()).isEqualTo(200);
  }

  @Test void theClientCredentialsGrantIssuesNoRefreshToken() {
    Reply reply = gateway.clientCredentials(CC_ONLY_APP, null);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json()).doesNotContainKey("refresh_token");
    assertThat(reply.string("token_type")).isEqualTo("Bearer");
    assertThat(reply.number("expires_in")).isEqualTo(3600);
    assertThat(gateway.call("/orders", reply.accessToken()).json()).containsEntry("user", "admin");
  }

  @Test void anAppThatMayNotRefreshGetsNoRefreshTokenFromThePasswordGrant() {
    Reply reply = gateway.password(PASSWORD_ONLY_APP, ALICE, ALICE_PASSWORD, null);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json()).containsKey("access_token").doesNotContainKey("refresh_token");
  }

  /** Sends {@code request} as written and reads one HTTP/1.1 response (by its Content-Length). */
  private RawResponse exchange(String request) throws IOException {
    try (Socket socket = new Socket("localhost", gateway.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = readLine(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      assertThat(body).as("a complete body").hasSize(length);
      return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) throw new IOException("connection closed mid-line: " + line);
      if (b != '\r') line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private record RawResponse(int status, String body) {
  }
}

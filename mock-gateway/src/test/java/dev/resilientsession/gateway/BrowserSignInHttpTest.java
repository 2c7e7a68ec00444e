package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Pkce;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Browser sign-in over HTTP, as a browser and an app see it: the headers that protect the page,
 * the cookies, discovery, userinfo, the public client at the token endpoint, and the QA controls.
 * The rules themselves are tested in the browser and token packages.
 */
class BrowserSignInHttpTest {
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CALLBACK = "http://127.0.0.1:50123/callback";
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();

  private final TestClock clock = new TestClock();
  private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
  private MockGateway gateway;
  private MockGatewayServer server;

  @BeforeEach void start() throws IOException {
    GatewayConfig config = GatewayConfig.defaults().newBuilder()
        .accountLockout(AccountLockout.after(3, Duration.ofMinutes(5))).build();
    gateway = MockGateway.create(config, clock);
    server = MockGatewayServer.builder(gateway).accessLog(new PrintStream(accessLog, true, StandardCharsets.UTF_8)).start();
  }

  @AfterEach void stop() throws IOException {
    server.close();
  }

  private String authorizeUrl(String scope) {
    return server.url("/oauth2/authorize").newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", GatewayConfig.DEFAULT_PUBLIC_KEY)
        .addQueryParameter("redirect_uri", CALLBACK)
        .addQueryParameter("scope", scope)
        .addQueryParameter("state", "st-1")
        .addQueryParameter("nonce", "n-1")
        .addQueryParameter("code_challenge", Pkce.s256(VERIFIER))
        .addQueryParameter("code_challenge_method", "S256")
        .build().toString();
  }

  private Map<String, Object> exchange(String redirect) throws IOException {
    String code = HttpUrl.get(redirect).queryParameter("code");
    try (Response response = HTTP.newCall(new Request.Builder().url(server.url("/oauth2/token"))
        .post(new FormBody.Builder().add("grant_type", "authorization_code").add("client_id", "public-client")
            .add("code", code).add("redirect_uri", CALLBACK).add("code_verifier", VERIFIER).build())
        .build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return JSON.fromJson(response.body().string());
    }
  }

  @Test void aRobotSignsInAndThePublicClientExchangesTheCode() throws IOException {
    String redirect = server.browserRobot().signIn(authorizeUrl("openid device_laptop"), "admin", "admin");

    assertThat(redirect).startsWith(CALLBACK + "?code=");
    Map<String, Object> token = exchange(redirect);
    assertThat(token).containsKeys("access_token", "refresh_token", "id_token");
    assertThat(api((String) token.get("access_token"))).isEqualTo(200);
  }

  @Test void theRobotIsTypedAboutARefusal() {
    BrowserRobot robot = server.browserRobot();

    assertThatThrownBy(() -> robot.signIn(authorizeUrl("openid"), "admin", "wrong"))
        .isInstanceOf(BrowserRobot.SignInRefused.class)
        .hasMessageContaining("The username or password is incorrect");
    assertThatThrownBy(() -> robot.open(authorizeUrl("openid")))
        .isInstanceOf(BrowserRobot.SignInRefused.class).hasMessageContaining("asks the user to sign in");
  }

  @Test void aSecondSignInOfTheSameRobotRidesItsSession() throws IOException {
    BrowserRobot robot = server.browserRobot();
    robot.signIn(authorizeUrl("openid"), "admin", "admin");

    assertThat(robot.open(authorizeUrl("openid device_tablet"))).startsWith(CALLBACK + "?code=");
    robot.clearCookies();
    assertThatThrownBy(() -> robot.open(authorizeUrl("openid"))).isInstanceOf(BrowserRobot.SignInRefused.class);
  }

  @Test void theLoginPageRunsNoScriptCannotBeFramedAndIsNeverCached() throws IOException {
    Response toForm = get(authorizeUrl("openid"), null);
    String cookie = toForm.header("Set-Cookie");
    Response page = get(server.url(toForm.header("Location")).toString(), null);

    assertThat(cookie).matches("sessionNonceCookie-[A-Za-z0-9_-]+=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax");
    assertThat(page.code()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self' http://127.0.0.1:50123")
        .doesNotContain("script-src", "unsafe");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.body().string()).doesNotContain("<script").contains("action=\"/commonauth\"");
  }

  @Test void theStylesheetIsServedFromTheGatewaySoTheCspAllowsIt() throws IOException {
    Response css = get(server.url("/authenticationendpoint/css/sign-in.css").toString(), null);

    assertThat(css.code()).isEqualTo(200);
    assertThat(css.header("Content-Type")).startsWith("text/css");
  }

  @Test void whatAUserTypedIsEscapedOnThePage() throws IOException {
    Response toForm = get(authorizeUrl("openid"), null);
    String nonce = cookie(toForm.header("Set-Cookie"));
    String key = HttpUrl.get(server.url(toForm.header("Location")).toString()).queryParameter("sessionDataKey");

    Response failed = post("/commonauth", nonce, "sessionDataKey", key, "username", "<b onmouseover=x>\"'", "password", "x");
    String page = get(server.url(failed.header("Location")).toString(), nonce).body().string();

    assertThat(page).doesNotContain("<b onmouseover").contains("value=\"&lt;b onmouseover=x>&#34;&#39;\"");
  }

  @Test void credentialsNeverReachAUrlOrTheAccessLog() throws IOException {
    Response toForm = get(authorizeUrl("openid"), null);
    String nonce = cookie(toForm.header("Set-Cookie"));
    String key = HttpUrl.get(server.url(toForm.header("Location")).toString()).queryParameter("sessionDataKey");

    Response failed = post("/commonauth", nonce, "sessionDataKey", key, "username", "admin", "password", "s3cret-typo");
    Response accepted = post("/commonauth", nonce, "sessionDataKey", key, "username", "admin", "password", "admin");

    assertThat(failed.header("Location")).doesNotContain("s3cret-typo").doesNotContain("username=admin");
    assertThat(accepted.header("Location")).doesNotContain("admin");
    String log = accessLog.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("POST /commonauth 302").doesNotContain("s3cret-typo").doesNotContain("code=")
        .doesNotContain("sessionDataKey");
  }

  @Test void anUnknownClientEndsOnAnErrorPageNotAtAnyRedirectUri() throws IOException {
    String url = authorizeUrl("openid").replace("client_id=public-client", "client_id=nobody");

    Response response = get(url, null);
    Response page = get(server.url(response.header("Location")).toString(), null);

    assertThat(response.header("Location")).startsWith("/authenticationendpoint/oauth2_error.do?");
    assertThat(page.code()).isEqualTo(400);
    assertThat(page.body().string()).contains("not registered with this gateway");
  }

  @Test void aMalformedAuthorizeRequestGetsAnErrorPageNotARedirect() throws IOException {
    Response repeated = get(authorizeUrl("openid") + "&client_id=public-client", null);

    assertThat(repeated.code()).isEqualTo(400);
    assertThat(repeated.header("Location")).isNull();
    assertThat(repeated.header("Content-Type")).startsWith("text/html");
    assertThat(repeated.body().string()).contains("a parameter is repeated").doesNotContain("client_id");
  }

  @Test void discoveryIsServedAtWso2sPathsAndNamesThisServer() throws IOException {
    for (String path : List.of("/oauth2/token/.well-known/openid-configuration",
        "/oauth2/oidcdiscovery/.well-known/openid-configuration", "/.well-known/openid-configuration")) {
      Map<String, Object> document = json(get(server.url(path).toString(), null));

      String origin = "http://" + server.url("/").host() + ":" + server.port();
      assertThat(document).containsEntry("issuer", gateway.config().issuer())
          .containsEntry("authorization_endpoint", origin + "/oauth2/authorize")
          .containsEntry("token_endpoint", origin + "/oauth2/token")
          .containsEntry("end_session_endpoint", origin + "/oidc/logout");
      assertThat(document.get("code_challenge_methods_supported")).isEqualTo(List.of("S256", "plain"));
    }
  }

  @Test void userinfoAnswersForAnOpenidTokenOnly() throws IOException {
    Map<String, Object> token = exchange(server.browserRobot().signIn(authorizeUrl("openid"), "admin", "admin"));
    Map<String, Object> plain = exchange(server.browserRobot().signIn(authorizeUrl("device_x"), "admin", "admin"));

    assertThat(json(userinfo((String) token.get("access_token")))).containsExactly(Map.entry("sub", "admin"));
    Response noOpenid = userinfo((String) plain.get("access_token"));
    assertThat(noOpenid.code()).isEqualTo(403);
    assertThat(noOpenid.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
    Response invalid = userinfo("made-up");
    assertThat(invalid.code()).isEqualTo(401);
    assertThat(invalid.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(userinfo(null).code()).isEqualTo(400);
  }

  @Test void aPublicClientRevokesWithItsIdAlone() throws IOException {
    Map<String, Object> token = exchange(server.browserRobot().signIn(authorizeUrl("openid"), "admin", "admin"));

    Response revoked = post("/oauth2/revoke", null, "client_id", "public-client", "token", (String) token.get("refresh_token"));

    assertThat(revoked.code()).isEqualTo(200);
    assertThat(api((String) token.get("access_token"))).isEqualTo(401);
  }

  @Test void qaListsAndEndsBrowserSessions() throws IOException {
    server.browserRobot().signIn(authorizeUrl("openid"), "admin", "admin");
    BrowserRobot second = server.browserRobot();
    second.signIn(authorizeUrl("openid"), "admin", "admin");
    clock.advance(Duration.ofSeconds(42));

    Map<String, Object> listing = json(get(server.url("/admin/sessions?user=admin").toString(), null));
    List<?> sessions = (List<?>) listing.get("sessions");
    assertThat(sessions).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) sessions.get(0);
    assertThat(first).containsEntry("user", "admin").containsEntry("age_seconds", 42.0)
        .containsEntry("clients", List.of("public-client"));

    assertThat(delete("/admin/sessions/" + first.get("id")).code()).isEqualTo(200);
    assertThat(gateway.browserSessions()).hasSize(1);
    assertThat(json(delete("/admin/sessions?user=admin"))).containsEntry("ended", 1.0);
    assertThatThrownBy(() -> second.open(authorizeUrl("openid"))).isInstanceOf(BrowserRobot.SignInRefused.class);
    assertThat(delete("/admin/sessions").code()).isEqualTo(400);
    assertThat(delete("/admin/sessions/no-such-session").code()).isEqualTo(404);
  }

  @Test void aPasswordChangeEndsTheUsersBrowserSessions() throws IOException {
    BrowserRobot robot = server.browserRobot();
    robot.signIn(authorizeUrl("openid"), "admin", "admin");

    gateway.changePassword("admin", "new-password");

    assertThatThrownBy(() -> robot.open(authorizeUrl("openid"))).isInstanceOf(BrowserRobot.SignInRefused.class);
    assertThat(robot.signIn(authorizeUrl("openid"), "admin", "new-password")).startsWith(CALLBACK);
  }

  @Test void logoutClearsTheSessionCookie() throws IOException {
    Response logout = get(server.url("/oidc/logout").newBuilder().addQueryParameter("client_id", "public-client")
        .addQueryParameter("post_logout_redirect_uri", CALLBACK).addQueryParameter("state", "s").build().toString(), null);

    assertThat(logout.code()).isEqualTo(302);
    assertThat(logout.header("Location")).isEqualTo(CALLBACK + "?state=s");
    assertThat(logout.header("Set-Cookie")).startsWith("commonAuthId=;").contains("Max-Age=0");
    assertThat(get(server.url("/authenticationendpoint/oauth2_logout.do").toString(), null).body().string())
        .contains("You are signed out");
  }

  @Test void overHttpsTheCookiesAreSecure() throws IOException {
    try (MockGatewayServer https = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults(), clock))
        .https().start()) {
      OkHttpClient client = HTTP.newBuilder().sslSocketFactory(https.clientCertificates().sslSocketFactory(),
          https.clientCertificates().trustManager()).build();
      String url = authorizeUrl("openid").replace(server.url("/").toString(), https.url("/").toString());
      try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(response.header("Set-Cookie")).endsWith("; Secure");
      }
      assertThat(https.browserRobot().signIn(url, "admin", "admin")).startsWith(CALLBACK);
    }
  }

  @Test void wrongMethodsAreRefused() throws IOException {
    assertThat(post("/authenticationendpoint/login.do", null, "a", "b").code()).isEqualTo(405);
    assertThat(get(server.url("/commonauth").toString(), null).code()).isEqualTo(405);
  }

  // --- HTTP helpers

  private int api(String token) throws IOException {
    try (Response response = HTTP.newCall(new Request.Builder().url(server.url("/orders"))
        .header("Authorization", "Bearer " + token).build()).execute()) {
      return response.code();
    }
  }

  private Response userinfo(String token) throws IOException {
    Request.Builder request = new Request.Builder().url(server.url("/oauth2/userinfo"));
    if (token != null) request.header("Authorization", "Bearer " + token);
    return HTTP.newCall(request.build()).execute();
  }

  private static Response get(String url, String cookie) throws IOException {
    Request.Builder request = new Request.Builder().url(url);
    if (cookie != null) request.header("Cookie", cookie);
    return HTTP.newCall(request.build()).execute();
  }

  private Response post(String path, String cookie, String... fields) throws IOException {
    FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < fields.length; i += 2) form.add(fields[i], fields[i + 1]);
    Request.Builder request = new Request.Builder().url(server.url(path)).post(form.build());
    if (cookie != null) request.header("Cookie", cookie);
    return HTTP.newCall(request.build()).execute();
  }

  private Response delete(String path) throws IOException {
    return HTTP.newCall(new Request.Builder().url(server.url(path)).delete(RequestBody.create(new byte[0])).build()).execute();
  }

  private static Map<String, Object> json(Response response) throws IOException {
    try (response) {
      return JSON.fromJson(response.body().string());
    }
  }

  /** The name=value part of a Set-Cookie header, to send back. */
  private static String cookie(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }
}

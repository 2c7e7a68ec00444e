package dev.resilientsession.gateway;

import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.FORM;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.basic;
import static dev.resilientsession.gateway.GatewayClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayClient.Reply;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * /admin on a gateway built with an admin token, as the standalone server is when it listens
 * beyond loopback: every control refuses a request without the token, changing nothing, and the
 * token is never repeated in an answer or the access log.
 */
class AdminTokenHttpTest {
  private static final String TOKEN = "qa-9f86d081884c7d659a2f";
  private static final String BEARER = "Bearer " + TOKEN;
  private static final String CHALLENGE_BEARER = "Bearer realm=\"mock-gateway admin\"";
  private static final String CHALLENGE_BASIC = "Basic realm=\"mock-gateway admin\", charset=\"UTF-8\"";

  private GatewayClient gateway;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.startWithAdminToken(TOKEN);
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  @Test void withoutTheTokenAPasswordChangeIsRefusedAndChangesNothing() {
    Reply login = gateway.login(OPAQUE_APP, null);

    Reply refused = gateway.postForm("/admin/users/alice/password", null, form("password", "taken-over"));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().values("WWW-Authenticate")).containsExactly(CHALLENGE_BEARER, CHALLENGE_BASIC);
    assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    assertThat(refused.json()).containsEntry("error", "unauthorized");
    assertThat(refused.string("error_description")).contains("Authorization: Bearer <admin token>")
        .contains("curl -u admin:<admin token>").contains("--admin-token").contains("MOCK_GATEWAY_ADMIN_TOKEN");
    assertThat(gateway.call("/orders", login.accessToken()).status()).as("alice's token lives").isEqualTo(200);
    assertThat(gateway.password(OPAQUE_APP, ALICE, ALICE_PASSWORD, null).status())
        .as("alice's password is unchanged").isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /admin", "GET, /admin/", "GET, /admin/tokens?state=all", "GET, /admin/clock", "POST, /admin/clock",
      "GET, /admin/faults", "POST, /admin/faults", "DELETE, /admin/faults", "POST, /admin/reset",
      "GET, /admin/sessions", "DELETE, /admin/sessions?user=alice", "DELETE, /admin/sessions/any-id",
      "POST, /admin/users/alice/revoke", "POST, /admin/users/alice/password", "GET, /admin/no-such-control",
      "PUT, /admin/reset"})
  void everyControlWantsTheTokenWhateverTheMethod(String method, String path) {
    RequestBody body = method.equals("GET") ? null : RequestBody.create("advance=PT1H&password=x", FORM);

    Reply refused = gateway.send(new Request.Builder().url(gateway.url(path)).method(method, body));

    assertThat(refused.status()).as("%s", refused).isEqualTo(401);
    assertThat(refused.json()).containsEntry("error", "unauthorized");
  }

  @Test void aRefusedRequestsBodyIsNeverRead() {
    String malformed = "target=token&kind=%zz";

    Reply withoutToken = gateway.postForm("/admin/faults", null, malformed);
    Reply withToken = gateway.postForm("/admin/faults", BEARER, malformed);

    assertThat(withoutToken.status()).isEqualTo(401);
    assertThat(withToken.status()).as("the body is malformed: %s", withToken).isEqualTo(400);
  }

  @Test void theTokenAsBearerOrAsTheBasicPasswordOpensTheControls() {
    gateway.login(OPAQUE_APP, null);
    Instant before = gateway.gateway.now();

    Reply advanced = gateway.postForm("/admin/clock", BEARER, form("advance", "PT1H"));
    Reply revoked = gateway.postForm("/admin/users/alice/revoke", basic("admin", TOKEN), "");
    Reply index = gateway.send(new Request.Builder().url(gateway.url("/admin")).header("Authorization", BEARER));

    assertThat(advanced.status()).as("%s", advanced).isEqualTo(200);
    assertThat(gateway.gateway.now()).isEqualTo(before.plus(Duration.ofHours(1)));
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
    assertThat(revoked.number("revoked")).isEqualTo(1);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.list("endpoints")).isNotEmpty();
  }

  @Test void aWrongTokenIsRefusedChangesNothingAndIsNeverRepeated() {
    Instant before = gateway.gateway.now();
    String[] wrong = {"Bearer " + TOKEN.substring(0, TOKEN.length() - 1), BEARER + "0",
        "Bearer qa-wrong-token-0123456789", basic("admin", "qa-wrong-token-0123456789"), basic(TOKEN, "")};

    for (String authorization : wrong) {
      Reply refused = gateway.postForm("/admin/clock", authorization, form("advance", "PT1H"));

      assertThat(refused.status()).as("%s", authorization).isEqualTo(401);
      assertThat(refused.json()).containsEntry("error", "invalid_token");
      assertThat(refused.string("error_description"))
          .startsWith("The credential sent is not this gateway's admin token");
      assertThat(refused.body() + refused.headers()).doesNotContain(authorization.substring(6).trim())
          .doesNotContain(TOKEN.substring(3));
    }
    assertThat(gateway.gateway.now()).as("the clock never moved").isEqualTo(before);
  }

  @Test void neitherTheAccessLogNorTheGatewaysStringFormShowsTheToken() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MockGateway guarded = MockGateway.builder(GatewayConfig.defaults()).adminToken(TOKEN).build();
    OkHttpClient client = new OkHttpClient();
    try (MockGatewayServer server = MockGatewayServer.builder(guarded)
        .accessLog(new PrintStream(log, true, StandardCharsets.UTF_8)).start()) {
      for (String authorization : new String[] {BEARER, "Bearer qa-wrong-token-0123456789"}) {
        Request request = new Request.Builder().url(server.url("/admin/tokens")).header("Authorization", authorization)
            .build();
        try (Response response = client.newCall(request).execute()) {
          assertThat(response.body().string()).doesNotContain(TOKEN).doesNotContain("qa-wrong-token");
        }
      }
    }

    assertThat(log.toString(StandardCharsets.UTF_8)).contains("GET /admin/tokens 200").contains("GET /admin/tokens 401")
        .doesNotContain(TOKEN).doesNotContain("qa-wrong-token");
    assertThat(guarded.toString()).doesNotContain(TOKEN);
    assertThat(guarded.requiresAdminToken()).isTrue();
  }

  @Test void aGatewayBuiltWithoutATokenKeepsItsControlsOpen() throws IOException {
    try (GatewayClient open = GatewayClient.start()) {
      Reply reset = open.postForm("/admin/reset", null, "");

      assertThat(open.gateway.requiresAdminToken()).isFalse();
      assertThat(reset.status()).as("%s", reset).isEqualTo(200);
    }
  }
}

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.BOB;
import static dev.resilientsession.gateway.GatewayClient.BOB_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.FORM;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.assertInvalidCredentials;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static dev.resilientsession.gateway.GatewayClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The QA controls under /admin/: tokens, clock, users, faults, reset. */
class AdminEndpointTest {
  private static final String START = "2026-01-01T00:00:00Z";

  private GatewayClient gateway;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start();
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  // Tokens

  @Test void theTokenListShowsEachActiveTokensDetailsButNeverTheTokenItself() {
    Reply login = gateway.login(OPAQUE_APP, "orders:read");

    Reply list = gateway.get("/admin/tokens");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(login.accessToken()).doesNotContain(login.refreshToken());
    List<Map<String, Object>> tokens = tokens(list);
    assertThat(tokens).hasSize(1);
    Map<String, Object> token = tokens.get(0);
    assertThat(token).containsEntry("user", ALICE)
        .containsEntry("client_id", OPAQUE_APP)
        .containsEntry("scopes", List.of("orders:read"))
        .containsEntry("token_type", "OPAQUE")
        .containsEntry("state", "ACTIVE")
        .containsEntry("expires_at", "2026-01-01T01:00:00Z");
    assertThat(token.get("id")).isInstanceOf(String.class).isNotEqualTo("");
  }

  @Test void theTokenListNeverShowsAJwtEither() {
    Reply login = gateway.login(JWT_APP, null);

    Reply list = gateway.get("/admin/tokens");

    assertThat(list.body()).doesNotContain(login.accessToken()).doesNotContain(login.refreshToken());
    assertThat(tokens(list)).singleElement().satisfies(token ->
        assertThat(token).containsEntry("token_type", "JWT").containsEntry("client_id", JWT_APP));
  }

  @Test void theTokenListLeavesOutRetiredTokensUnlessAskedForAll() {
    Reply login = gateway.login(JWT_APP, null);
    gateway.revoke(JWT_APP, login.accessToken(), null);

    assertThat(tokens(gateway.get("/admin/tokens"))).isEmpty();
    assertThat(tokens(gateway.get("/admin/tokens?state=all")))
        .singleElement().satisfies(token -> assertThat(token).containsEntry("state", "REVOKED"));
  }

  // Clock

  @Test void advancingTheClockAnHourExpiresAnHourLongToken() {
    String token = gateway.login(JWT_APP, null).accessToken();

    Reply advanced = gateway.postForm("/admin/clock", null, form("advance", "PT1H"));

    assertThat(advanced.status()).isEqualTo(200);
    assertThat(advanced.string("now")).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(gateway.get("/admin/clock").string("now")).isEqualTo("2026-01-01T01:00:00Z");
    assertInvalidCredentials(gateway.call("/orders", token));
    assertThat(tokens(gateway.get("/admin/tokens"))).isEmpty();
  }

  @Test void advancingTheClockLessThanTheValidityKeepsTheTokenWorking() {
    String token = gateway.login(JWT_APP, null).accessToken();

    gateway.postForm("/admin/clock", null, form("advance", "PT59M59S"));

    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void theClockMayBeAdvancedWithAQueryParameter() {
    Reply advanced = gateway.postForm("/admin/clock?advance=PT90S", null, "");

    assertThat(advanced.status()).isEqualTo(200);
    assertThat(advanced.string("now")).isEqualTo("2026-01-01T00:01:30Z");
  }

  @ParameterizedTest @ValueSource(strings = {"an hour", "1h", "PT", "-PT1H", ""})
  void aBadOrBackwardDurationIsRefusedAndTheClockStaysPut(String advance) {
    Reply reply = gateway.postForm("/admin/clock", null, form("advance", advance));

    assertOAuthError(reply, 400, "invalid_request");
    assertThat(gateway.get("/admin/clock").string("now")).isEqualTo(START);
  }

  @Test void advancingTheClockWithoutADurationIsRefused() {
    assertOAuthError(gateway.postForm("/admin/clock", null, ""), 400, "invalid_request");
  }

  // Users

  @Test void revokingAUsersTokensKillsThemAllAndSparesOtherUsers() {
    Reply jwt = gateway.login(JWT_APP, null);
    Reply opaque = gateway.login(OPAQUE_APP, null);
    String bobs = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).accessToken();

    Reply revoked = gateway.postForm("/admin/users/" + ALICE + "/revoke", null, "");

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json()).containsEntry("user", ALICE);
    assertThat(revoked.number("revoked")).isEqualTo(2);
    assertInvalidCredentials(gateway.call("/orders", jwt.accessToken()));
    assertInvalidCredentials(gateway.call("/orders", opaque.accessToken()));
    assertOAuthError(gateway.refresh(JWT_APP, jwt.refreshToken()), 400, "invalid_grant");
    assertThat(gateway.call("/orders", bobs).status()).isEqualTo(200);
  }

  @Test void revokingAUsersTokensAlsoKillsTheRefreshTokenOfAnExpiredAccessToken() {
    Reply login = gateway.login(OPAQUE_APP, null);
    gateway.postForm("/admin/clock", null, form("advance", "PT2H"));
    assertInvalidCredentials(gateway.call("/orders", login.accessToken())); // now EXPIRED, refresh still valid

    gateway.postForm("/admin/users/" + ALICE + "/revoke", null, "");

    assertOAuthError(gateway.refresh(OPAQUE_APP, login.refreshToken()), 400, "invalid_grant");
  }

  @Test void changingAPasswordRefusesTheOldOneAcceptsTheNewOneAndRevokesTheUsersTokens() {
    Reply login = gateway.login(JWT_APP, null);

    Reply changed = gateway.postForm("/admin/users/" + ALICE + "/password", null, form("password", "new-pw"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json()).containsEntry("user", ALICE).containsEntry("password_changed", true);
    Reply oldPassword = gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null);
    assertOAuthError(oldPassword, 400, "invalid_grant");
    assertThat(oldPassword.string("error_description")).isEqualTo("Authentication failed for " + ALICE);
    assertInvalidCredentials(gateway.call("/orders", login.accessToken()));
    assertOAuthError(gateway.refresh(JWT_APP, login.refreshToken()), 400, "invalid_grant");
    assertThat(gateway.password(JWT_APP, ALICE, "new-pw", null).status()).isEqualTo(200);
  }

  @Test void aUsernameThatIsNotValidPercentEncodingIsABadRequest() {
    assertOAuthError(gateway.postForm("/admin/users/%zz/revoke", null, ""), 400, "invalid_request");
  }

  @Test void changingTheUnknownUsersPasswordIsNotFound() {
    Reply reply = gateway.postForm("/admin/users/mallory/password", null, form("password", "x"));

    assertThat(reply.status()).isEqualTo(404);
  }

  @Test void changingAPasswordToNothingIsRefused() {
    assertOAuthError(gateway.postForm("/admin/users/" + ALICE + "/password", null, ""), 400, "invalid_request");
    assertOAuthError(gateway.postForm("/admin/users/" + ALICE + "/password", null, "password="), 400, "invalid_request");
    assertThat(gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null).status()).isEqualTo(200);
  }

  // Faults

  @Test void anInjectedApiFaultIsListedStrikesOnceAndIsGone() {
    String token = gateway.login(JWT_APP, null).accessToken();

    Reply injected = gateway.postForm("/admin/faults", null, form("target", "api", "kind", "throttled", "count", "1"));

    assertThat(injected.status()).isEqualTo(200);
    assertThat(faults(gateway.get("/admin/faults"))).singleElement().satisfies(fault -> assertThat(fault)
        .containsEntry("target", "api").containsEntry("kind", "throttled").containsEntry("count", 1.0));
    Reply throttled = gateway.call("/orders", token);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json()).containsEntry("code", "900800");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
    assertThat(faults(gateway.get("/admin/faults"))).isEmpty();
  }

  @Test void anInjectedTokenFaultCarriesItsRetryAfter() {
    gateway.postForm("/admin/faults", null, form("target", "token", "kind", "unavailable", "retry_after", "7"));

    Reply refused = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);

    assertOAuthError(refused, 503, "temporarily_unavailable");
    assertThat(refused.header("Retry-After")).isEqualTo("7");
  }

  @Test void aTokenFaultWithRetryAfterNoneSaysNothingOfWhenToComeBack() {
    gateway.postForm("/admin/faults", null, form("target", "token", "kind", "unavailable", "retry_after", "none"));

    Reply refused = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);

    assertOAuthError(refused, 503, "temporarily_unavailable");
    assertThat(refused.header("Retry-After")).isNull();
    assertThat(gateway.postForm("/admin/faults", null, form("target", "token", "kind", "html", "retry_after", "none"))
        .status()).as("an html page has no Retry-After to leave out").isEqualTo(400);
  }

  @Test void deletingTheFaultsClearsThemAll() {
    String token = gateway.login(JWT_APP, null).accessToken();
    gateway.postForm("/admin/faults", null, form("target", "api", "kind", "unavailable", "count", "unlimited"));
    assertThat(faults(gateway.get("/admin/faults"))).singleElement()
        .satisfies(fault -> assertThat(fault).containsEntry("count", "unlimited"));

    Reply cleared = gateway.send(new Request.Builder().url(gateway.url("/admin/faults")).delete());

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(faults(cleared)).isEmpty();
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "target=api&kind=explode",
      "target=database&kind=throttled",
      "kind=throttled",
      "target=api&kind=throttled&count=0",
      "target=api&kind=throttled&count=-1",
      "target=api&kind=throttled&count=many",
      "target=api&kind=throttled&retry_after=-5",
      "target=api&kind=throttled&retry_after=soon",
      "target=api&kind=throttled&retry_after=99999999999999999999",
      "target=api&kind=throttled&count=99999999999",
      "target=token&kind=expired",
      "target=token&kind=subscription_inactive",
      "target=api&kind=html&count=2&duration=PT5S",
      "target=api&kind=html&count=unlimited&duration=PT5S",
      "target=api&kind=html&duration=PT0S",
      "target=api&kind=html&duration=-PT5S",
      "target=api&kind=html&duration=5",
      "target=api&kind=html&for=soon",
      "target=api&kind=html&for=5s&duration=PT5S",
      "target=api&kind=html&count=2&for=5s",
      "target=api&kind=throttled&retry_after=1500ms",
      "target=token&kind=overloaded",
      "target=token&kind=overloaded&capacity=0",
      "target=token&kind=overloaded&capacity=-1",
      "target=token&kind=overloaded&capacity=many",
      "target=token&kind=overloaded&capacity=2.5",
      "target=token&kind=overloaded&capacity=1000001",
      "target=token&kind=overloaded&capacity=99999999999",
      "target=token&kind=overloaded&capacity=500&status=500",
      "target=token&kind=overloaded&capacity=500&status=200",
      "target=token&kind=overloaded&capacity=500&status=soon",
      "target=token&kind=overloaded&capacity=500&count=3",
      "target=token&kind=overloaded&capacity=500&for=0s",
      "target=api&kind=overloaded&capacity=500",
      "target=token&kind=throttled&capacity=500",
      "target=api&kind=html&status=600",
      "target=api&kind=empty&status=99",
      "target=api&kind=html&status=101",
      "target=api&kind=empty&status=-502",
      "target=api&kind=empty&status=bad",
      "target=api&kind=throttled&status=503",
      "target=api&kind=disconnect&retry_after=5",
      "target=api&kind=expired&retry_after=5",
  })
  void aBadFaultIsRefusedAndNothingIsInjected(String body) {
    Reply reply = gateway.postForm("/admin/faults", null, body);

    assertOAuthError(reply, 400, "invalid_request");
    assertThat(faults(gateway.get("/admin/faults"))).isEmpty();
  }

  @Test void aRefusedFaultSaysWhatIsWrong() {
    assertThat(gateway.postForm("/admin/faults", null, "target=api&kind=explode").string("error_description"))
        .contains("kind must be one of throttled|unavailable|html|empty|disconnect|overloaded|expired|inactive|blocked|forbidden|subscription_inactive");
    assertThat(gateway.postForm("/admin/faults", null, "target=token&kind=expired").string("error_description"))
        .contains("API calls only");
    assertThat(gateway.postForm("/admin/faults", null, "target=api&kind=html&count=1&duration=PT1S")
        .string("error_description")).isEqualTo("Give count or duration, not both");
    assertThat(gateway.postForm("/admin/faults", null, "target=api&kind=html&status=600").string("error_description"))
        .contains("200 to 599");
  }

  @Test void aRefusedOverloadSaysWhatIsWrong() {
    assertThat(refusal("target=api&kind=overloaded&capacity=500")).contains("token endpoint only");
    assertThat(refusal("target=token&kind=overloaded")).contains("needs capacity=N");
    assertThat(refusal("target=token&kind=overloaded&capacity=0"))
        .isEqualTo("capacity must be a whole number of requests per second, at least 1, was '0'");
    assertThat(refusal("target=token&kind=overloaded&capacity=lots")).contains("capacity must be a whole number");
    assertThat(refusal("target=token&kind=overloaded&capacity=2000000")).contains("1 to 1000000");
    assertThat(refusal("target=token&kind=overloaded&capacity=500&status=500")).contains("503 or 429, not 500");
    assertThat(refusal("target=token&kind=overloaded&capacity=500&status=x")).isEqualTo("status must be 429 or 503, was 'x'");
    assertThat(refusal("target=token&kind=overloaded&capacity=500&count=2")).contains("not for a count");
    assertThat(refusal("target=token&kind=throttled&capacity=500")).contains("overloaded faults only");
    assertThat(refusal("target=token&kind=overloaded&capacity=500&retry_after=500ms")).contains("whole seconds");
    assertThat(refusal("target=token&kind=overloaded&capacity=500&for=a-minute"))
        .isEqualTo("for must be a duration such as PT30S or 30s (ms, s, m, h), was 'a-minute'");
  }

  private String refusal(String body) {
    Reply reply = gateway.postForm("/admin/faults", null, body);
    assertOAuthError(reply, 400, "invalid_request");
    return reply.string("error_description");
  }

  @Test void anOverloadIsInjectedAsAgreedAndListsWhatItAdmittedAndShed() {
    Reply injected = gateway.postForm("/admin/faults", null, form("target", "token", "kind", "overloaded",
        "capacity", "2", "retry_after", "3s", "status", "429", "for", "60s"));

    assertThat(faults(injected)).singleElement().satisfies(fault -> assertThat(fault)
        .containsEntry("target", "token").containsEntry("kind", "overloaded").containsEntry("duration", "PT1M")
        .containsEntry("capacity", 2.0).containsEntry("status", 429.0).containsEntry("retry_after", 3.0)
        .containsEntry("admitted", 0.0).containsEntry("shed", 0.0));
    for (int i = 0; i < 5; i++) gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);
    Reply shed = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);
    assertOAuthError(shed, 429, "temporarily_unavailable");
    assertThat(shed.header("Retry-After")).isEqualTo("3");

    Reply listed = gateway.get("/admin/faults");

    assertThat(faults(listed)).singleElement().satisfies(fault -> assertThat(fault)
        .containsEntry("admitted", 2.0).containsEntry("shed", 4.0));
    assertThat(listed.json()).containsEntry("token_requests", Map.of("admitted", 2.0, "shed", 4.0))
        .doesNotContainKey("token_capacity");
  }

  @Test void anOverloadUntilClearedTakesTheExistingParameterStyleToo() {
    gateway.postForm("/admin/faults", null, form("target", "token", "kind", "overloaded", "capacity", "1",
        "retry_after", "2", "count", "unlimited"));

    assertThat(faults(gateway.get("/admin/faults"))).singleElement()
        .satisfies(fault -> assertThat(fault).containsEntry("count", "unlimited").containsEntry("status", 503.0));
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
    Reply shed = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);
    assertOAuthError(shed, 503, "temporarily_unavailable");
    assertThat(shed.header("Retry-After")).isEqualTo("2");

    gateway.send(new Request.Builder().url(gateway.url("/admin/faults")).delete());

    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void aWindowMayBeWrittenWithAUnitAsTheConfigsWriteIt() {
    gateway.postForm("/admin/faults", null, form("target", "api", "kind", "html", "for", "90s"));
    gateway.postForm("/admin/faults", null, form("target", "api", "kind", "empty", "duration", "2m"));

    assertThat(faults(gateway.get("/admin/faults"))).extracting(fault -> fault.get("duration"))
        .containsExactly("PT1M30S", "PT2M");
  }

  @Test void theListingShowsTheConfiguredTokenCapacity() throws IOException {
    try (GatewayClient limited = GatewayClient.start(GatewayClient.config().tokenCapacity(1).build())) {
      limited.password(JWT_APP, BOB, BOB_PASSWORD, null);
      limited.password(JWT_APP, BOB, BOB_PASSWORD, null);

      Reply listed = limited.get("/admin/faults");

      assertThat(faults(listed)).isEmpty();
      assertThat(listed.json()).containsEntry("token_capacity", 1.0)
          .containsEntry("token_requests", Map.of("admitted", 1.0, "shed", 1.0));
    }
  }

  @Test void anHtmlFaultForAWindowIsListedWithItsStatusAndTimeLeft() {
    String token = gateway.login(JWT_APP, null).accessToken();

    Reply injected = gateway.postForm("/admin/faults", null,
        form("target", "api", "kind", "html", "duration", "PT1M", "status", "502"));

    assertThat(faults(injected)).singleElement().satisfies(fault -> assertThat(fault)
        .containsEntry("kind", "html").containsEntry("duration", "PT1M").containsEntry("status", 502.0)
        .doesNotContainKeys("count", "retry_after"));
    Reply page = gateway.call("/orders", token);
    assertThat(page.status()).isEqualTo(502);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    gateway.postForm("/admin/clock", null, form("advance", "PT45S"));
    assertThat(faults(gateway.get("/admin/faults"))).singleElement()
        .satisfies(fault -> assertThat(fault).containsEntry("duration", "PT15S"));
    gateway.postForm("/admin/clock", null, form("advance", "PT15S"));
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
    assertThat(faults(gateway.get("/admin/faults"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"expired", "inactive", "blocked", "forbidden", "subscription_inactive"})
  void eachOfTheKeyManagersVerdictsCanBeInjectedForTheApi(String kind) {
    String token = gateway.login(JWT_APP, null).accessToken();

    assertThat(gateway.postForm("/admin/faults", null, form("target", "api", "kind", kind)).status()).isEqualTo(200);

    assertThat(gateway.call("/orders", token).status()).isIn(401, 403);
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void aDisconnectFaultForTheTokenEndpointDropsTheConnection() {
    gateway.postForm("/admin/faults", null, form("target", "token", "kind", "disconnect"));

    assertThatThrownBy(() -> gateway.password(JWT_APP, BOB, BOB_PASSWORD, null)).isInstanceOf(UncheckedIOException.class);
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  // Reset

  @Test void resetForgetsTokensFaultsPasswordChangesAndClockAdvances() {
    String token = gateway.login(JWT_APP, null).accessToken();
    gateway.postForm("/admin/clock", null, form("advance", "PT10M"));
    gateway.postForm("/admin/faults", null, form("target", "token", "kind", "throttled", "count", "unlimited"));
    gateway.postForm("/admin/users/" + BOB + "/password", null, form("password", "changed"));

    Reply reset = gateway.postForm("/admin/reset", null, "");

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json()).containsEntry("reset", true);
    assertInvalidCredentials(gateway.call("/orders", token));
    assertThat(tokens(gateway.get("/admin/tokens"))).isEmpty();
    assertThat(faults(gateway.get("/admin/faults"))).isEmpty();
    assertThat(gateway.get("/admin/clock").string("now")).isEqualTo(START);
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  // Routing

  @Test void theIndexListsTheEndpoints() {
    Reply index = gateway.get("/admin");

    assertThat(index.status()).isEqualTo(200);
    assertThat(index.list("endpoints")).isNotEmpty();
    assertThat(index.body()).contains("kind=throttled|unavailable|html|empty|disconnect|overloaded|expired|inactive|blocked|forbidden|subscription_inactive")
        .contains("duration=").contains("status=")
        .contains("target=token kind=overloaded capacity=N [retry_after=1s] [status=429] [for=60s]");
  }

  @ParameterizedTest @ValueSource(strings = {"/admin/nothing-here", "/admin/users/alice", "/admin/users/alice/delete"})
  void anUnknownAdminPathIsNotFound(String path) {
    Reply reply = gateway.postForm(path, null, "");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json()).containsKey("error");
  }

  @Test void theWrongMethodIsMethodNotAllowedAndChangesNothing() {
    String token = gateway.login(JWT_APP, null).accessToken();

    Reply getReset = gateway.get("/admin/reset");
    Reply getRevoke = gateway.get("/admin/users/" + ALICE + "/revoke");
    Reply putTokens = gateway.send(new Request.Builder().url(gateway.url("/admin/tokens"))
        .put(RequestBody.create("", FORM)));

    assertThat(getReset.status()).isEqualTo(405);
    assertThat(getReset.header("Allow")).isEqualTo("POST");
    assertThat(getRevoke.status()).isEqualTo(405);
    assertThat(putTokens.status()).isEqualTo(405);
    assertThat(putTokens.header("Allow")).isEqualTo("GET");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tokens(Reply list) {
    assertThat(list.status()).isEqualTo(200);
    return (List<Map<String, Object>>) (List<?>) list.list("tokens");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> faults(Reply list) {
    assertThat(list.status()).isEqualTo(200);
    return (List<Map<String, Object>>) (List<?>) list.list("faults");
  }
}

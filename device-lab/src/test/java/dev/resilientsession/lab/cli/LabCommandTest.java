package dev.resilientsession.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.ResourceRule;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab run} and {@code lab merge} as QA runs them: exit codes, messages, report files. */
class LabCommandTest {
  private static final String FLEET = String.join("\n",
      "# Four users with a phone and a tablet sharing an OPAQUE token; the phones sign out.",
      "[scenario]",
      "name = \"small-storm\"",
      "duration = \"2s\"",
      "[users]",
      "count = 4",
      "[[groups]]",
      "name = \"phone\"",
      "application = \"opaque\"",
      "device_scope = false",
      "[[groups]]",
      "name = \"tablet\"",
      "application = \"opaque\"",
      "device_scope = false",
      "[[events]]",
      "do = \"sign_out\"",
      "group = \"phone\"",
      "[[events]]",
      "do = \"call\"",
      "group = \"tablet\"",
      "[[expect]]",
      "metric = \"failed_calls\"",
      "max = 0",
      "");

  /** Alice's desktop signs in in the browser and calls once. */
  private static final String BROWSER = String.join("\n",
      "[scenario]", "duration = \"1s\"",
      "[users]", "list = [{ name = \"alice\", password = \"alice-pw\" }]",
      "[applications.app]", "consumer_key = \"browser-app\"", "public_client = true",
      "[[groups]]", "name = \"desktop\"", "application = \"app\"", "sign_in_flow = \"browser\"",
      "call = \"/orders\"",
      "[[events]]", "do = \"call\"",
      "");

  /** User-2 changes password through /admin; met only if the change reached the gateway. */
  private static final String PASSWORD_CHANGE = String.join("\n",
      "[scenario]", "duration = \"2s\"",
      "[users]", "count = 2",
      "[[groups]]", "name = \"tablet\"", "application = \"opaque\"",
      "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
      "[[events]]", "do = \"call\"",
      "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 1",
      "[[expect]]", "metric = \"failed_calls\"", "users = \"password_unchanged\"", "max = 0", "");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test void aMetScenarioExitsZeroAndWritesTheThreeReportFiles() throws Exception {
    Path report = dir.resolve("report");

    int status = lab("run", "--quiet", "--out", report.toString(), scenario("ok.toml", FLEET).toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(report.resolve("report.html")).exists();
    assertThat(report.resolve("junit.xml")).exists();
    RunResults results = ReportWriter.read(report.resolve("results.json"));
    assertThat(results.devices()).hasSize(8);
    assertThat(out.toString()).contains("met     failed_calls <= 0").contains("All 1 expectations met.");
  }

  @Test void theConsoleTellsTheTokenEndpointsLoadAndWhenTheDevicesANamedEventHitWereBack() throws Exception {
    String named = FLEET.replace("do = \"sign_out\"", "name = \"storm\"\ndo = \"sign_out\"")
        + "[[expect]]\nmetric = \"recovery_seconds\"\nevent = \"storm\"\nstatistic = \"p99\"\nmax = 60\n";

    int status = lab("run", "--quiet", "--out", dir.resolve("report").toString(), scenario("n.toml", named).toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("token endpoint: 12 requests, busiest second 4 at \\d+ s; 0 rejected \\(429, 5xx\\); 0 unanswered")
        .containsPattern("after storm \\(line 15, \\d+\\.\\d s\\): 4 devices hit, 4 back: half [\\d.]+ s after its end")
        .contains("met     recovery_seconds p99 after storm <= 60 (line 25): ");
  }

  @Test void aScenarioBuiltToFailAnExpectationExitsOneAndSaysWhichOne() throws Exception {
    Path report = dir.resolve("report");
    String failing = FLEET + "[[expect]]\nmetric = \"recoveries\"\ngroup = \"tablet\"\nequals = 0\n";

    int status = lab("run", "--quiet", "--out", report.toString(), scenario("fails.toml", failing).toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("NOT MET recoveries in group tablet = 0 (line 24): 4")
        .contains("1 of 2 expectations not met.");
    assertThat(Files.readString(report.resolve("junit.xml"))).contains("<failure");
  }

  @Test void aBadScenarioExitsTwoWithFileLineAndKeyBeforeAnythingStarts() throws Exception {
    Path file = scenario("bad.toml", FLEET.replace("do = \"call\"\ngroup = \"tablet\"", "do = \"call\"\ngroup = \"tablt\""));

    int status = lab("run", "--quiet", "--out", dir.resolve("report").toString(), file.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(file + ":20: events[1].group: no group \"tablt\"");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void aShardNeedsASharedGateway() throws Exception {
    int status = lab("run", "--shard", "0/2", scenario("s.toml", FLEET).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--shard needs --gateway");
  }

  @Test void aBadGatewayOrCaExitsTwoSayingWhich() throws Exception {
    Path file = scenario("s.toml", FLEET);
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate");

    assertThat(lab("run", "--gateway", "ftp://gw", file.toString())).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--ca", notPem.toString(), file.toString())).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--ca", dir.resolve("missing.pem").toString(),
        file.toString())).isEqualTo(2);

    assertThat(err.toString()).contains("--gateway: not an http(s) URL: ftp://gw")
        .contains("holds no PEM certificate").contains("--ca: cannot read");
  }

  @Test void targetFlagsThatDoNotGoTogetherExitTwoSayingWhichBeforeTheFileIsRead() throws Exception {
    String missing = dir.resolve("not-read.toml").toString();
    String token = "https://kc.example:8443/realms/lab/protocol/openid-connect/token";
    String api = "https://kc.example:8443/realms/lab/protocol/openid-connect/";

    assertThat(lab("run", "--gateway", "https://gw:9443", "--token-url", token, "--api-url", api, missing)).isEqualTo(2);
    assertThat(lab("run", "--token-url", token, missing)).isEqualTo(2);
    assertThat(lab("run", "--api-url", api, missing)).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--revoke-url", token, missing)).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--authorization-url", token, missing)).isEqualTo(2);
    assertThat(lab("run", "--token-url", "ftp://kc/token", "--api-url", api, missing)).isEqualTo(2);
    assertThat(lab("run", "--token-url", "https://kc.example:8443", "--api-url", api, missing)).isEqualTo(2);
    assertThat(lab("run", "--token-url", token, "--api-url", "http://kc.example:8080/", missing)).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "lab: --gateway names the token endpoint (URL/oauth2/token) and the APIs' base (URL) at once: give it, or"
            + " --token-url with --api-url, not both",
        "lab: --token-url needs --api-url: the base the groups' call paths are relative to, such as"
            + " https://apim:8243/pizzashack/1.0.0",
        "lab: --api-url needs --token-url: the server's token endpoint, such as"
            + " https://kc:8443/realms/lab/protocol/openid-connect/token",
        "lab: --gateway names the token endpoint (URL/oauth2/token) and the APIs' base (URL) at once: give it, or"
            + " --token-url with --api-url, not both",
        "lab: --gateway names the token endpoint (URL/oauth2/token) and the APIs' base (URL) at once: give it, or"
            + " --token-url with --api-url, not both",
        "lab: --token-url: not an http(s) URL: ftp://kc/token",
        "lab: the token URL https://kc.example:8443/ names a server, not its token endpoint, such as"
            + " https://kc.example:8443/oauth2/token or https://kc.example:8443/realms/NAME/protocol/openid-connect/token",
        "lab: the API URL http://kc.example:8080/ is plain HTTP while the token URL is HTTPS: the SDK sends its token"
            + " over HTTPS only then, so no call would carry it");
  }

  @Test void theEmbeddedGatewayTakesNoCaNorRevokeOrAuthorizationUrl() throws Exception {
    Path file = scenario("s.toml", FLEET);

    assertThat(lab("run", "--ca", file.toString(), file.toString())).isEqualTo(2);
    assertThat(lab("run", "--revoke-url", "https://gw/oauth2/revoke", file.toString())).isEqualTo(2);
    assertThat(lab("check", "--authorization-url", "https://gw/oauth2/authorize", file.toString())).isEqualTo(2);

    assertThat(err.toString()).contains("lab: --ca needs --gateway or --token-url")
        .contains("lab: --revoke-url goes with --token-url and --api-url")
        .contains("lab check: --authorization-url goes with --token-url and --api-url (with --gateway, browser"
            + " sign-ins start at URL/oauth2/authorize)");
  }

  @Test void theAuthorizationUrlGivenIsWhereBrowserSignInsStartAndIsRecorded() throws Exception {
    // The mock's token endpoint answers at /token too, its authorization endpoint only at /oauth2/authorize:
    // a server whose authorization endpoint is not where the SDK derives it from the token URL.
    GatewayConfig config = GatewayConfig.builder().user(User.of("alice", "alice-pw"))
        .application(Application.builder("browser-app", null).publicClient(true).pkceMandatory(true)
            .redirectUris(ApplicationSpec.LOOPBACK_REDIRECT_URI).build())
        .strictResources(true).resource(ResourceRule.of("/orders")).build();
    Path file = scenario("browser.toml", BROWSER);
    Path report = dir.resolve("report");
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(config)).host("127.0.0.1").start()) {
      String token = gateway.url("/token").toString();
      String authorization = gateway.url("/oauth2/authorize").toString();
      String api = gateway.url("/").toString();

      int derived = lab("run", "--quiet", "--token-url", token, "--api-url", api, "--out",
          dir.resolve("derived").toString(), file.toString());
      int given = lab("run", "--quiet", "--token-url", token, "--authorization-url", authorization, "--api-url", api,
          "--out", report.toString(), file.toString());

      assertThat(derived).as("at " + gateway.url("/authorize") + " there is no login page").isEqualTo(1);
      assertThat(given).as(out.toString() + err).isZero();
      RunResults results = ReportWriter.read(report);
      assertThat(results.totals().signIns()).isEqualTo(1);
      assertThat(results.totals().calls()).isEqualTo(1);
      assertThat(results.target().authorizationUrl()).isEqualTo(authorization);
      assertThat(ReportWriter.read(dir.resolve("derived")).target().authorizationUrl())
          .isEqualTo(gateway.url("/authorize").toString());
      assertThat(Files.readString(report.resolve("junit.xml")))
          .contains("<property name=\"authorization_url\" value=\"" + authorization + "\"");
      assertThat(Files.readString(report.resolve("report.html")))
          .contains("<dt>Authorization URL</dt><dd>" + authorization + "</dd>");
    }
  }

  @Test void aServerWithItsTokenAndApiUrlsApartIsPlayedAndRecordedAsSuch() throws Exception {
    // The API on another host name than the token endpoint, below a base path; the mock answers only there.
    GatewayConfig config = configFor(4).newBuilder().strictResources(true).resource(ResourceRule.of("/api/v1/orders"))
        .build();
    Path report = dir.resolve("report");
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(config)).host("127.0.0.1").start()) {
      String token = gateway.url("/token").toString();
      String api = gateway.url("/api/v1").toString().replace("127.0.0.1", "localhost");

      int status = lab("run", "--quiet", "--token-url", token, "--api-url", api, "--out", report.toString(),
          scenario("split.toml", FLEET).toString());

      assertThat(status).as(out.toString() + err).isZero();
      RunResults results = ReportWriter.read(report);
      assertThat(results.target()).isEqualTo(new RunResults.TargetFacts("endpoints", token,
          gateway.url("/authorize").toString(), gateway.url("/revoke").toString(), api + "/"));
      assertThat(results.totals().calls()).as("the tablets' calls, carrying the token to the API's host").isEqualTo(4);
      assertThat(results.totals().failedCalls()).isZero();
      assertThat(results.totals().recoveries()).as("the phones' sign-outs revoked the shared token").isEqualTo(4);
      assertThat(results.devices()).filteredOn(device -> device.group().equals("phone")).allSatisfy(phone ->
          assertThat(phone.timeline()).filteredOn(event -> event.kind().equals("signed out"))
              .extracting(RunResults.DeviceEvent::detail).containsExactly("token revoked"));
      assertThat(out.toString()).contains("against token URL " + token + ", API URL " + api + "/");
      assertThat(Files.readString(report.resolve("junit.xml")))
          .contains("<property name=\"token_url\" value=\"" + token + "\"")
          .contains("<property name=\"revoke_url\" value=\"" + gateway.url("/revoke") + "\"")
          .contains("<property name=\"api_url\" value=\"" + api + "/\"");
      assertThat(Files.readString(report.resolve("report.html"))).contains("<dt>Token URL</dt><dd>" + token + "</dd>");
    }
  }

  @Test void theRevokeUrlGivenIsWhereSignOutsRevoke() throws Exception {
    GatewayConfig config = configFor(4).newBuilder().strictResources(true).resource(ResourceRule.of("/orders"))
        .build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(config)).host("127.0.0.1").start()) {
      int status = lab("run", "--quiet", "--token-url", gateway.url("/oauth2/token").toString(), "--revoke-url",
          gateway.url("/nowhere/revoke").toString(), "--api-url", gateway.url("/").toString(),
          "--out", dir.resolve("report").toString(), scenario("revoke.toml", FLEET).toString());

      assertThat(status).as(out.toString() + err).isZero();
    }
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.target().revokeUrl()).endsWith("/nowhere/revoke");
    assertThat(results.devices()).filteredOn(device -> device.group().equals("phone")).allSatisfy(phone ->
        assertThat(phone.timeline()).filteredOn(event -> event.kind().equals("signed out"))
            .extracting(RunResults.DeviceEvent::detail).singleElement().asString()
            .startsWith("revocation failed: "));
  }

  @Test void aBrowserGroupWhoseAuthorizationEndpointIsNotThereExitsTwoBeforeAnyDeviceStarts() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    try (MockWebServer keycloakLike = new MockWebServer()) {
      keycloakLike.setDispatcher(new Dispatcher() {
        @Override public MockResponse dispatch(RecordedRequest request) {
          requests.add(request.getMethod() + " " + request.getPath());
          return new MockResponse().setResponseCode(404);
        }
      });
      String token = keycloakLike.url("/realms/lab/protocol/openid-connect/token").toString();
      String api = keycloakLike.url("/realms/lab/protocol/openid-connect").toString();
      Path file = scenario("browser.toml", BROWSER);

      int derived = lab("run", "--quiet", "--token-url", token, "--api-url", api, "--out", dir.resolve("report").toString(),
          file.toString());
      int given = lab("check", "--token-url", token, "--authorization-url", keycloakLike.url("/auth").toString(),
          "--api-url", api, file.toString());

      assertThat(derived).isEqualTo(2);
      assertThat(given).isEqualTo(2);
      assertThat(err.toString().lines()).containsExactly(
          "lab: nothing is at the authorization endpoint "
              + keycloakLike.url("/realms/lab/protocol/openid-connect/authorize") + " (HTTP 404), where group desktop"
              + " signs in in the browser, derived from the token URL as the SDK derives it: give the server's with"
              + " --authorization-url (Keycloak's is .../protocol/openid-connect/auth)",
          "lab check: nothing is at the authorization endpoint " + keycloakLike.url("/auth") + " (HTTP 404), where"
              + " group desktop signs in in the browser: check --authorization-url");
    }
    assertThat(requests).as("no device signed in").allMatch(request -> request.startsWith("GET "));
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void anUnreachableTokenEndpointExitsTwoBeforeAnyDeviceStarts() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String token = closed.url("/realms/lab/protocol/openid-connect/token").toString();
    closed.close();

    int status = lab("run", "--quiet", "--token-url", token, "--api-url", token.replace("/token", "/"),
        "--out", dir.resolve("report").toString(), scenario("s.toml", FLEET).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("lab: cannot reach the token endpoint at " + token + ": ");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void aFileWithSeveralMistakesExitsTwoWithEachOnALineOfItsOwn() throws Exception {
    Path file = scenario("bad.toml", FLEET.replace("count = 4", "count = 0").replace("do = \"call\"", "do = \"cal\"")
        .replace("metric = \"failed_calls\"", "metric = \"failed_call\""));

    int status = lab("run", "--quiet", "--out", dir.resolve("report").toString(), file.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly(
        "lab: " + file + ":6: users.count: must be 1 to 1000000, was 0",
        "lab: " + file + ":19: events[1].do: unknown event \"cal\" (known: sign_in, sign_out, call, burst, offline,"
            + " change_password, revoke_user, advance_clock, token_fault, api_fault, show_tokens, note)",
        "lab: " + file + ":22: expect[0].metric: unknown metric \"failed_call\" (known: failed_calls, prompts,"
            + " prompted_devices, unauthorized_calls, token_requests_per_recovery, recoveries, calls, token_requests,"
            + " sign_in_failures, rejected_token_requests, unanswered_token_requests, token_requests_per_device,"
            + " peak_token_rate, devices_hit, recovery_seconds, devices_not_back)");
  }

  @Test void twoShardsAgainstOneGatewayMergeIntoTheWholeFleet() throws Exception {
    Path file = scenario("shared.toml", FLEET);
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(configFor(4))).host("127.0.0.1").start()) {
      String url = gateway.url("/").toString();
      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() ->
          quietLab("run", "--quiet", "--gateway", url, "--shard", "0/2", "--out", dir.resolve("s0").toString(), file.toString()));
      CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() ->
          quietLab("run", "--quiet", "--gateway", url, "--shard", "1/2", "--out", dir.resolve("s1").toString(), file.toString()));
      assertThat(first.get()).isZero();
      assertThat(second.get()).isZero();
    }
    RunResults shard0 = ReportWriter.read(dir.resolve("s0/results.json"));
    RunResults shard1 = ReportWriter.read(dir.resolve("s1/results.json"));
    assertThat(shard0.devices()).extracting(RunResults.DeviceResult::user).containsOnly("user-1", "user-3");
    assertThat(shard1.devices()).extracting(RunResults.DeviceResult::user).containsOnly("user-2", "user-4");

    int status = lab("merge", "--out", dir.resolve("merged").toString(), dir.resolve("s0").toString(),
        dir.resolve("s1").toString());

    assertThat(status).as(err.toString()).isZero();
    RunResults merged = ReportWriter.read(dir.resolve("merged/results.json"));
    assertThat(merged.shards()).isEqualTo("0/2,1/2");
    assertThat(merged.devices()).hasSize(8);
    assertThat(merged.totals().calls()).isEqualTo(shard0.totals().calls() + shard1.totals().calls());
    assertThat(merged.totals().recoveries()).isEqualTo(4);
    assertThat(merged.passed()).isTrue();
  }

  @Test void aFleetWhoseSignInsAllFailDoesNotPassOnExpectationsMetByDoingNothing() throws Exception {
    Path file = scenario("absent.toml", FLEET);
    Path report = dir.resolve("report");
    GatewayConfig withoutTheUsers = GatewayConfig.builder().application(Application.builder(
        ApplicationSpec.OPAQUE.consumerKey(), ApplicationSpec.OPAQUE.consumerSecret()).build()).build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(withoutTheUsers)).host("127.0.0.1")
        .start()) {
      int status = lab("run", "--quiet", "--gateway", gateway.url("/").toString(), "--out", report.toString(),
          file.toString());

      assertThat(status).as("failed_calls <= 0 holds, by nobody calling").isEqualTo(1);
    }
    String reason = "user-1/phone: sign-in failed: invalid_credentials (invalid_grant): Wrong username or password";
    assertThat(out.toString())
        .contains("8 sign-ins failed")
        .contains("NOT EXERCISED group phone: 4 of 4 devices never signed in; " + reason)
        .contains("NOT EXERCISED group tablet: 4 of 4 devices never signed in; user-1/tablet: sign-in failed")
        .contains("All 1 expectations met, but the run FAILED: 8 devices never signed in (NOT EXERCISED above).");
    RunResults results = ReportWriter.read(report);
    assertThat(results.passed()).isFalse();
    assertThat(results.shortfalls()).extracting(RunResults.Shortfall::kind, RunResults.Shortfall::group,
        RunResults.Shortfall::devices).containsExactly(tuple("never_signed_in", "phone", 4L),
        tuple("never_signed_in", "tablet", 4L));
    assertThat(Files.readString(report.resolve("junit.xml")))
        .contains("tests=\"3\" failures=\"2\"")
        .contains("<testcase name=\"group phone: devices sign in\"")
        .contains("type=\"NotExercised\"")
        .contains("group phone: 4 of 4 devices never signed in; " + reason);
    assertThat(Files.readString(report.resolve("report.html")))
        .contains("<span class=\"verdict fail\">FAIL</span>")
        .contains("Not exercised.")
        .contains("group phone: 4 of 4 devices never signed in; " + reason.replace("'", "&#39;"));
    assertThat(Files.readString(report.resolve("results.json"))).contains("\"kind\": \"never_signed_in\"");
  }

  @Test void signInFailuresTheScenarioExpectsPassWithTheirCountAndReasons() throws Exception {
    Path file = scenario("wrong.toml", FLEET.replace("count = 4", "count = 2\npassword = \"wrong\"")
        + "[[expect]]\nmetric = \"sign_in_failures\"\nequals = 4\n");
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(configFor(2))).host("127.0.0.1").start()) {
      int status = lab("run", "--quiet", "--gateway", gateway.url("/").toString(), "--out",
          dir.resolve("report").toString(), file.toString());

      assertThat(status).as(out.toString()).isZero();
    }
    assertThat(out.toString()).contains("4 sign-ins failed").doesNotContain("NOT EXERCISED")
        .contains("All 2 expectations met.");
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.totals().signInFailures()).isEqualTo(4);
    assertThat(results.shortfalls()).isEmpty();
    assertThat(results.devices()).allSatisfy(device -> assertThat(device.timeline())
        .anySatisfy(event -> assertThat(event.detail()).contains("invalid_grant")));
  }

  @Test void aMockThatWantsItsAdminTokenExitsTwoSayingHowToPassItBeforeAnyDeviceStarts() throws Exception {
    Path file = scenario("password.toml", PASSWORD_CHANGE);
    MockGateway guarded = MockGateway.builder(configFor(2)).adminToken("lab-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      String url = gateway.url("/").toString();

      int without = lab("run", "--quiet", "--gateway", url, "--out", dir.resolve("report").toString(), file.toString());
      int wrong = lab("run", "--quiet", "--gateway", url, "--admin-token", "not-the-admin-token",
          "--out", dir.resolve("report").toString(), file.toString());

      assertThat(without).isEqualTo(2);
      assertThat(wrong).isEqualTo(2);
      assertThat(guarded.activeTokens()).as("no device signed in").isEmpty();
    }
    assertThat(err.toString())
        .contains("requires an admin token for its /admin controls (401), and these events need them: "
            + "change_password (line 8). Pass the gateway's admin token with --admin-token, or set "
            + "MOCK_GATEWAY_ADMIN_TOKEN.")
        .contains("refused the admin token given")
        .doesNotContain("not-the-admin-token");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void theAdminTokenFlagReachesTheMocksAdminControls() throws Exception {
    Path file = scenario("password.toml", PASSWORD_CHANGE);
    MockGateway guarded = MockGateway.builder(configFor(2)).adminToken("lab-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      int status = lab("run", "--quiet", "--gateway", gateway.url("/").toString(), "--admin-token", "lab-admin-token",
          "--out", dir.resolve("report").toString(), file.toString());

      assertThat(status).as(out + "\n" + err).isZero();
    }
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.totals().prompts()).as("user-2's replayed password was refused").isEqualTo(1);
    assertThat(Files.readString(dir.resolve("report/results.json"))).doesNotContain("lab-admin-token");
  }

  @Test void anAdminTokenWithoutAGatewayExitsTwo() throws Exception {
    int status = lab("run", "--admin-token", "lab-admin-token", scenario("s.toml", FLEET).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--admin-token needs --gateway").doesNotContain("lab-admin-token");
  }

  /** The users and applications a lab scenario expects on a gateway it does not start itself. */
  static GatewayConfig configFor(int users) {
    GatewayConfig.Builder config = GatewayConfig.builder();
    for (int n = 1; n <= users; n++) config.user(User.of("user-" + n, "user-" + n + "-pw"));
    for (ApplicationSpec application : new ApplicationSpec[] {ApplicationSpec.JWT, ApplicationSpec.OPAQUE}) {
      config.application(Application.builder(application.consumerKey(), application.consumerSecret())
          .tokenType(application.tokenType()).build());
    }
    return config.build();
  }

  private Path scenario(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private int lab(String... args) {
    return LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }

  private static int quietLab(String... args) {
    CommandLine commandLine = LabMain.commandLine();
    StringWriter sink = new StringWriter();
    return commandLine.setOut(new PrintWriter(sink)).setErr(new PrintWriter(sink)).execute(args);
  }
}

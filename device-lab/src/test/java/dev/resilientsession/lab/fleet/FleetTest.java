package dev.resilientsession.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Whole runs on the embedded gateway: short scenarios, counts asserted, never timings. */
class FleetTest {
  private static final String REALM = "/realms/lab/protocol/openid-connect/";
  private static final String SHARED_TOKENS = String.join("\n",
      "[scenario]",
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
      "");

  /** Alice's desktop and tablet sign in in the browser; the application is given by the test. */
  private static final String BROWSER_DEVICES = String.join("\n",
      "[scenario]",
      "duration = \"30s\"",
      "[users]",
      "list = [{ name = \"alice\", password = \"alice-pw\" }]",
      "[applications.app]",
      "consumer_key = \"browser-app\"",
      "public_client = true",
      "token_type = \"JWT\"",
      "[[groups]]",
      "name = \"desktop\"",
      "application = \"app\"",
      "sign_in_flow = \"browser\"",
      "[[groups]]",
      "name = \"tablet\"",
      "application = \"app\"",
      "sign_in_flow = \"browser\"",
      "");

  @Test void tabletsSharingThePhonesTokenRecoverSilentlyWithOneTokenRequestEach() throws Exception {
    RunResults results = play(SHARED_TOKENS + String.join("\n",
        "[[events]]", "do = \"call\"",
        "[[events]]", "do = \"sign_out\"", "group = \"phone\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\"",
        "[[expect]]", "metric = \"failed_calls\"", "max = 0",
        "[[expect]]", "metric = \"token_requests_per_recovery\"", "max = 1.0"));

    GroupResult tablets = group(results, "tablet");
    assertThat(tablets.devices()).isEqualTo(4);
    assertThat(tablets.counts().calls()).isEqualTo(8);
    assertThat(tablets.counts().unauthorized()).as("the second call of each met the revoked token").isEqualTo(4);
    assertThat(tablets.counts().recoveries()).isEqualTo(4);
    assertThat(tablets.counts().passwordReplays()).isEqualTo(4);
    assertThat(tablets.counts().tokenRequests()).as("sign-in and one replay each").isEqualTo(8);
    assertThat(tablets.counts().prompts()).isZero();
    assertThat(group(results, "phone").counts().signOuts()).isEqualTo(4);
    assertThat(results.passed()).isTrue();
    assertThat(results.events()).extracting(RunResults.EventMark::kind).containsExactly("call", "sign_out", "call");
  }

  @Test void aChangedPasswordPromptsOnlyTheDevicesOfItsUser() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("device_scope = false", "device_scope = true") + String.join("\n",
        "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
        "[[events]]", "do = \"call\"",
        "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 2",
        "[[expect]]", "metric = \"prompts\"", "users = \"password_unchanged\"", "max = 0"));

    assertThat(results.passed()).isTrue();
    assertThat(results.devices()).filteredOn(DeviceResult::passwordChanged)
        .extracting(DeviceResult::id).containsExactlyInAnyOrder("user-2/phone", "user-2/tablet");
    DeviceResult prompted = results.devices().stream().filter(device -> device.id().equals("user-2/tablet"))
        .findFirst().orElseThrow();
    assertThat(prompted.timeline()).as("a prompted device keeps its timeline")
        .anySatisfy(event -> assertThat(event.kind()).isEqualTo("prompt"));
  }

  @Test void aBurstMeetingARevokedTokenCostsOneTokenRequest() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("count = 4", "count = 1") + String.join("\n",
        "[[events]]", "do = \"sign_out\"", "group = \"phone\"",
        "[[events]]", "do = \"burst\"", "group = \"tablet\"", "count = 20"));

    DeviceResult tablet = device(results, "user-1/tablet");
    assertThat(tablet.counts().calls()).isEqualTo(20);
    assertThat(tablet.counts().failedCalls()).isZero();
    assertThat(tablet.counts().recoveries()).as("the 20 calls in flight shared one recovery").isEqualTo(1);
    assertThat(tablet.counts().tokenRequests()).as("sign-in and one replay").isEqualTo(2);
  }

  @Test void anApiFaultFailsTheCallsItStrikesAndNoMore() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("count = 4", "count = 1") + String.join("\n",
        "[[events]]", "do = \"api_fault\"", "fault = \"throttled\"", "count = 2",
        "[[events]]", "do = \"call\"", "group = \"tablet\"", "count = 3"));

    DeviceResult tablet = device(results, "user-1/tablet");
    assertThat(tablet.counts().calls()).isEqualTo(3);
    assertThat(tablet.counts().failedCalls()).as("two 429s, then the API answers").isEqualTo(2);
    assertThat(tablet.counts().prompts()).isZero();
    assertThat(tablet.timeline()).filteredOn(event -> event.kind().equals("failed"))
        .extracting(RunResults.DeviceEvent::detail).containsOnly("HTTP 429");
  }

  @Test void anEventNamingOneDeviceLeavesTheUsersOtherDevicesAlone() throws Exception {
    RunResults results = play(String.join("\n", "[scenario]", "duration = \"2s\"", "[users]", "count = 1",
        "[[groups]]", "name = \"phone\"", "devices = 2",
        "[[events]]", "do = \"sign_out\"", "group = \"phone\"", "device = 2",
        "[[events]]", "do = \"call\"", ""));

    assertThat(device(results, "user-1/phone-1").counts().signOuts()).isZero();
    assertThat(device(results, "user-1/phone-1").counts().calls()).isEqualTo(1);
    assertThat(device(results, "user-1/phone-2").counts().signOuts()).isEqualTo(1);
    assertThat(device(results, "user-1/phone-2").counts().calls()).as("signed out: the app shows its sign-in screen")
        .isZero();
  }

  @Test void anExpectationNotMetIsReportedWithItsActualValue() throws Exception {
    RunResults results = play(SHARED_TOKENS + String.join("\n",
        "[[events]]", "do = \"call\"", "count = 3",
        "[[expect]]", "metric = \"calls\"", "max = 5"));

    assertThat(results.passed()).isFalse();
    assertThat(results.expectations()).singleElement().satisfies(expectation -> {
      assertThat(expectation.met()).isFalse();
      assertThat(expectation.actual()).isEqualTo(24);
      assertThat(expectation.description()).isEqualTo("calls <= 5");
    });
  }

  @Test void theTokenEndpointsRejectionsAreCountedOnTheDevicesAndPerSecond() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("count = 4", "count = 1") + String.join("\n",
        "[[events]]", "do = \"token_fault\"", "fault = \"unavailable\"", "count = 1",
        "[[events]]", "do = \"revoke_user\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\"",
        "[[expect]]", "metric = \"rejected_token_requests\"", "equals = 1",
        "[[expect]]", "metric = \"unanswered_token_requests\"", "equals = 0"));

    assertThat(results.passed()).isTrue();
    assertThat(results.totals().rejectedTokenRequests()).isEqualTo(1);
    assertThat(results.seconds()).extracting(RunResults.SecondCounts::rejectedTokenRequests)
        .as("the one 503, in the second it came").containsOnlyOnce(1L).doesNotContain(2L);
    assertThat(device(results, "user-1/tablet").timeline()).filteredOn(event -> event.kind().equals("token rejected"))
        .extracting(RunResults.DeviceEvent::detail).containsExactly("HTTP 503, Retry-After 1");
  }

  @Test void aFaultWithRetryAfterNoneReachesTheDevicesWithoutOne() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("count = 4", "count = 1") + String.join("\n",
        "[[events]]", "do = \"token_fault\"", "fault = \"unavailable\"", "retry_after = \"none\"", "count = 1",
        "[[events]]", "do = \"revoke_user\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\""));

    assertThat(device(results, "user-1/tablet").timeline()).filteredOn(event -> event.kind().equals("token rejected"))
        .extracting(RunResults.DeviceEvent::detail).containsExactly("HTTP 503, no Retry-After");
  }

  @Test void aNamedEventReportsTheDevicesItHitAndWhenEachWasBack() throws Exception {
    RunResults results = play(SHARED_TOKENS.replace("device_scope = false", "device_scope = true")
        + String.join("\n",
        "[[events]]", "name = \"revocation\"", "do = \"revoke_user\"", "users = [\"user-1\", \"user-2\"]",
        "[[events]]", "do = \"call\"",
        "[[expect]]", "metric = \"devices_hit\"", "event = \"revocation\"", "equals = 4",
        "[[expect]]", "metric = \"devices_not_back\"", "event = \"revocation\"", "max = 0",
        "[[expect]]", "metric = \"recovery_seconds\"", "event = \"revocation\"", "statistic = \"max\"",
        "max = 60"));

    assertThat(results.passed()).isTrue();
    assertThat(results.eventRecoveries()).singleElement().satisfies(recovery -> {
      assertThat(recovery.event()).isEqualTo("revocation");
      assertThat(recovery.devicesHit()).as("user-1's and user-2's phone and tablet").isEqualTo(4);
      assertThat(recovery.devicesBack()).isEqualTo(4);
      assertThat(recovery.allSeconds()).isNotNull();
    });
    DeviceResult hit = device(results, "user-2/tablet");
    assertThat(hit.hits()).singleElement().satisfies(aftermath -> {
      assertThat(aftermath.event()).isEqualTo("revocation");
      assertThat(aftermath.backAtSeconds()).as("the call that met the 401 recovered").isNotNull()
          .isGreaterThanOrEqualTo(aftermath.hitAtSeconds());
    });
    assertThat(device(results, "user-3/phone").hits()).isEmpty();
    assertThat(results.events()).extracting(RunResults.EventMark::name).containsExactly("revocation", null);
  }

  @Test void anOfflineDeviceFailsItsCallsOnTheDeviceNotAtTheGateway() throws Exception {
    RunResults results = play(SHARED_TOKENS + String.join("\n",
        "[[events]]", "do = \"offline\"", "group = \"tablet\"", "users = 1", "for = \"1s\"",
        "[[events]]", "do = \"call\"", "users = 1"));

    DeviceResult tablet = device(results, "user-1/tablet");
    assertThat(tablet.counts().offlineCalls()).isEqualTo(1);
    assertThat(tablet.counts().failedCalls()).as("offline calls are not failures of the session").isZero();
    assertThat(device(results, "user-1/phone").counts().offlineCalls()).isZero();
  }

  @Test void stopEndsTheTimelineAndAnswersWhatHappenedSoFar() throws Exception {
    AtomicReference<Fleet> fleet = new AtomicReference<>();
    RunObserver stopAtFirstCall = new RunObserver() {
      @Override public void onDeviceEvent(String deviceId, String kind, String detail) {
        if (kind.equals("call")) fleet.get().stop();
      }
    };
    fleet.set(Fleet.builder(ScenarioParser.parse("stop.toml", SHARED_TOKENS.replace("\"2s\"", "\"10m\"")
        + "[[events]]\ndo = \"call\"\n[[events]]\nat = \"9m\"\ndo = \"sign_out\"\n")).observer(stopAtFirstCall).build());

    RunResults results = fleet.get().play();

    assertThat(results.stoppedEarly()).isTrue();
    assertThat(results.elapsedSeconds()).isLessThan(60);
    assertThat(results.totals().calls()).isPositive();
    assertThat(results.events()).extracting(RunResults.EventMark::kind).doesNotContain("sign_out");
  }

  @Test void adminEventsAreRefusedBeforeAnythingStartsWhenTheGatewayHasNoAdminControls() throws Exception {
    try (MockWebServer realServer = new MockWebServer()) {
      for (int i = 0; i < 5; i++) realServer.enqueue(new MockResponse().setResponseCode(404));
      String scenario = SHARED_TOKENS + "[[events]]\nat = \"1s\"\ndo = \"advance_clock\"\nby = \"1h\"\n";
      Fleet fleet = Fleet.builder(ScenarioParser.parse("clock.toml", scenario))
          .target(Target.remote(realServer.url("/"), null)).build();

      assertThatThrownBy(fleet::play).isInstanceOf(ScenarioException.class)
          .hasMessageContaining("no mock /admin controls").hasMessageContaining("advance_clock (line 13)");
      List<String> asked = new CopyOnWriteArrayList<>();
      while (realServer.getRequestCount() > asked.size()) asked.add(realServer.takeRequest().getPath());
      assertThat(asked).as("no device signed in").doesNotContain("POST /oauth2/token").allMatch(path ->
          path.equals("/oauth2/token") || path.equals("/admin"));
    }
  }

  @Test void adminEventsAgainstAMockThatWantsItsAdminTokenAreRefusedBeforeAnythingStarts() throws Exception {
    MockGateway guarded = MockGateway.builder(sharedTokensConfig()).adminToken("fleet-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      String scenario = SHARED_TOKENS + "[[events]]\nat = \"1s\"\ndo = \"advance_clock\"\nby = \"1h\"\n";
      Target noToken = Target.remote(gateway.url("/"), null);
      Fleet withoutToken = Fleet.builder(ScenarioParser.parse("clock.toml", scenario)).target(noToken).build();
      Fleet wrongToken = Fleet.builder(ScenarioParser.parse("clock.toml", scenario))
          .target(noToken.withAdminToken("not-the-admin-token")).build();

      assertThatThrownBy(withoutToken::play).isInstanceOf(AdminTokenException.class)
          .hasMessageContaining("requires an admin token for its /admin controls (401)")
          .hasMessageContaining("advance_clock (line 13)");
      assertThatThrownBy(wrongToken::play).isInstanceOf(AdminTokenException.class)
          .hasMessageContaining("refused the admin token given")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-admin-token"));
      assertThat(guarded.activeTokens()).as("no device signed in").isEmpty();
    }
  }

  @Test void theTargetsAdminTokenGoesWithEveryAdminRequest() throws Exception {
    MockGateway guarded = MockGateway.builder(sharedTokensConfig()).adminToken("fleet-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      String scenario = SHARED_TOKENS.replace("count = 4", "count = 2") + String.join("\n",
          "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
          "[[events]]", "do = \"show_tokens\"",
          "[[events]]", "do = \"call\"",
          "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 2", "");
      List<String> notes = new CopyOnWriteArrayList<>();

      RunResults results = Fleet.builder(ScenarioParser.parse("password.toml", scenario))
          .target(Target.remote(gateway.url("/"), null).withAdminToken("fleet-admin-token"))
          .observer(new RunObserver() {
            @Override public void onNote(String who, String text) {
              notes.add(who + ": " + text);
            }
          }).build().play();

      assertThat(results.passed()).as("user-2's password changed: %s", results.expectations()).isTrue();
      assertThat(notes).as("the token list came back").anyMatch(note -> note.startsWith("gateway: 1 active token: ")
          && note.contains(" user-1 ")).noneMatch(note -> note.contains(" failed: "));
    }
  }

  @Test void aServerWithKeycloaksPathsIsSignedInAtItsTokenUrlCalledBelowItsApiUrlAndRevokedWhereRecorded()
      throws Exception {
    List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override public MockResponse dispatch(RecordedRequest request) {
          seen.add(request);
          String path = request.getPath();
          if (path.equals(REALM + "token") && request.getMethod().equals("POST")) {
            return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"access_token\":\"a1\","
                + "\"refresh_token\":\"r1\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"openid email\"}");
          }
          if (path.equals(REALM + "revoke")) return new MockResponse();
          if (path.equals(REALM + "userinfo")) {
            return new MockResponse().setResponseCode("Bearer a1".equals(request.getHeader("Authorization")) ? 200 : 401);
          }
          return new MockResponse().setResponseCode(404);
        }
      });
      String scenario = String.join("\n", "[scenario]", "duration = \"2s\"",
          "[users]", "list = [{ name = \"alice\", password = \"alice-pw\" }]",
          "[applications.kc]", "consumer_key = \"lab\"", "consumer_secret = \"lab-secret\"", "scopes = [\"openid\"]",
          "device_scope = false",
          "[[groups]]", "name = \"desktop\"", "application = \"kc\"", "call = \"/userinfo\"",
          "[[events]]", "do = \"call\"", "[[events]]", "do = \"sign_out\"", "");
      Target target = Target.endpoints(server.url(REALM + "token"), server.url(REALM), null);

      RunResults results = Fleet.builder(ScenarioParser.parse("kc.toml", scenario)).target(target).build().play();

      assertThat(results.totals().calls()).isEqualTo(1);
      assertThat(results.totals().failedCalls()).isZero();
      assertThat(results.target().revokeUrl()).isEqualTo(server.url(REALM + "revoke").toString());
      List<String> posted = seen.stream().filter(request -> request.getMethod().equals("POST"))
          .map(RecordedRequest::getPath).toList();
      assertThat(posted).containsExactly(REALM + "token", REALM + "revoke");
      String signIn = seen.stream().filter(request -> request.getPath().equals(REALM + "token")
          && request.getMethod().equals("POST")).findFirst().orElseThrow().getBody().readUtf8();
      assertThat(signIn).contains("scope=openid").doesNotContain("device_");
    }
  }

  @Test void adminEventsAreRefusedForAServerWhoseAdminIsAConsoleNotTheMocksControls() throws Exception {
    try (MockWebServer keycloakLike = new MockWebServer()) {
      keycloakLike.setDispatcher(new Dispatcher() {
        @Override public MockResponse dispatch(RecordedRequest request) {
          if (request.getPath().equals("/admin")) {
            return new MockResponse().setResponseCode(302).setHeader("Location", "/admin/master/console/");
          }
          if (request.getPath().startsWith("/admin/")) {
            return new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>console</html>");
          }
          return new MockResponse().setResponseCode(405);
        }
      });
      Target target = Target.endpoints(keycloakLike.url(REALM + "token"), keycloakLike.url("/api/"), null);
      String scenario = SHARED_TOKENS + "[[events]]\nat = \"1s\"\ndo = \"revoke_user\"\n";
      Fleet fleet = Fleet.builder(ScenarioParser.parse("revoke.toml", scenario)).target(target).build();

      assertThatThrownBy(fleet::play).isInstanceOf(ScenarioException.class)
          .hasMessage("revoke.toml: the server at " + keycloakLike.url("/") + " (the token URL's origin) has no mock"
              + " /admin controls (a real server has none), and these events need them: revoke_user (line 13). Play"
              + " them against the mock gateway, or remove them.");
      List<String> asked = new CopyOnWriteArrayList<>();
      while (keycloakLike.getRequestCount() > asked.size()) {
        RecordedRequest request = keycloakLike.takeRequest();
        asked.add(request.getMethod() + " " + request.getPath());
      }
      assertThat(asked).as("no device signed in").noneMatch(request -> request.startsWith("POST"));
    }
  }

  @Test void aMockGivenByItsTokenAndApiUrlsStillPlaysAdminEventsOnTheTokenUrlsOrigin() throws Exception {
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(sharedTokensConfig()))
        .host("127.0.0.1").start()) {
      String scenario = SHARED_TOKENS.replace("device_scope = false", "device_scope = true") + String.join("\n",
          "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
          "[[events]]", "do = \"call\"",
          "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 2",
          "[[expect]]", "metric = \"failed_calls\"", "users = \"password_unchanged\"", "max = 0", "");
      Target target = Target.endpoints(gateway.url("/oauth2/token"),
          HttpUrl.get(gateway.url("/").toString().replace("127.0.0.1", "localhost")), null);

      RunResults results = Fleet.builder(ScenarioParser.parse("split.toml", scenario)).target(target).build().play();

      assertThat(results.passed()).as("%s %s", results.expectations(), results.shortfalls()).isTrue();
      assertThat(results.target().kind()).isEqualTo("endpoints");
    }
  }

  @Test void aGroupWhoseDevicesWereSignedOutWhenTheirCallsWereDueFailsTheRun() throws Exception {
    RunResults results = play(SHARED_TOKENS + String.join("\n",
        "[[events]]", "do = \"sign_out\"", "group = \"phone\"",
        "[[events]]", "do = \"call\"",
        "[[expect]]", "metric = \"failed_calls\"", "max = 0"));

    assertThat(results.expectations()).allMatch(RunResults.ExpectationResult::met);
    assertThat(results.passed()).isFalse();
    assertThat(results.shortfalls()).singleElement().satisfies(shortfall -> assertThat(shortfall.describe())
        .isEqualTo("group phone: made none of the 4 calls it was meant to; user-1/phone: not signed in when its calls"
            + " were due"));
  }

  @Test void devicesThatNeverSignedInFailTheRunUnlessASignInFailuresExpectationCoversTheirGroup() throws Exception {
    GatewayConfig twoOfFourUsers = GatewayConfig.builder().user(User.of("user-1", "user-1-pw"))
        .user(User.of("user-2", "user-2-pw")).application(Application.builder(ApplicationSpec.OPAQUE.consumerKey(),
            ApplicationSpec.OPAQUE.consumerSecret()).tokenType(ApplicationSpec.OPAQUE.tokenType()).build()).build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(twoOfFourUsers)).host("127.0.0.1")
        .start()) {
      String scenario = SHARED_TOKENS + String.join("\n",
          "[[events]]", "do = \"call\"",
          "[[expect]]", "metric = \"sign_in_failures\"", "group = \"phone\"", "equals = 2", "");

      RunResults results = Fleet.builder(ScenarioParser.parse("half.toml", scenario))
          .target(Target.remote(gateway.url("/"), null)).build().play();

      assertThat(results.expectations()).singleElement().satisfies(expectation -> assertThat(expectation.met())
          .isTrue());
      assertThat(results.shortfalls()).singleElement().satisfies(shortfall -> assertThat(shortfall.describe())
          .isEqualTo("group tablet: 2 of 4 devices never signed in; user-3/tablet: sign-in failed: invalid_credentials"
              + " (invalid_grant): Wrong username or password"));
      assertThat(results.passed()).isFalse();
    }
  }

  @Test void aGatewayThatCannotBeReachedIsSaidSoBeforeAnythingStarts() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    HttpUrl url = closed.url("/");
    closed.close();
    Fleet fleet = Fleet.builder(ScenarioParser.parse("x.toml", SHARED_TOKENS)).target(Target.remote(url, null)).build();

    assertThatThrownBy(fleet::play).isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot reach the gateway");
  }

  @Test void browserDevicesSignInAtTheLoginPageAndLiveOnTheirRefreshTokens() throws Exception {
    RunResults results = play(BROWSER_DEVICES + String.join("\n",
        "[[events]]", "do = \"call\"",
        "[[events]]", "do = \"advance_clock\"", "by = \"1h\"",
        "[[events]]", "do = \"call\"", "count = 2"));

    for (String id : new String[] {"alice/desktop", "alice/tablet"}) {
      DeviceResult device = device(results, id);
      assertThat(device.counts().signIns()).as(id).isEqualTo(1);
      assertThat(device.counts().calls()).as(id).isEqualTo(3);
      assertThat(device.counts().failedCalls()).as(id).isZero();
      assertThat(device.counts().recoveries()).as(id + ": the hour cost one refresh").isEqualTo(1);
      assertThat(device.counts().passwordReplays()).as(id).isZero();
      assertThat(device.counts().tokenRequests()).as(id + ": the code exchange and the refresh").isEqualTo(2);
      assertThat(device.counts().prompts()).as(id).isZero();
      assertThat(device.timeline()).extracting(RunResults.DeviceEvent::kind)
          .containsSubsequence("browser", "token request", "signed in");
      assertThat(device.timeline()).filteredOn(event -> event.kind().equals("signed in"))
          .extracting(RunResults.DeviceEvent::detail).containsExactly("scopes device_" + id.substring(6));
    }
  }

  @Test void aRevokedBrowserSessionIsLostWithoutAPasswordAndASignInEventSignsInInTheBrowserAgain() throws Exception {
    RunResults results = play(BROWSER_DEVICES + String.join("\n",
        "[[events]]", "do = \"revoke_user\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\"",
        "[[events]]", "do = \"sign_in\"", "group = \"tablet\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\""));

    DeviceResult tablet = device(results, "alice/tablet");
    assertThat(tablet.counts().prompts()).isEqualTo(1);
    assertThat(tablet.counts().failedCalls()).as("the call that found out; the next is never made").isEqualTo(1);
    assertThat(tablet.counts().calls()).isEqualTo(2);
    assertThat(tablet.counts().signIns()).as("in the browser, twice").isEqualTo(2);
    assertThat(tablet.counts().tokenRequests()).as("two code exchanges and the refused refresh").isEqualTo(3);
    assertThat(tablet.timeline()).filteredOn(event -> event.kind().equals("prompt"))
        .extracting(RunResults.DeviceEvent::detail).containsExactly("sign-in required: browser_sign_in_required");
    assertThat(tablet.timeline()).filteredOn(event -> event.kind().equals("browser")).hasSize(2);
  }

  @Test void aDisplacedBrowserJwtRecoversWithTheSharedRefreshTokenWhichLeavesTheOtherDeviceNone() throws Exception {
    RunResults results = play(BROWSER_DEVICES.replace("sign_in_flow = \"browser\"",
        "sign_in_flow = \"browser\"\ndevice_scope = false\nsign_in = \"event\"") + String.join("\n",
        "[[events]]", "do = \"sign_in\"", "group = \"desktop\"",
        "[[events]]", "do = \"sign_in\"", "group = \"tablet\"",
        "[[events]]", "do = \"call\"", "group = \"desktop\"",
        "[[events]]", "do = \"call\"", "group = \"tablet\""));

    DeviceResult desktop = device(results, "alice/desktop");
    assertThat(desktop.counts().displacements()).as("the tablet's sign-in revoked its JWT").isEqualTo(1);
    assertThat(desktop.counts().recoveries()).isEqualTo(1);
    assertThat(desktop.counts().tokenRequests()).as("sign-in and one refresh").isEqualTo(2);
    assertThat(desktop.counts().prompts()).isZero();
    DeviceResult tablet = device(results, "alice/tablet");
    assertThat(tablet.counts().displacements()).as("the desktop's refresh displaced it in turn").isEqualTo(1);
    assertThat(tablet.counts().tokenRequests()).as("sign-in and the refused refresh: its copy was spent").isEqualTo(2);
    assertThat(tablet.counts().prompts()).isEqualTo(1);
    assertThat(tablet.timeline()).extracting(RunResults.DeviceEvent::detail)
        .contains("sign-in required: browser_sign_in_required");
  }

  @Test void aBrowserSignInTheLoginPageRefusesIsAPromptNotASignInFailure() throws Exception {
    GatewayConfig config = GatewayConfig.builder().user(User.of("alice", "the-real-password"))
        .application(Application.builder("browser-app", null).publicClient(true).pkceMandatory(true)
            .redirectUris(ApplicationSpec.LOOPBACK_REDIRECT_URI).build())
        .build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(config)).host("127.0.0.1").start()) {
      RunResults results = Fleet.builder(ScenarioParser.parse("refused.toml", BROWSER_DEVICES))
          .target(Target.remote(gateway.url("/"), null)).build().play();

      DeviceResult desktop = device(results, "alice/desktop");
      assertThat(desktop.counts().prompts()).isEqualTo(1);
      assertThat(desktop.counts().signInFailures()).isZero();
      assertThat(desktop.counts().tokenRequests()).as("no code, no exchange").isZero();
      assertThat(desktop.timeline()).extracting(RunResults.DeviceEvent::detail).containsExactly(
          "sign-in required: the browser sign-in was refused: the server refused the credentials: The username or"
              + " password is incorrect. Try again.");
    }
  }

  @Test void theBrowserSignInFleetOfTheRepositoryMeetsItsExpectations() throws Exception {
    RunResults results = Fleet.builder(ScenarioParser.load(Path.of("..", "scenarios", "browser-sign-in.toml")))
        .build().play();

    assertThat(results.expectations()).allSatisfy(expectation ->
        assertThat(expectation.met()).as(expectation.description() + ": " + expectation.actual()).isTrue());
    assertThat(results.totals().signIns()).as("300 at the start, then 20, 15 and 20 again").isEqualTo(355);
    assertThat(results.totals().passwordReplays()).isZero();
  }

  /** The users and applications of {@link #SHARED_TOKENS}, for a gateway the fleet does not start. */
  private static GatewayConfig sharedTokensConfig() {
    GatewayConfig.Builder config = GatewayConfig.builder();
    for (int n = 1; n <= 4; n++) config.user(User.of("user-" + n, "user-" + n + "-pw"));
    ApplicationSpec opaque = ApplicationSpec.OPAQUE;
    return config.application(Application.builder(opaque.consumerKey(), opaque.consumerSecret())
        .tokenType(opaque.tokenType()).build()).build();
  }

  private static RunResults play(String scenario) throws Exception {
    return Fleet.builder(ScenarioParser.parse("test.toml", scenario)).build().play();
  }

  private static GroupResult group(RunResults results, String name) {
    return results.groups().stream().filter(group -> group.name().equals(name)).findFirst().orElseThrow();
  }

  private static DeviceResult device(RunResults results, String id) {
    return results.devices().stream().filter(device -> device.id().equals(id)).findFirst().orElseThrow();
  }
}

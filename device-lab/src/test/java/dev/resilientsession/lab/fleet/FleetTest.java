package dev.resilientsession.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** Whole runs on the embedded gateway: short scenarios, counts asserted, never timings. */
class FleetTest {
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

  @Test void aGatewayThatCannotBeReachedIsSaidSoBeforeAnythingStarts() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    okhttp3.HttpUrl url = closed.url("/");
    closed.close();
    Fleet fleet = Fleet.builder(ScenarioParser.parse("x.toml", SHARED_TOKENS)).target(Target.remote(url, null)).build();

    assertThatThrownBy(fleet::play).isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot reach the gateway");
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

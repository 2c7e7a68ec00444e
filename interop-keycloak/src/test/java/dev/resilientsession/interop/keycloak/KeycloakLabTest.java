package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.resilientsession.lab.cli.LabMain;
import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.scenario.ScenarioParser;
import dev.resilientsession.lab.scenario.UserAccount;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * device-lab against a real Keycloak, through its command line as QA types it (in-process): {@code
 * lab check} and {@code lab run} of a scenario whose users this test first creates through
 * Keycloak's admin API, since the lab provisions nothing on a real server; aimed at the realm's
 * token and authorization endpoints, with userinfo as the API the groups call.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakLabTest {
  /** Four users with a phone (password) and a desktop (browser); the phones sign out at 5 s and back in at 8 s. */
  private static final String DEVICES = "/scenarios/keycloak-devices.toml";
  /** The realm's public client as a scenario names it, and a group of phones calling userinfo with it. */
  private static final String APPLICATION = String.join("\n",
      "[applications.keycloak]", "consumer_key = \"resilient-session\"", "public_client = true",
      "scopes = [\"openid\"]", "device_scope = false",
      "[[groups]]", "name = \"phone\"", "application = \"keycloak\"", "call = \"/userinfo\"");

  @TempDir Path dir;
  private final Keycloak keycloak;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  KeycloakLabTest(Keycloak keycloak) {
    this.keycloak = keycloak;
  }

  @BeforeAll static void createTheScenariosUsers(Keycloak keycloak) throws Exception {
    for (UserAccount user : ScenarioParser.load(devices()).users()) {
      keycloak.admin().createUser(user.name(), user.password());
    }
  }

  @Test void labCheckFindsTheScenariosUsersApplicationScopeAndPathWorkingAtKeycloak() {
    int status = lab("check", devices().toString());

    assertThat(status).as(out + "\n" + err).isZero();
    String works = ": signed in (scopes openid), GET " + keycloak.userinfoUrl().encodedPath()
        + ": HTTP 200, signed out (token revoked)";
    assertThat(out.toString().lines()).containsExactly(
        "Checking " + devices() + " against token URL " + keycloak.tokenUrl() + ", authorization URL "
            + keycloak.authorizationUrl() + ", API URL " + apiUrl(),
        "  ok    group phone: user lab-1" + works,
        "  ok    group desktop: user lab-1" + works,
        "  ok    group phone: user lab-4 (the last of 4 users)" + works,
        "",
        "Everything works: 3 checks passed.");
  }

  @Test void labCheckNamesTheUserKeycloakDoesNotHave() throws Exception {
    Path file = Files.writeString(dir.resolve("strangers.toml"), String.join("\n",
        "[scenario]", "duration = \"5s\"",
        "[users]", "list = [", "  { name = \"lab-1\", password = \"lab-1-pw\" },",
        "  { name = \"nobody-at-keycloak\", password = \"nobody-pw\" },", "]", APPLICATION, ""));

    int status = lab("check", file.toString());

    assertThat(status).as(out + "\n" + err).isEqualTo(1);
    assertThat(out.toString().lines()).contains(
        "  FAIL  group phone: user nobody-at-keycloak (the last of 2 users): sign-in failed: invalid_credentials"
            + " (invalid_grant): Wrong username or password",
        "1 of 2 checks failed (FAIL above).");
    assertThat(out.toString()).contains("  ok    group phone: user lab-1: signed in").doesNotContain("nobody-pw");
  }

  /** The SDK derives .../openid-connect/authorize from the token URL; Keycloak's authorization endpoint is .../auth. */
  @Test void withoutKeycloaksAuthorizationUrlTheBrowserGroupExitsTwoSayingToGiveIt() {
    int status = execute("check", "--token-url", keycloak.tokenUrl().toString(),
        "--api-url", keycloak.openIdConnectUrl().toString(), devices().toString());

    assertThat(status).as(out + "\n" + err).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("lab check: nothing is at the authorization endpoint " + apiUrl() + "authorize"
        + " (HTTP 404), where group desktop signs in in the browser, derived from the token URL as the SDK derives it:"
        + " give the server's with --authorization-url (Keycloak's is .../protocol/openid-connect/auth)\n");
  }

  @Test void labRunPlaysTheScenarioAtKeycloakAndRecordsKeycloaksUrls() throws Exception {
    Path report = dir.resolve("report");

    int status = lab("run", "--quiet", "--out", report.toString(), devices().toString());

    assertThat(status).as(out + "\n" + err).isZero();
    RunResults results = ReportWriter.read(report);
    assertThat(results.target()).isEqualTo(new RunResults.TargetFacts("endpoints", keycloak.tokenUrl().toString(),
        keycloak.authorizationUrl().toString(), apiUrl() + "revoke", apiUrl()));
    assertThat(results.expectations()).hasSize(3).allMatch(RunResults.ExpectationResult::met);
    assertThat(results.devices()).hasSize(8).allSatisfy(device ->
        assertThat(device.counts().calls()).as(device.id()).isPositive());
    assertThat(results.devices()).filteredOn(device -> device.group().equals("phone")).allSatisfy(phone -> {
      assertThat(phone.counts().signIns()).as(phone.id() + ": at the start and after its sign-out").isEqualTo(2);
      assertThat(phone.timeline()).filteredOn(event -> event.kind().equals("signed out"))
          .extracting(RunResults.DeviceEvent::detail).containsExactly("token revoked");
    });
    assertThat(results.devices()).filteredOn(device -> device.group().equals("desktop"))
        .extracting(DeviceResult::id, device -> device.counts().signIns())
        .containsExactlyInAnyOrder(tuple("lab-1/desktop", 1L), tuple("lab-2/desktop", 1L), tuple("lab-3/desktop", 1L),
            tuple("lab-4/desktop", 1L));
    assertThat(out.toString()).contains("All 3 expectations met.");
  }

  @Test void anEventThatNeedsTheMocksAdminControlsExitsTwoBeforeAnyDeviceSignsIn() throws Exception {
    TestUser user = keycloak.admin().createUser("lab-admin-events", "lab-admin-events-pw");
    Path file = Files.writeString(dir.resolve("revoke.toml"), String.join("\n",
        "[scenario]", "duration = \"5s\"",
        "[users]", "list = [{ name = \"lab-admin-events\", password = \"lab-admin-events-pw\" }]", APPLICATION,
        "[[events]]", "at = \"2s\"", "do = \"revoke_user\"", ""));
    Path report = dir.resolve("report");

    int status = lab("run", "--quiet", "--out", report.toString(), file.toString());

    assertThat(status).as(out + "\n" + err).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("lab: " + file + ": the server at " + keycloak.tokenUrl().resolve("/")
        + " (the token URL's origin) has no mock /admin controls (a real server has none), and these events need"
        + " them: revoke_user (line 14). Play them against the mock gateway, or remove them.\n");
    assertThat(keycloak.admin().sessions(user)).as("sessions at Keycloak: no device signed in").isZero();
    assertThat(report).doesNotExist();
  }

  /** The lab's command line, with Keycloak's endpoints as the target flags after the command's name. */
  private int lab(String command, String... args) {
    List<String> line = new ArrayList<>(List.of(command,
        "--token-url", keycloak.tokenUrl().toString(),
        "--authorization-url", keycloak.authorizationUrl().toString(),
        "--api-url", keycloak.openIdConnectUrl().toString()));
    line.addAll(List.of(args));
    return execute(line.toArray(new String[0]));
  }

  private int execute(String... line) {
    return LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(line);
  }

  /** The API URL as the lab records it: a directory, {@code .../protocol/openid-connect/}. */
  private String apiUrl() {
    return keycloak.openIdConnectUrl() + "/";
  }

  private static Path devices() {
    try {
      return Path.of(KeycloakLabTest.class.getResource(DEVICES).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

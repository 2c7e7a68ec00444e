package dev.resilientsession.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each scenario of the demo, asserted on its counts (never on timing). */
class ScenarioTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test void opaqueSharedTokenRevokedByTheDesktopIsRecoveredByTheTabletsPasswordReplay() throws Exception {
    RunResults run = play(1);

    assertThat(run.passed()).isTrue();
    assertNoFailuresOrPrompts(run);
    Counts tablet = device(run, "tablet");
    assertThat(tablet.unauthorized()).isEqualTo(1);
    assertThat(tablet.displacements()).isEqualTo(1);
    assertThat(tablet.passwordReplays()).isEqualTo(1);
    assertThat(tablet.tokenRequests()).as("sign-in and one replay: one request per recovery").isEqualTo(2);
    assertThat(printed()).containsPattern("gateway +1 active token: \\w{8} alice \\[default]");
  }

  @Test void jwtDevicesRevokeEachOtherAndBothRecoverSilently() throws Exception {
    RunResults run = play(2);

    assertThat(run.passed()).isTrue();
    assertNoFailuresOrPrompts(run);
    for (String name : new String[] {"desktop", "tablet"}) {
      Counts device = device(run, name);
      assertThat(device.displacements()).as(name).isEqualTo(3);
      assertThat(device.unauthorized()).as(name).isEqualTo(device.recoveries());
      assertThat(device.tokenRequests()).as(name + ": sign-in and one request per recovery").isEqualTo(1 + 3);
    }
  }

  @Test void deviceScopesKeepTheTabletUntouchedWhenTheDesktopSignsOut() throws Exception {
    RunResults run = play(3);

    assertThat(run.passed()).isTrue();
    assertNoFailuresOrPrompts(run);
    assertThat(device(run, "tablet").unauthorized()).isZero();
    assertThat(device(run, "tablet").tokenRequests()).as("only its sign-in").isEqualTo(1);
    assertThat(printed()).containsPattern("2 active tokens: \\w{8} alice \\[device_desktop], \\w{8} alice \\[device_tablet]");
  }

  @Test void renewWithoutRevokingKeepsBothTokensActive() throws Exception {
    RunResults run = play(4);

    assertThat(run.passed()).isTrue();
    assertNoFailuresOrPrompts(run);
    assertThat(run.totals().unauthorized()).isZero();
    assertThat(printed()).contains("2 active tokens: ");
  }

  @Test void anExpiredTokenIsRenewedWithTheRefreshTokenNotThePassword() throws Exception {
    RunResults run = play(5);

    assertThat(run.passed()).isTrue();
    assertNoFailuresOrPrompts(run);
    Counts tablet = device(run, "tablet");
    assertThat(tablet.recoveries()).isEqualTo(1);
    assertThat(tablet.passwordReplays()).isZero();
    assertThat(tablet.tokenRequests()).as("sign-in and one refresh").isEqualTo(2);
    assertThat(tablet.unauthorized()).as("renewed before the call, not after a 401").isZero();
  }

  @Test void withoutAPasswordDeviceScopesKeepABrowserSessionAndASharedTokenRevokedEndsInOnePrompt() throws Exception {
    RunResults run = play(6);

    assertThat(run.passed()).isTrue();
    Counts tabletA = device(run, "tablet-a");
    assertThat(tabletA.unauthorized()).as("(a) the desktop's sign-out costs nothing").isZero();
    assertThat(tabletA.tokenRequests()).as("(a) only its sign-in").isEqualTo(1);
    Counts desktopB = device(run, "desktop-b");
    assertThat(desktopB.displacements()).as("(b) the tablet's sign-in revoked its JWT").isEqualTo(1);
    assertThat(desktopB.recoveries()).isEqualTo(1);
    assertThat(desktopB.passwordReplays()).isZero();
    assertThat(desktopB.tokenRequests()).as("(b) sign-in and one refresh").isEqualTo(2);
    assertThat(desktopB.prompts()).isZero();
    Counts tabletC = device(run, "tablet-c");
    assertThat(tabletC.prompts()).as("(c) lost: no password to replay").isEqualTo(1);
    assertThat(tabletC.failedCalls()).isEqualTo(1);
    assertThat(tabletC.signIns()).as("(c) in the browser, then again after the prompt").isEqualTo(2);
    assertThat(tabletC.calls()).isEqualTo(3);
    assertThat(run.totals().prompts()).isEqualTo(1);
    assertThat(run.totals().failedCalls()).isEqualTo(1);
    assertThat(printed())
        .contains("tablet-c  PROMPT: sign-in required: browser_sign_in_required")
        .containsPattern("tablet-c +3 +3 +1 +0 +- +1 +1 +1\n")
        .contains("-: signed in in the browser, so no password to replay");
  }

  @Test void aChangedPasswordEndsInOnePromptAndNoTokenRequestLoop() throws Exception {
    String toml = String.join("\n",
        "# The user's password changes on another device: the tablet's session ends in one prompt.",
        "[scenario]",
        "duration = \"30s\"",
        "[users]",
        "list = [{ name = \"alice\", password = \"alice-pw\" }]",
        "[[groups]]",
        "name = \"tablet\"",
        "application = \"jwt\"",
        "sign_in = \"event\"",
        "[[events]]",
        "do = \"sign_in\"",
        "[[events]]",
        "do = \"call\"",
        "[[events]]",
        "do = \"change_password\"",
        "password = \"changed-on-another-device\"",
        "[[events]]",
        "do = \"call\"",
        "count = 5",
        "");

    RunResults run = Narrator.play("Changed password", ScenarioParser.parse("changed-password.toml", toml), out);

    Counts tablet = device(run, "tablet");
    assertThat(tablet.prompts()).isEqualTo(1);
    assertThat(tablet.tokenRequests()).as("sign-in, the refused replay, the refused refresh").isEqualTo(3);
    assertThat(tablet.failedCalls()).isEqualTo(5);
    assertThat(printed()).contains("tablet   PROMPT: sign-in required: credentials_rejected");
  }

  @Test void anUnmetExpectationIsPrintedAsNotMetAndTheRunFails() throws Exception {
    String toml = String.join("\n",
        "# One call, and an expectation of two.",
        "[scenario]",
        "duration = \"30s\"",
        "[users]",
        "list = [{ name = \"alice\", password = \"alice-pw\" }]",
        "[[groups]]",
        "name = \"tablet\"",
        "[[events]]",
        "do = \"call\"",
        "[[expect]]",
        "metric = \"calls\"",
        "equals = 2",
        "");

    RunResults run = Narrator.play("One call", ScenarioParser.parse("one-call.toml", toml), out);

    assertThat(run.passed()).isFalse();
    assertThat(printed()).contains("NOT MET  calls = 2: 1").contains("FAILED: 1 of 1 expectations not met");
  }

  @Test void theDemoExitsZeroWhenEveryScenarioPassesAndTwoForAnUnknownScenario() {
    assertThat(DemoMain.commandLine(out).execute("--scenario", "3")).isZero();
    assertThat(DemoMain.commandLine(out).execute("--scenario", "9")).isEqualTo(2);
    assertThat(printed()).contains("Scenario 3: device scopes").doesNotContain("Scenario 1:");
  }

  private RunResults play(int number) throws Exception {
    return Narrator.play("Scenario " + number, DemoScenarios.load(number), out);
  }

  private static Counts device(RunResults run, String name) {
    return run.devices().stream().filter(device -> device.id().equals("alice/" + name)).findFirst().orElseThrow()
        .counts();
  }

  private static void assertNoFailuresOrPrompts(RunResults run) {
    assertThat(run.totals().failedCalls()).isZero();
    assertThat(run.totals().prompts()).isZero();
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }
}

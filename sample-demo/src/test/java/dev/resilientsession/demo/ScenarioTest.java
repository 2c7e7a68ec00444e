package dev.resilientsession.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.sample.device.DeviceStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each scenario of the demo, asserted on its counts (never on timing). */
class ScenarioTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final Timeline timeline = new Timeline(new PrintStream(output, true, StandardCharsets.UTF_8));

  @Test void opaqueSharedTokenRevokedByTheDesktopIsRecoveredByTheTabletsPasswordReplay() throws IOException {
    ScenarioRun run = ScenarioRun.play(Scenario.OPAQUE_SHARED_TOKEN, timeline);

    assertThat(run.passed()).isTrue();
    assertThat(run.tablet.unauthorized()).isEqualTo(1);
    assertThat(run.tablet.displacements()).isEqualTo(1);
    assertThat(run.tablet.passwordReplays()).isEqualTo(1);
    assertThat(run.tablet.tokenRequests()).as("sign-in and one replay: one request per recovery").isEqualTo(2);
    assertNoFailuresOrPrompts(run);
    assertThat(printed()).contains("1 active token for alice");
  }

  @Test void jwtDevicesRevokeEachOtherAndBothRecoverSilently() throws IOException {
    ScenarioRun run = ScenarioRun.play(Scenario.JWT_REVOKE_PREVIOUS, timeline);

    assertNoFailuresOrPrompts(run);
    assertThat(run.desktop.displacements()).isEqualTo(3);
    assertThat(run.tablet.displacements()).isEqualTo(3);
    assertThat(run.desktop.unauthorized()).isEqualTo(run.desktop.silentRenewals());
    assertThat(run.tablet.unauthorized()).isEqualTo(run.tablet.silentRenewals());
    assertThat(run.desktop.tokenRequests()).as("sign-in and one request per recovery").isEqualTo(1 + 3);
    assertThat(run.tablet.tokenRequests()).as("sign-in and one request per recovery").isEqualTo(1 + 3);
  }

  @Test void deviceScopesKeepTheTabletUntouchedWhenTheDesktopSignsOut() throws IOException {
    ScenarioRun run = ScenarioRun.play(Scenario.DEVICE_SCOPES, timeline);

    assertNoFailuresOrPrompts(run);
    assertThat(run.tablet.unauthorized()).isZero();
    assertThat(run.tablet.tokenRequests()).as("only its sign-in").isEqualTo(1);
    assertThat(printed()).contains("2 active tokens for alice").contains("[device_desktop]").contains("[device_tablet]");
  }

  @Test void renewWithoutRevokingKeepsBothTokensActive() throws IOException {
    ScenarioRun run = ScenarioRun.play(Scenario.RENEW_WITHOUT_REVOKING, timeline);

    assertNoFailuresOrPrompts(run);
    assertThat(run.desktop.unauthorized() + run.tablet.unauthorized()).isZero();
    assertThat(printed()).contains("2 active tokens for alice");
  }

  @Test void anExpiredTokenIsRenewedWithTheRefreshTokenNotThePassword() throws IOException {
    ScenarioRun run = ScenarioRun.play(Scenario.REFRESH_FIRST, timeline);

    assertNoFailuresOrPrompts(run);
    assertThat(run.tablet.silentRenewals()).isEqualTo(1);
    assertThat(run.tablet.passwordReplays()).isZero();
    assertThat(run.tablet.tokenRequests()).as("sign-in and one refresh").isEqualTo(2);
    assertThat(run.tablet.unauthorized()).as("renewed before the call, not after a 401").isZero();
  }

  @Test void aChangedPasswordEndsInOnePromptAndNoTokenRequestLoop() throws IOException {
    GatewayConfig config = Scenario.OPAQUE_SHARED_TOKEN.gatewayConfig();
    try (Stage stage = new Stage(config, Scenario.JWT_KEY, Scenario.SECRET, true, timeline)) {
      stage.tabletSignsIn();
      stage.tabletCalls();
      assertThat(stage.tablet.stats().failedCalls()).isZero();

      stage.gateway.changePassword(Stage.USER, "changed-on-another-device");
      for (int call = 0; call < 5; call++) stage.tabletCalls();

      DeviceStats stats = stage.tablet.stats();
      assertThat(stage.tablet.state().status()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
      assertThat(stage.tablet.state().signInPrompt()).isEqualTo("sign-in required: CREDENTIALS_REJECTED");
      assertThat(stats.prompts()).isEqualTo(1);
      assertThat(stats.tokenRequests()).as("sign-in, the refused replay, the refused refresh").isEqualTo(3);
      assertThat(stats.failedCalls()).isEqualTo(5);
    }
    assertThat(printed()).contains("PROMPTS THE USER TO SIGN IN: sign-in required: CREDENTIALS_REJECTED");
  }

  @Test void theDemoExitsZeroWhenEveryScenarioPassesAndTwoForAnUnknownScenario() {
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    assertThat(new picocli.CommandLine(new DemoMain(out)).execute("--scenario", "3")).isZero();
    assertThat(new picocli.CommandLine(new DemoMain(out)).execute("--scenario", "9")).isEqualTo(2);
    assertThat(printed()).contains("Scenario 3:").doesNotContain("Scenario 1:");
  }

  private static void assertNoFailuresOrPrompts(ScenarioRun run) {
    assertThat(run.desktop.failedCalls()).isZero();
    assertThat(run.tablet.failedCalls()).isZero();
    assertThat(run.desktop.prompts()).isZero();
    assertThat(run.tablet.prompts()).isZero();
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }
}

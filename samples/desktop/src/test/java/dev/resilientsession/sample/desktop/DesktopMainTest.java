package dev.resilientsession.sample.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.Fault;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** The desktop device headless, as QA starts it against a running gateway. */
class DesktopMainTest {
  @RegisterExtension final MockGatewayExtension gateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  @Test void aHeadlessScriptSignsInCallsAndSignsOut() {
    String printed = run(0, "--headless", "--gateway", gateway.url("/").toString(), "--password", "admin",
        "--calls", "3", "--interval", "PT0S", "--sign-out", "--device", "Office PC");

    assertThat(printed)
        .contains("signs in as admin with device_office_pc")
        .contains("GET /orders -> 200")
        .contains("signed out, token revoked at the gateway")
        .contains("summary: calls=3 failed_calls=0 token_requests=1 unauthorized=0");
    assertThat(gateway.gateway().activeTokens()).isEmpty();
  }

  @Test void withDeviceTabletItIsTheUsersTabletWithATokenOfItsOwn() {
    String printed = run(0, "--headless", "--gateway", gateway.url("/").toString(), "--password", "admin",
        "--calls", "2", "--interval", "PT0S", "--device", "tablet");

    assertThat(printed)
        .contains("tablet   signs in as admin with device_tablet")
        .contains("tablet   GET /orders -> 200")
        .contains("tablet summary: calls=2 failed_calls=0 token_requests=1 unauthorized=0 silent_recoveries=0");
    assertThat(gateway.gateway().activeTokens()).singleElement()
        .satisfies(token -> assertThat(token.scopes()).containsExactly("device_tablet"));
  }

  @Test void anUnreadableCaIsAClearError() {
    CommandLine commandLine = DesktopMain.commandLine();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

    assertThat(commandLine.execute("--headless", "--ca", "/nonexistent/ca.pem")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("sample-desktop: --ca /nonexistent/ca.pem cannot be read: NoSuchFileException\n");
  }

  @Test void aTokenEndpointOutageAtSignInIsRetriedWithBackoff() {
    gateway.gateway().injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.UNAVAILABLE));

    String printed = run(0, "--headless", "--gateway", gateway.url("/").toString(), "--password", "admin",
        "--calls", "2", "--interval", "PT0S");

    assertThat(printed).contains("calls=2 failed_calls=0 token_requests=2");
  }

  @Test void aWrongPasswordFailsTheRunWithAPrompt() {
    String printed = run(1, "--headless", "--gateway", gateway.url("/").toString(), "--password", "nope",
        "--calls", "1");

    assertThat(printed).contains("PROMPTS THE USER TO SIGN IN: Wrong username or password").doesNotContain("nope");
  }

  @Test void anUnparseableGatewayUrlIsAClearError() {
    CommandLine commandLine = DesktopMain.commandLine();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

    assertThat(commandLine.execute("--headless", "--gateway", "not a url")).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("sample-desktop: --gateway is not an http(s) URL: not a url\n");
  }

  private static String run(int expectedStatus, String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(DesktopMain.commandLine().execute(args)).isEqualTo(expectedStatus);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

package dev.resilientsession.sample.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.Fault;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.gateway.token.GrantType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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

  @Test void aHeadlessBrowserSignInGoesThroughTheGatewaysLoginPageWithoutAPrompt() throws Exception {
    Printed printed = new Printed();
    String code = printed.during(() -> {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> DesktopMain.commandLine().execute(
          "--headless", "--sign-in", "browser", "--gateway", gateway.url("/").toString(), "--calls", "2",
          "--interval", "PT0S"));
      String loginPage = printed.url.get(30, TimeUnit.SECONDS);
      String redirect = gateway.browserRobot().signIn(loginPage, "admin", "admin");
      assertThat(browserFollows(redirect)).as("the loopback's page").isEqualTo(200);
      assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(0);
      return HttpUrl.get(redirect).queryParameter("code");
    });

    assertThat(printed.text())
        .contains("signs in in the browser with device_desktop")
        .contains("GET /orders -> 200")
        .contains("summary: calls=2 failed_calls=0 token_requests=1 unauthorized=0")
        .contains("prompts=0")
        .doesNotContain(code);
    assertThat(gateway.gateway().activeTokens()).singleElement().satisfies(token -> {
      assertThat(token.clientId()).as("the public app, without a secret").isEqualTo(GatewayConfig.DEFAULT_PUBLIC_KEY);
      assertThat(token.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
      assertThat(token.scopes()).contains("device_desktop");
    });
  }

  @Test void aBrowserSignInTheUserDeclinesFailsTheRunWithAPrompt() throws Exception {
    Printed printed = new Printed();
    printed.during(() -> {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> DesktopMain.commandLine().execute(
          "--headless", "--sign-in", "browser", "--gateway", gateway.url("/").toString(), "--calls", "1"));
      HttpUrl loginPage = HttpUrl.get(printed.url.get(30, TimeUnit.SECONDS));
      String declined = loginPage.queryParameter("redirect_uri") + "?error=access_denied&state="
          + loginPage.queryParameter("state");
      assertThat(browserFollows(declined)).isEqualTo(200);
      assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      return null;
    });

    assertThat(printed.text()).contains("PROMPTS THE USER TO SIGN IN: The authorization server answered access_denied")
        .doesNotContain("GET /orders");
    assertThat(gateway.gateway().activeTokens()).isEmpty();
  }

  @Test void anUnknownSignInMethodIsAClearError() {
    CommandLine commandLine = DesktopMain.commandLine();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));

    assertThat(commandLine.execute("--headless", "--sign-in", "sso")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
        "Invalid value for option '--sign-in': password or browser expected");
  }

  /** What the browser does with a redirect: opens it. Returns the status of the page it shows. */
  private static int browserFollows(String redirect) throws IOException {
    try (Response page = new OkHttpClient().newCall(new Request.Builder().url(redirect).build()).execute()) {
      return page.code();
    }
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

  /** Standard output during a run in the background, and the URL it tells the user to open. */
  private static final class Printed extends OutputStream {
    final CompletableFuture<String> url = new CompletableFuture<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** Runs {@code test} with standard output here. */
    <T> T during(Callable<T> test) throws Exception {
      PrintStream original = System.out;
      System.setOut(new PrintStream(this, true, StandardCharsets.UTF_8));
      try {
        return test.call();
      } finally {
        System.setOut(original);
      }
    }

    @Override public synchronized void write(int b) {
      all.write(b);
      if (b != '\n') {
        line.write(b);
        return;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (text.startsWith(DesktopMain.OPEN_URL)) url.complete(text.substring(DesktopMain.OPEN_URL.length()).strip());
    }

    synchronized String text() {
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}

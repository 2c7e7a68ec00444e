package dev.resilientsession.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.junit.TestClock;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The checks the browser flow's fuzz tests make of every answer: they fail on the answers they
 * exist to catch, and pass on the gateway's real ones. The fuzz tests' seeds are replayed by their
 * own classes.
 */
class FuzzedBrowserTest {
  private static final MockGateway GATEWAY = MockGateway.create(FuzzedBrowser.config(), new TestClock());
  private static final String HTML = "text/html; charset=utf-8";

  @AfterAll
  static void close() {
    GATEWAY.close();
  }

  @Test
  void aRedirectToARegisteredUriPasses() {
    FuzzedBrowser publicClient = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT);
    for (String location : new String[] {"http://127.0.0.1:51004/callback?code=c&state=s",
        "http://127.0.0.1/callback?error=access_denied",
        "http://127.0.0.1:/callback?code=c", "dev.resilientsession.sample:/callback?code=c",
        "/authenticationendpoint/login.do?sessionDataKey=k", "/oauth2/authorize?sessionDataKey=k"}) {
      assertThatCode(() -> publicClient.check(redirect(location))).as(location).doesNotThrowAnyException();
    }
    FuzzedBrowser regexClient = new FuzzedBrowser(GATEWAY, FuzzedBrowser.REGEX_CLIENT);
    assertThatCode(() -> regexClient.check(redirect("https://app.example.com/cb/done?code=c")))
        .doesNotThrowAnyException();
  }

  @Test
  void anOpenRedirectFails() {
    FuzzedBrowser publicClient = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT);
    for (String location : new String[] {"https://evil.com/?code=c", "//evil.com/callback?code=c",
        "/\\evil.com/callback?code=c", "http://127.0.0.1@evil.com/callback?code=c", "http://127.0.0.1/other?code=c",
        "https://app.example.com/cb?code=c", "dev.resilientsession.sample:/callbackx?code=c"}) {
      assertThatThrownBy(() -> publicClient.check(redirect(location))).as(location).isInstanceOf(AssertionError.class);
    }
    FuzzedBrowser unknownClient = new FuzzedBrowser(GATEWAY, "nobody");
    assertThatThrownBy(() -> unknownClient.check(redirect("http://127.0.0.1/callback?code=c")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void a5xxFails() {
    FuzzedBrowser browser = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT);
    assertThatThrownBy(() -> browser.check(new FuzzedBrowser.Answer("GET /", 500, Headers.of(), "")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aPageWithTheInputsMarkupFails() {
    String page = Pages.render(BrowserOutcome.errorPage(400, "invalid_request", "description"));
    FuzzedBrowser browser = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT).sent("state=%3Cb%3Ehi");
    assertThatCode(() -> browser.check(new FuzzedBrowser.Answer("GET /", 400, Headers.of("Content-Type", HTML), page)))
        .doesNotThrowAnyException();

    String injected = page.replace("description", "<b>hi");
    assertThatThrownBy(() -> browser.check(new FuzzedBrowser.Answer("GET /", 400, Headers.of("Content-Type", HTML),
        injected))).isInstanceOf(AssertionError.class).hasMessageContaining("tags");
    FuzzedBrowser other = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT);
    String unbalanced = page.replace("description", "a<b");
    assertThatThrownBy(() -> other.check(new FuzzedBrowser.Answer("GET /", 400, Headers.of("Content-Type", HTML),
        unbalanced))).isInstanceOf(AssertionError.class);
  }

  @Test
  void aSignedInBrowserGetsACodeOnTheLoopbackOnAnyPort() throws Exception {
    GATEWAY.reset();
    String session = FuzzedBrowser.signIn(GATEWAY);
    FuzzedBrowser browser = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT)
        .cookieLine(BrowserSignIn.SESSION_COOKIE + "=" + session);

    FuzzedBrowser.Answer answer = browser.get(BrowserEndpoint.AUTHORIZE + "?client_id=public-client"
        + "&redirect_uri=http://127.0.0.1:51004/callback&response_type=code&state=s&prompt=none"
        + "&code_challenge=" + FuzzedBrowser.CHALLENGE + "&code_challenge_method=S256");

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.location()).startsWith("http://127.0.0.1:51004/callback?code=");
  }

  private static FuzzedBrowser.Answer redirect(String location) {
    return new FuzzedBrowser.Answer("GET /oauth2/authorize", 302, Headers.of("Location", location), "");
  }
}

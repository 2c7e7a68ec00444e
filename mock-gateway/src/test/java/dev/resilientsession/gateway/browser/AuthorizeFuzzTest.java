package dev.resilientsession.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientsession.gateway.Bounded;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.junit.TestClock;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /oauth2/authorize} with any query, through the dispatcher, and the gateway's own pages
 * it redirects to (the login form, the error page). An input is the query string as on the wire
 * (first line) and, optionally, the browser's Cookie header (second line). {@code {challenge}}
 * becomes an S256 code challenge and {@code {session}} the cookie of a browser session admin signed
 * in to just before, so seeds reach single sign-on, {@code prompt} and {@code max_age}.
 *
 * <p>Whatever the input, the answers come within {@link Bounded#LIMIT}, nothing escapes, none is a
 * 5xx; a redirect goes to the gateway's own pages or to a redirect URI the requesting client
 * registered (never an open redirect); a page has the template's markup and nothing of the input's
 * unescaped; and a code is issued only to a browser that has a session, and for {@code public-client}
 * only with an S256 challenge.
 */
class AuthorizeFuzzTest {
  private static final MockGateway GATEWAY = MockGateway.create(FuzzedBrowser.config(), new TestClock());

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"client_id=", "public-client", "regex-app", "jwt-client", "&redirect_uri=",
      "http://127.0.0.1/callback", "http://127.0.0.1:8400/callback", "http://[::1]/callback", "/callback",
      "dev.resilientsession.sample:/callback", "https://app.example.com/cb", "https://app.example.com/cb/done",
      "@evil.com", "evil.com", "#", "%2F", "%40", "%23", "%3F", "\\", "//", "&response_type=code", "&scope=openid",
      "&state=", "&code_challenge={challenge}", "&code_challenge_method=S256", "plain", "&nonce=", "&prompt=none",
      "&prompt=login", "&max_age=", "sessionDataKey=", "commonAuthId={session}", "<script>"})
  void anyAuthorizeRequestRedirectsOnlyToARegisteredUri(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n", 3);
    Bounded.call(() -> {
      GATEWAY.reset();
      String session = text.contains("{session}") ? FuzzedBrowser.signIn(GATEWAY) : null;
      String query = lines[0].replace("{challenge}", FuzzedBrowser.CHALLENGE);
      String cookies = lines.length < 2 || lines[1].isEmpty() ? null
          : session == null ? lines[1] : lines[1].replace("{session}", session);
      authorize(query, cookies, session != null && cookies != null && cookies.contains(session));
      return null;
    });
  }

  /** Sends the input's authorize request; {@code signedIn} when its cookies hold a live session. */
  private static void authorize(String query, String cookies, boolean signedIn) throws Exception {
    String clientId = FuzzedBrowser.parameter(query, "client_id");
    FuzzedBrowser browser = new FuzzedBrowser(GATEWAY, clientId).sent(query).cookieLine(cookies);

    browser.get(BrowserEndpoint.AUTHORIZE + "?" + query);

    for (FuzzedBrowser.Answer answer : browser.answers()) {
      assertThat(answer.setsCookie(BrowserSignIn.SESSION_COOKIE))
          .as("a browser session without a sign-in: %s", answer).isNullOrEmpty();
    }
    FuzzedBrowser.Answer first = browser.answers().get(0);
    String location = first.location();
    if (location == null || FuzzedBrowser.isOwnPage(location)) return;
    String code = FuzzedBrowser.parameter(location.substring(location.indexOf('?') + 1), "code");
    if (code == null) return;
    assertThat(signedIn).as("a code for a browser that never signed in: %s", first).isTrue();
    if (FuzzedBrowser.PUBLIC_CLIENT.equals(clientId)) {
      assertThat(FuzzedBrowser.parameter(query, "code_challenge_method"))
          .as("a code for public-client without an S256 challenge: %s", first).isEqualTo("S256");
    }
  }
}

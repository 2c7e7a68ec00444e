package dev.resilientsession.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientsession.gateway.Bounded;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.junit.TestClock;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The login form's posts to {@code /commonauth}, through the dispatcher, after a real
 * {@code /oauth2/authorize} of {@code public-client}'s, and the pages and redirects that follow
 * (the form again, back to {@code /oauth2/authorize}, the code). An input is the browser's Cookie
 * header (first line), then one request a line, at most {@value #MAX_REQUESTS}: a form body posted
 * to {@code /commonauth}, or {@code GET <target>} of the login page, the error page or the return to
 * {@code /oauth2/authorize}. {@code {key}} becomes the sign-in's sessionDataKey, {@code {nonce}}
 * the value of its nonce cookie (named {@code sessionNonceCookie-{key}}), and {@code {session}} the
 * cookie of a session admin signed in to before. Accounts lock after three wrong passwords.
 *
 * <p>Whatever the input, the answers come within {@link Bounded#LIMIT}, nothing escapes, none is a
 * 5xx; a redirect goes to the gateway's own pages or to public-client's redirect URI; a page has the
 * template's markup and nothing of the input's unescaped; no status line, header or body holds a
 * password the input posted, and no Location a username; the form fills in only a username that was
 * posted; and a browser session starts only for admin's password with the form's nonce cookie.
 */
class LoginFormFuzzTest {
  private static final MockGateway GATEWAY = MockGateway.create(FuzzedBrowser.config(), new TestClock());
  private static final int MAX_REQUESTS = 8;
  /** Shorter secrets match too much by chance: a port, a word of a page. */
  private static final int MIN_SECRET_LENGTH = 4;
  private static final String AUTHORIZE = BrowserEndpoint.AUTHORIZE + "?client_id=" + FuzzedBrowser.PUBLIC_CLIENT
      + "&redirect_uri=" + FuzzedBrowser.LOOPBACK_REDIRECT_URI + "&response_type=code&scope=openid&state=xyz"
      + "&code_challenge=" + FuzzedBrowser.CHALLENGE + "&code_challenge_method=S256";
  private static final Pattern FILLED_USERNAME = Pattern.compile("(<input id=\"username\"[^<]*? value=\")([^\"]*)\"");

  /**
   * What the gateway says in these flows to harmless inputs, random values blanked: a secret that
   * is part of it may be the gateway's own words, so only other secrets are looked for.
   */
  private static final String OWN_WORDS = ownWords(
      "sessionNonceCookie-{key}={nonce}\nsessionDataKey={key}&username=admin&password=admin\n"
          + "sessionDataKey={key}&username=admin&password=admin\nGET /oauth2/authorize?sessionDataKey={key}",
      "sessionNonceCookie-{key}={nonce}; commonAuthId={session}\nsessionDataKey={key}&username=admin&password=admin",
      "sessionNonceCookie-{key}={nonce}\nsessionDataKey={key}&username=admin&password=wrong\n"
          + "sessionDataKey={key}&username=admin&password=wrong\nsessionDataKey={key}&username=admin&password=wrong\n"
          + "sessionDataKey={key}&username=admin&password=admin\nsessionDataKey={key}&username=&password=",
      "\nsessionDataKey={key}&username=admin&password=admin\nsessionDataKey=x&username=admin&password=admin\n"
          + "password=a&password=b\npassword=%zz\npassword=%ff\nGET /oauth2/authorize?sessionDataKey={key}\n"
          + "GET /authenticationendpoint/login.do?sessionDataKey=x\n"
          + "GET /authenticationendpoint/oauth2_error.do?oauthErrorCode=x&oauthErrorMsg=callback.not.match\n"
          + "GET /authenticationendpoint/oauth2_logout.do");

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"sessionDataKey={key}", "&username=admin", "&password=admin", "&password=", "username=",
      "sessionNonceCookie-", "sessionNonceCookie-{key}={nonce}", "commonAuthId={session}", "; ",
      "GET /authenticationendpoint/login.do?sessionDataKey={key}", "GET /oauth2/authorize?sessionDataKey={key}",
      "&authFailure=true", "&authFailureMsg=", "login.fail.message", "user.account.locked", "%00", "%20", "%ff",
      "+", "<script>", "\"><"})
  void anyLoginFormPostKeepsThePasswordOutOfAnswers(byte[] input) throws Exception {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\r?\n", -1);
    Bounded.call(() -> {
      GATEWAY.reset();
      check(Flow.run(lines));
      return null;
    });
  }

  /** One input's requests, after the authorize that shows the form, and what the gateway answered. */
  private record Flow(List<String> sent, List<FuzzedBrowser.Answer> answers, Set<String> random,
      List<String> usernames, List<String> passwords, boolean adminsPasswordWithNonce) {

    static Flow run(String[] lines) throws Exception {
      String session = String.join("\n", lines).contains("{session}") ? FuzzedBrowser.signIn(GATEWAY) : null;
      FuzzedBrowser start = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT);
      start.get(AUTHORIZE);
      String key = FuzzedBrowser.parameter(start.answers().get(0).location().split("\\?", 2)[1], "sessionDataKey");
      String nonce = start.answers().get(0).setsCookie(BrowserSignIn.NONCE_COOKIE_PREFIX + key);
      Set<String> random = new LinkedHashSet<>(List.of(key, nonce));
      if (session != null) random.add(session);

      // Another browser, without the nonce cookie: it has only the cookies the input's first line gives it.
      String cookieLine = lines[0].isEmpty() ? null : live(lines[0], key, nonce, session);
      FuzzedBrowser browser = new FuzzedBrowser(GATEWAY, FuzzedBrowser.PUBLIC_CLIENT).cookieLine(cookieLine);
      boolean nonceCookie = lines[0].contains("{nonce}");
      List<String> sent = new ArrayList<>();
      List<String> usernames = new ArrayList<>();
      List<String> passwords = new ArrayList<>();
      boolean adminsPasswordWithNonce = false;
      for (int i = 1; i < lines.length && i <= MAX_REQUESTS; i++) {
        String line = live(lines[i], key, nonce, session);
        sent.add(line);
        browser.sent(line);
        if (line.startsWith("GET ")) {
          String target = line.substring(4);
          // Only the flow's own pages: other paths redirect for other clients, and GatewayDispatcherFuzzTest has them.
          if (target.startsWith("/authenticationendpoint/") || target.startsWith(BrowserEndpoint.AUTHORIZE + "?sessionDataKey=")) {
            browser.get(target);
          }
          continue;
        }
        String username = FuzzedBrowser.parameter(line, "username");
        String password = FuzzedBrowser.parameter(line, "password");
        if (username != null) usernames.add(username);
        if (password != null) passwords.add(password);
        adminsPasswordWithNonce |= nonceCookie && FuzzedBrowser.PASSWORD.equals(password) && username != null
            && FuzzedBrowser.USERNAME.equals(username.trim());
        browser.post(BrowserEndpoint.COMMON_AUTH, line);
      }
      for (FuzzedBrowser.Answer answer : browser.answers()) random.addAll(randomValues(answer));
      random.removeIf(value -> value == null || value.isEmpty());
      return new Flow(sent, browser.answers(), random, usernames, passwords, adminsPasswordWithNonce);
    }

    /** Status lines, headers (but Content-Length) and bodies, random values and filled-in usernames blanked. */
    String everything() {
      StringBuilder text = new StringBuilder();
      for (FuzzedBrowser.Answer answer : answers) {
        text.append(answer.status()).append('\n');
        for (int i = 0; i < answer.headers().size(); i++) {
          if (answer.headers().name(i).equalsIgnoreCase("Content-Length")) continue;
          text.append(answer.headers().name(i)).append(": ").append(answer.headers().value(i)).append('\n');
        }
        text.append(FILLED_USERNAME.matcher(answer.body()).replaceAll("$1\u0000\"")).append('\n');
      }
      return blanked(text.toString());
    }

    /** The Locations, random values blanked. */
    String locations() {
      StringBuilder text = new StringBuilder();
      for (FuzzedBrowser.Answer answer : answers) {
        if (answer.location() != null) text.append(answer.location()).append('\n');
      }
      return blanked(text.toString());
    }

    private String blanked(String text) {
      for (String value : random) text = text.replace(value, "\u0000");
      return text;
    }

    /**
     * True when finding {@code secret} in an answer means it was echoed: it is long enough, not
     * the gateway's own words, and not part of a name or of another field's value, which the
     * gateway may show (the username on the form, a repeated parameter's name in an error).
     */
    boolean isSecret(String secret, String field) {
      if (secret.length() < MIN_SECRET_LENGTH || OWN_WORDS.contains(secret)) return false;
      for (String line : sent) {
        for (String[] pair : FuzzedBrowser.pairs(line)) {
          if (pair[0].contains(secret) || !pair[0].equals(field) && pair[1].contains(secret)) return false;
        }
      }
      return true;
    }
  }

  private static void check(Flow flow) {
    String everything = flow.everything();
    for (String password : flow.passwords()) {
      if (!flow.isSecret(password, "password")) continue;
      assertThat(everything).as("an answer holds the password %s: %s", password, flow.answers())
          .doesNotContain(password);
    }
    String locations = flow.locations();
    for (String username : flow.usernames()) {
      Set<String> forms = new LinkedHashSet<>();
      for (String value : List.of(username, username.trim())) {
        forms.add(value);
        forms.add(encode(value));
        forms.add(encode(value).replace("+", "%20"));
      }
      for (String form : forms) {
        if (!flow.isSecret(form, "username") || !flow.isSecret(username.trim(), "username")) continue;
        assertThat(locations).as("a Location holds the username %s: %s", username, flow.answers())
            .doesNotContain(form);
      }
    }
    for (FuzzedBrowser.Answer answer : flow.answers()) {
      Matcher filled = FILLED_USERNAME.matcher(answer.body());
      if (filled.find()) {
        assertThat(flow.usernames().stream().map(LoginFormFuzzTest::escaped))
            .as("the form fills in a username nobody posted: %s", answer).contains(filled.group(2));
      }
      String session = answer.setsCookie(BrowserSignIn.SESSION_COOKIE);
      if (session != null && !session.isEmpty()) {
        assertThat(flow.adminsPasswordWithNonce())
            .as("a session without admin's password and the form's nonce cookie: %s", answer).isTrue();
      }
    }
  }

  private static String live(String line, String key, String nonce, String session) {
    String live = line.replace("{key}", key).replace("{nonce}", nonce);
    return session == null ? live : live.replace("{session}", session);
  }

  /** What the gateway made up in {@code answer}: cookie values, keys, codes and session states. */
  private static Set<String> randomValues(FuzzedBrowser.Answer answer) {
    Set<String> random = new LinkedHashSet<>();
    for (String header : answer.headers().values("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals > 0) random.add(pair.substring(equals + 1));
    }
    String location = answer.location();
    if (location != null && location.indexOf('?') != -1) {
      String query = location.substring(location.indexOf('?') + 1);
      for (String name : List.of("sessionDataKey", "code", "session_state")) {
        random.add(FuzzedBrowser.parameter(query, name));
      }
    }
    return random;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String escaped(String value) {
    StringOutput output = new StringOutput();
    Escape.htmlAttribute(value, output);
    return output.toString();
  }

  private static String ownWords(String... inputs) {
    StringBuilder words = new StringBuilder();
    try {
      for (String input : inputs) {
        GATEWAY.reset();
        Flow flow = Flow.run(input.split("\n", -1));
        words.append(flow.everything()).append('\n');
      }
    } catch (Exception e) {
      throw new IllegalStateException("The harmless flows failed", e);
    } finally {
      GATEWAY.reset();
    }
    return words.toString();
  }
}

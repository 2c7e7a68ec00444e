package dev.resilientsession.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.Dispatched;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.token.Application;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.internal.Internal;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A browser for the browser flow's fuzz tests. It sends requests through the gateway's dispatcher,
 * built as MockWebServer builds them, keeps the cookies the gateway sets, follows the gateway's
 * redirects to its own pages, and checks every answer as it comes: no 5xx; a redirect only to the
 * gateway's own pages or to a redirect URI the client registered, as the gateway matches it and as
 * a browser reads it; and a page whose markup is the template's, with nothing the input sent in it
 * unescaped.
 */
final class FuzzedBrowser {
  static final String PUBLIC_CLIENT = GatewayConfig.DEFAULT_PUBLIC_KEY;
  /** A confidential client whose one redirect URI is a pattern, so pattern matching is fuzzed too. */
  static final String REGEX_CLIENT = "regex-app";
  /** RFC 7636 appendix B's verifier and its S256 challenge. */
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  static final String LOOPBACK_REDIRECT_URI = "http://127.0.0.1:8400/callback";
  static final String USERNAME = "admin";
  static final String PASSWORD = "admin";
  static final int LOCK_AFTER = 3;

  /**
   * The default gateway (admin/admin, {@code public-client} with PKCE S256, {@code jwt-client} and
   * {@code opaque-client} without redirect URIs), plus {@value #REGEX_CLIENT}, and accounts locked
   * after {@value #LOCK_AFTER} wrong passwords so the form's lockout is reached.
   */
  static GatewayConfig config() {
    return GatewayConfig.defaults().newBuilder()
        .application(Application.builder(REGEX_CLIENT, "regex-app-secret")
            .redirectUris("regexp=https://app\\.example\\.com/cb(/[a-z]+)?").build())
        .accountLockout(AccountLockout.after(LOCK_AFTER, Duration.ofMinutes(5)))
        .build();
  }

  /**
   * Where each client's redirect URIs send a browser, as a browser reads the URL: scheme and host
   * (any port on the loopback address, the default port elsewhere), or the whole URI of a private-use
   * scheme. Checked besides {@code RedirectUris.matches}, with okhttp's WHATWG-style parser, so a URI
   * that java.net.URI and a browser read differently is caught.
   */
  private static final Map<String, List<String>> DESTINATIONS = Map.of(
      PUBLIC_CLIENT, List.of("http://127.0.0.1", GatewayConfig.DEFAULT_APP_REDIRECT_URI),
      REGEX_CLIENT, List.of("https://app.example.com"));

  /** The gateway's own pages, where it may send a browser whatever the client. */
  private static final Set<String> OWN_PATHS = Set.of(BrowserEndpoint.AUTHORIZE, BrowserEndpoint.LOGIN,
      BrowserEndpoint.ERROR, BrowserEndpoint.SIGNED_OUT);
  private static final int MAX_HOPS = 4;
  private static final Pattern EMPTY_PORT = Pattern.compile("^([A-Za-z]+://[^/?#\\\\]*):(?=[/?#\\\\]|$)");
  private static final Pattern TAG = Pattern.compile("<(/?[A-Za-z!][A-Za-z0-9]*)?");

  /** Every page the templates make, rendered with plain values: what a page may look like. */
  private static final List<String> PAGES = List.of(
      Pages.render(BrowserOutcome.loginPage(new LoginPage(PUBLIC_CLIENT, LOOPBACK_REDIRECT_URI, "key", null, null))),
      Pages.render(BrowserOutcome.loginPage(new LoginPage(PUBLIC_CLIENT, LOOPBACK_REDIRECT_URI, "key", "user", "failure"))),
      Pages.render(BrowserOutcome.errorPage(400, "invalid_request", "description")),
      Pages.render(BrowserOutcome.signedOut()));
  /** The tags of each page, in order: a page with any other sequence has markup from somewhere else. */
  private static final List<List<String>> PAGE_SHAPES = PAGES.stream().map(FuzzedBrowser::tags).toList();
  private static final String TEMPLATE_TEXT = String.join("\n", PAGES);

  private final MockGateway gateway;
  private final Application client;
  /** What the input sent: no page may show it unescaped. */
  private final List<String> sent = new ArrayList<>();
  private final Map<String, String> jar = new LinkedHashMap<>();
  /** The names of the cookies the gateway set or cleared. */
  private final Set<String> replaced = new HashSet<>();
  private final List<Answer> answers = new ArrayList<>();
  private String cookieLine;

  /**
   * A browser on {@code gateway} for a flow started by {@code clientId}: only that client's
   * registered redirect URIs may be redirected to; none when it is null or no client.
   */
  FuzzedBrowser(MockGateway gateway, String clientId) {
    this.gateway = gateway;
    this.client = gateway.tokens().application(clientId).orElse(null);
  }

  /** One answer, as the browser saw it. */
  record Answer(String request, int status, Headers headers, String body) {
    String location() {
      return headers.get("Location");
    }

    /** The value of cookie {@code name} this answer sets; "" when it clears it, null when it leaves it alone. */
    String setsCookie(String name) {
      for (String header : headers.values("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).equals(name)) return pair.substring(equals + 1);
      }
      return null;
    }

    @Override public String toString() {
      return request + " -> " + status + " " + headers.toMultimap() + (body.isEmpty() ? "" : "\n" + body);
    }
  }

  /**
   * The input's own Cookie header, null for none. It is sent before the cookies the gateway set,
   * less those of its cookies the gateway has since set or cleared, as a browser replaces them.
   */
  FuzzedBrowser cookieLine(String cookieLine) {
    this.cookieLine = cookieLine;
    if (cookieLine != null) sent(cookieLine);
    return this;
  }

  /** Marks {@code text} and, as a query or form, its decoded names and values as the input's, for the page checks. */
  FuzzedBrowser sent(String text) {
    sent.add(text);
    for (String[] pair : pairs(text)) {
      sent.add(pair[0]);
      sent.add(pair[1]);
    }
    for (String cookie : text.split(";")) sent.add(cookie.trim());
    return this;
  }

  List<Answer> answers() {
    return answers;
  }

  /** {@code GET target} and the gateway's redirects to its own pages after it. */
  Answer get(String target) throws Exception {
    return follow(send("GET", target, null));
  }

  /** {@code POST path} of a form and the gateway's redirects to its own pages after it. */
  Answer post(String path, String form) throws Exception {
    return follow(send("POST", path, form));
  }

  private Answer follow(Answer answer) throws Exception {
    for (int hop = 0; hop < MAX_HOPS && isOwnPage(answer.location()); hop++) {
      answer = send("GET", answer.location(), null);
    }
    return answer;
  }

  private Answer send(String method, String target, String form) throws Exception {
    // As on the wire: the request target ends at the first space, a line at a line break.
    String requestLine = method + " " + target.split("[ \r\n]", 2)[0] + " HTTP/1.1";
    Headers.Builder headers = new Headers.Builder();
    String cookies = cookieHeader();
    if (cookies != null) Internal.addHeaderLenient(headers, "Cookie: " + cookies);
    Buffer body = new Buffer();
    if (form != null) {
      headers.add("Content-Type", "application/x-www-form-urlencoded");
      body.writeUtf8(form);
    }
    RecordedRequest request = Dispatched.request(requestLine, headers.build(), body);
    MockResponse response = gateway.dispatcher().dispatch(request);
    Answer answer = new Answer(requestLine + (cookies == null ? "" : " Cookie: " + cookies)
        + (form == null ? "" : " body: " + form), Dispatched.statusCode(response), response.getHeaders(),
        Dispatched.body(response));
    answers.add(answer);
    check(answer);
    keepCookies(answer);
    return answer;
  }

  /** The input's cookies but those the gateway has since set or cleared, as a browser replaces them, then the gateway's. */
  private String cookieHeader() {
    List<String> cookies = new ArrayList<>();
    if (cookieLine != null && !cookieLine.isEmpty()) {
      List<String> kept = new ArrayList<>();
      for (String cookie : cookieLine.split(";", -1)) {
        int equals = cookie.indexOf('=');
        if (equals == -1 || !replaced.contains(cookie.substring(0, equals).trim())) kept.add(cookie);
      }
      String line = String.join(";", kept);
      if (!line.isBlank()) cookies.add(line);
    }
    jar.forEach((name, value) -> cookies.add(name + "=" + value));
    return cookies.isEmpty() ? null : String.join("; ", cookies);
  }

  private void keepCookies(Answer answer) {
    for (String header : answer.headers().values("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals <= 0) continue;
      String name = pair.substring(0, equals);
      String value = pair.substring(equals + 1);
      replaced.add(name);
      if (value.isEmpty() || header.contains("Max-Age=0")) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
  }

  /** What must hold for every answer; throws an AssertionError naming the answer otherwise. */
  void check(Answer answer) {
    assertThat(answer.status()).as("no 5xx: %s", answer).isBetween(100, 499);
    String location = answer.location();
    if (location != null) checkLocation(location, answer);
    String contentType = answer.headers().get("Content-Type");
    if (contentType != null && contentType.startsWith("text/html")) checkPage(answer);
  }

  private void checkLocation(String location, Answer answer) {
    if (isOwnPage(location)) return;
    assertThat(location).as("a redirect off the gateway, by a client that registered a redirect URI: %s", answer)
        .doesNotStartWith("/");
    assertThat(client).as("a redirect off the gateway for no known client: %s", answer).isNotNull();
    assertThat(isRegisteredRedirect(location))
        .as("redirects to %s, which %s did not register (%s): %s", location, client.consumerKey(),
            client.redirectUris(), answer)
        .isTrue();
    assertThat(browserReadsAsRegistered(location))
        .as("a browser reads %s as somewhere %s did not register (%s): %s", location, client.consumerKey(),
            DESTINATIONS.get(client.consumerKey()), answer)
        .isTrue();
  }

  /** True for a path to one of the gateway's own pages (not {@code //host}, not {@code /\host}). */
  static boolean isOwnPage(String location) {
    if (location == null || !location.startsWith("/")) return false;
    int query = location.indexOf('?');
    return OWN_PATHS.contains(query == -1 ? location : location.substring(0, query));
  }

  /**
   * True when {@code location} is a URI the client registered with the gateway's parameters added:
   * {@code code} or {@code error} first, after {@code ?}, or {@code &} when the URI has a query.
   */
  private boolean isRegisteredRedirect(String location) {
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (c != '?' && c != '&') continue;
      String uri = location.substring(0, i);
      String rest = location.substring(i + 1);
      if ((c == '?') != (uri.indexOf('?') == -1)) continue;
      if ((rest.startsWith("code=") || rest.startsWith("error=")) && client.redirectUris().matches(uri)) return true;
    }
    return false;
  }

  private boolean browserReadsAsRegistered(String location) {
    List<String> destinations = DESTINATIONS.getOrDefault(client.consumerKey(), List.of());
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      // A browser reads an empty port as the default one; okhttp refuses it, so it goes first.
      HttpUrl url = HttpUrl.parse(EMPTY_PORT.matcher(location).replaceFirst("$1"));
      if (url == null) return false;
      if (!url.username().isEmpty() || !url.password().isEmpty()) return false;
      boolean loopback = url.host().equals("127.0.0.1") || url.host().equals("::1");
      if (!loopback && url.port() != HttpUrl.defaultPort(url.scheme())) return false;
      return destinations.contains(url.scheme() + "://" + url.host());
    }
    for (String destination : destinations) {
      if (location.startsWith(destination + "?")) return true;
    }
    return false;
  }

  private void checkPage(Answer answer) {
    assertThat(PAGE_SHAPES).as("the page's tags are a template's, none from the input: %s", answer)
        .contains(tags(answer.body()));
    for (String text : sent) {
      if (text.indexOf('<') == -1 || TEMPLATE_TEXT.contains(text)) continue;
      assertThat(answer.body()).as("the page shows the input's markup unescaped: %s", answer).doesNotContain(text);
    }
  }

  static List<String> tags(String html) {
    List<String> tags = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) tags.add(tag.group());
    return tags;
  }

  /** A query or form's names and values, decoded as leniently as a browser's address bar shows them. */
  static List<String[]> pairs(String encoded) {
    List<String[]> pairs = new ArrayList<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) continue;
      int equals = pair.indexOf('=');
      pairs.add(new String[] {decode(equals == -1 ? pair : pair.substring(0, equals)),
          equals == -1 ? "" : decode(pair.substring(equals + 1))});
    }
    return pairs;
  }

  /** The first value of {@code name} in a query or form, decoded; null when absent. */
  static String parameter(String encoded, String name) {
    for (String[] pair : pairs(encoded)) {
      if (pair[0].equals(name)) return pair[1];
    }
    return null;
  }

  static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded; // the gateway refuses it: nothing of it is answered
    }
  }

  /** Signs admin in to {@code gateway} by the form, as a seed's {@code {session}}; returns the session cookie. */
  static String signIn(MockGateway gateway) throws Exception {
    FuzzedBrowser browser = new FuzzedBrowser(gateway, PUBLIC_CLIENT);
    browser.get(BrowserEndpoint.AUTHORIZE + "?client_id=" + PUBLIC_CLIENT + "&redirect_uri=" + LOOPBACK_REDIRECT_URI
        + "&response_type=code&scope=openid&code_challenge=" + CHALLENGE + "&code_challenge_method=S256");
    String key = parameter(browser.answers().get(0).location().split("\\?", 2)[1], "sessionDataKey");
    browser.post(BrowserEndpoint.COMMON_AUTH, "sessionDataKey=" + key + "&username=" + USERNAME + "&password=" + PASSWORD);
    String cookie = browser.answers().get(2).setsCookie(BrowserSignIn.SESSION_COOKIE);
    if (cookie == null || cookie.isEmpty()) throw new IllegalStateException("No session for the seeds: " + browser.answers());
    return cookie;
  }
}

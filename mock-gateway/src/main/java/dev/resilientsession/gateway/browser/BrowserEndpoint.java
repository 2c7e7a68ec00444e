package dev.resilientsession.gateway.browser;

import dev.resilientsession.gateway.http.HttpResponse;
import dev.resilientsession.gateway.token.TokenService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser flow over HTTP: {@code /oauth2/authorize}, the login page, {@code /commonauth} and
 * {@code /oidc/logout}. It only translates: {@link BrowserSignIn} decides. Every page is sent with
 * a strict Content-Security-Policy (no script at all), refuses to be framed, and is never cached.
 */
public final class BrowserEndpoint {
  public static final String AUTHORIZE = "/oauth2/authorize";
  public static final String LOGIN = BrowserSignIn.LOGIN_PATH;
  public static final String COMMON_AUTH = "/commonauth";
  public static final String LOGOUT = "/oidc/logout";
  public static final String ERROR = BrowserSignIn.ERROR_PATH;
  public static final String SIGNED_OUT = BrowserSignIn.SIGNED_OUT_PATH;
  public static final String STYLESHEET = "/authenticationendpoint/css/sign-in.css";

  private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private final BrowserSignIn signIn;

  public BrowserEndpoint(TokenService tokens, Clock clock) {
    this.signIn = new BrowserSignIn(tokens, clock);
  }

  /** True for the paths this endpoint serves. */
  public static boolean serves(String path) {
    return path.equals(AUTHORIZE) || path.equals(LOGIN) || path.equals(COMMON_AUTH) || path.equals(LOGOUT)
        || path.equals(ERROR) || path.equals(SIGNED_OUT) || path.equals(STYLESHEET);
  }

  /**
   * Answers one request. {@code parameters} holds the query, and for a POST the form too;
   * {@code cookieHeader} is the request's {@code Cookie} header or null; {@code secure} marks cookies
   * {@code Secure}, for a gateway served over HTTPS.
   */
  public HttpResponse handle(String method, String path, Map<String, String> parameters, String cookieHeader,
      boolean secure) {
    if (path.equals(STYLESHEET)) {
      if (!method.equals("GET")) return notAllowed("GET");
      return new HttpResponse().setHeader("Content-Type", "text/css; charset=utf-8")
          .setHeader("Cache-Control", "max-age=3600").setBody(Stylesheet.BYTES);
    }
    Map<String, String> cookies = cookies(cookieHeader);
    String session = cookies.get(BrowserSignIn.SESSION_COOKIE);
    BrowserOutcome outcome;
    switch (path) {
      case AUTHORIZE:
        if (!method.equals("GET") && !method.equals("POST")) return notAllowed("GET, POST");
        outcome = signIn.authorize(parameters, session);
        break;
      case LOGIN:
        if (!method.equals("GET")) return notAllowed("GET");
        outcome = signIn.loginPage(parameters.get("sessionDataKey"),
            "true".equals(parameters.get("authFailure")) ? parameters.get("authFailureMsg") : null);
        break;
      case COMMON_AUTH:
        if (!method.equals("POST")) return notAllowed("POST");
        outcome = signIn.login(parameters, cookies);
        break;
      case ERROR:
        if (!method.equals("GET")) return notAllowed("GET");
        outcome = signIn.errorPage(parameters.get("oauthErrorCode"), parameters.get("oauthErrorMsg"));
        break;
      case SIGNED_OUT:
        if (!method.equals("GET")) return notAllowed("GET");
        outcome = signIn.signedOutPage();
        break;
      case LOGOUT:
        if (!method.equals("GET") && !method.equals("POST")) return notAllowed("GET, POST");
        outcome = signIn.logout(parameters, session);
        break;
      default:
        throw new IllegalArgumentException("not a browser path: " + path);
    }
    return response(outcome, secure);
  }

  /**
   * The error page for a request too malformed to read (a repeated parameter, bad encoding, too
   * large). It says so in its own words: the parser's would repeat what the request said.
   */
  public HttpResponse badRequest() {
    return response(BrowserOutcome.errorPage(400, "invalid_request", "The request is malformed: a parameter is "
        + "repeated, badly encoded, or the request is too large. Go back to the app and sign in again."), false);
  }

  /** The live browser sessions, oldest first. */
  public List<BrowserSession> sessions() {
    return signIn.sessions();
  }

  /** Ends the session with this id; false when there is none. */
  public boolean endSession(String id) {
    return signIn.endSession(id);
  }

  /** Ends every browser session of {@code user}; returns how many. */
  public int endSessions(String user) {
    return signIn.endSessions(user);
  }

  /** Forgets every session and waiting sign-in. */
  public void reset() {
    signIn.reset();
  }

  private static HttpResponse response(BrowserOutcome outcome, boolean secure) {
    HttpResponse response = HttpResponse.status(outcome.status)
        .setHeader("Cache-Control", "no-store")
        .setHeader("Pragma", "no-cache")
        .setHeader("Referrer-Policy", "no-referrer")
        .setHeader("X-Content-Type-Options", "nosniff")
        .setHeader("X-Frame-Options", "DENY");
    for (BrowserOutcome.Cookie cookie : outcome.cookies) {
      response.addHeader("Set-Cookie", cookie.name() + "=" + (cookie.value() == null ? "" : cookie.value())
          + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
          + (cookie.value() == null ? "; Max-Age=0" : ""));
    }
    if (outcome.location != null) return response.setHeader("Location", outcome.location);
    String csp = CSP;
    if (outcome.page == BrowserOutcome.Page.LOGIN) csp += "; form-action 'self' " + formTarget(outcome.login);
    return response
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .setHeader("Content-Security-Policy", csp)
        .setBody(Pages.render(outcome));
  }

  /**
   * Where the form's redirects may end: the client's redirect URI, as a CSP source. Browsers hold
   * the redirects that follow a form post to {@code form-action}, and the chain ends at the client.
   */
  private static String formTarget(LoginPage page) {
    try {
      URI uri = new URI(page.redirectUri());
      if (uri.getScheme() == null || !uri.getScheme().matches("[A-Za-z][A-Za-z0-9+.-]*")) return "";
      if (uri.getRawAuthority() == null) return uri.getScheme() + ":";
      return uri.getScheme() + "://" + uri.getRawAuthority().replaceAll("[;,\\s]", "");
    } catch (java.net.URISyntaxException e) {
      return ""; // a pattern-registered URI that is no URI: the form's own origin only
    }
  }

  private static HttpResponse notAllowed(String allowed) {
    return HttpResponse.status(405).setHeader("Allow", allowed)
        .setHeader("Content-Type", "text/plain; charset=utf-8").setBody("Use " + allowed + "\n");
  }

  /** The request's cookies by name; the first of a repeated name wins, as browsers send the most specific first. */
  static Map<String, String> cookies(String header) {
    Map<String, String> cookies = new HashMap<>();
    if (header == null) return cookies;
    for (String pair : header.split(";")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) continue;
      cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return cookies;
  }

  /** The page's stylesheet, read from the jar the first time a browser asks for it, not at start-up. */
  private static final class Stylesheet {
    static final byte[] BYTES = read();

    private static byte[] read() {
      try (InputStream in = BrowserEndpoint.class.getResourceAsStream("sign-in.css")) {
        if (in == null) throw new IllegalStateException("sign-in.css is missing from the jar");
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

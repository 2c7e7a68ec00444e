package dev.resilientsession.gateway.browser;

import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.Authorization;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.TokenService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WSO2's browser sign-in in plain Java: {@code /oauth2/authorize} sends a browser without a session
 * to the login page with a {@code sessionDataKey}; the form posts to {@code /commonauth}, which
 * starts the browser session ({@code commonAuthId}) and sends the browser back to
 * {@code /oauth2/authorize}, which redirects to the client with a code. A browser that has a
 * session skips the form (single sign-on); {@code /oidc/logout} ends it.
 */
final class BrowserSignIn {
  static final String SESSION_COOKIE = "commonAuthId";
  /** Followed by the sessionDataKey: binds a login form to the browser it was shown to. */
  static final String NONCE_COOKIE_PREFIX = "sessionNonceCookie-";
  static final String LOGIN_PATH = "/authenticationendpoint/login.do";
  static final String ERROR_PATH = "/authenticationendpoint/oauth2_error.do";
  static final String SIGNED_OUT_PATH = "/authenticationendpoint/oauth2_logout.do";

  static final String POST_LOGOUT_MISMATCH = "Post logout URI does not match with registered callback URI.";
  static final String UNKNOWN_LOGOUT_CLIENT = "Error occurred while getting application information. Client id not found.";

  /**
   * What the error page says for WSO2's error message keys and texts; any other {@code
   * oauthErrorMsg} in its URL is not shown, so nobody can make the gateway's page say their words.
   */
  private static final Map<String, String> ERRORS = Map.of(
      "application.not.found", "The app that sent you here is not registered with this gateway (unknown client_id).",
      "callback.not.match", "The app asked to come back to an address it has not registered (redirect_uri).",
      "invalid.redirect.uri", "The app's sign-in request has no redirect_uri.",
      "client.id.not.present", "The app's sign-in request has no client_id.",
      POST_LOGOUT_MISMATCH, POST_LOGOUT_MISMATCH,
      UNKNOWN_LOGOUT_CLIENT, UNKNOWN_LOGOUT_CLIENT);

  /** The failures the login page can show, by WSO2's message keys: nothing else ever reaches the page. */
  private static final Map<String, String> FAILURES = Map.of(
      "login.fail.message", "The username or password is incorrect. Try again.",
      "user.account.locked", "This account is locked after too many failed attempts. Try again later, "
          + "or ask an administrator to unlock it.",
      "login.empty.message", "Enter your username and password.");

  private final TokenService tokens;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final BrowserSessions sessions;
  private final PendingLogins pending;

  BrowserSignIn(TokenService tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
    this.sessions = new BrowserSessions(clock, this::randomId);
    this.pending = new PendingLogins(clock, this::randomId);
  }

  /** {@code GET /oauth2/authorize}: a new request, or one coming back from the login form. */
  BrowserOutcome authorize(Map<String, String> parameters, String sessionCookie) {
    String returning = parameters.get("sessionDataKey");
    if (returning != null) return returnFromLogin(returning, sessionCookie);

    AuthorizeRequest request;
    try {
      request = AuthorizeRequest.parse(parameters, tokens.application(parameters.get("client_id")).orElse(null));
    } catch (AuthorizeError e) {
      return refused(e);
    }
    BrowserSessions.Entry session = sessions.find(sessionCookie);
    if (session != null && tokens.isLocked(session.user)) session = null;
    if (request.prompt == AuthorizeRequest.Prompt.NONE) {
      if (session == null) {
        return refused(AuthorizeError.redirect("login_required", "Authentication required", request.redirectUri,
            request.state));
      }
      return code(request, session);
    }
    if (session != null && request.maxAge != null
        && session.signedInAt.plusSeconds(request.maxAge).isBefore(clock.instant())) {
      session = null; // signed in longer ago than the client accepts
    }
    if (session != null && request.prompt != AuthorizeRequest.Prompt.LOGIN) return code(request, session);

    PendingLogins.Pending login = pending.add(request);
    if (login == null) {
      return BrowserOutcome.errorPage(503, "temporarily_unavailable", "Too many sign-ins are waiting. Try again in a minute.");
    }
    String clientId = request.application.consumerKey();
    return BrowserOutcome.redirect(withParameters(LOGIN_PATH, "client_id", clientId, "sessionDataKey", login.key,
            "relyingParty", clientId, "type", request.scope.contains("openid") ? "oidc" : "oauth2",
            "authenticators", "BasicAuthenticator:LOCAL"))
        .cookie(NONCE_COOKIE_PREFIX + login.key, login.nonce);
  }

  /** {@code GET /authenticationendpoint/oauth2_error.do}: an error nobody could be redirected with. */
  BrowserOutcome errorPage(String code, String message) {
    String text = message == null ? null : ERRORS.get(message);
    return BrowserOutcome.errorPage(400, code == null || !code.matches("[a-z_]{1,40}") ? "invalid_request" : code,
        text != null ? text : "The request could not be completed. Go back to the app and try again.");
  }

  /** {@code GET /authenticationendpoint/login.do}: the form of a waiting request. */
  BrowserOutcome loginPage(String sessionDataKey, String failureKey) {
    PendingLogins.Pending login = pending.find(sessionDataKey);
    if (login == null) return expired();
    String failure = failureKey == null ? null : FAILURES.get(failureKey);
    return BrowserOutcome.loginPage(new LoginPage(login.request.application.consumerKey(), login.request.redirectUri, login.key,
        login.lastUsername, failure));
  }

  /**
   * {@code POST /commonauth}: checks the form's credentials against the user store, as the password
   * grant does (wrong passwords count towards a lockout). Only a form from the browser that started
   * the request is accepted.
   */
  BrowserOutcome login(Map<String, String> form, Map<String, String> cookies) {
    String key = form.get("sessionDataKey");
    PendingLogins.Pending login = pending.find(key);
    if (login == null) return expired();
    if (!login.boundTo(cookies.get(NONCE_COOKIE_PREFIX + login.key))) {
      return BrowserOutcome.errorPage(400, "invalid_request", "This sign-in form was not opened in this browser. "
          + "Go back to the app and sign in again.");
    }
    if (login.sessionCookie != null) return backToAuthorize(login); // a second click on "Sign in"
    String username = form.get("username");
    String password = form.get("password");
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      if (username != null && !username.isBlank()) login.lastUsername = username;
      return failed(login, "login.empty.message");
    }
    String user;
    try {
      user = tokens.signIn(username.trim(), password);
    } catch (OAuthException e) {
      login.lastUsername = username;
      return tokens.isLocked(username.trim()) ? failed(login, "user.account.locked", "errorCode", "17003")
          : failed(login, "login.fail.message");
    }
    String cookie = sessions.start(user);
    login.sessionCookie = cookie;
    sessions.endByCookie(cookies.get(SESSION_COOKIE)); // a sign-in replaces the browser's previous session
    return backToAuthorize(login)
        .cookie(SESSION_COOKIE, cookie)
        .cookie(NONCE_COOKIE_PREFIX + login.key, null);
  }

  /**
   * {@code /oidc/logout} (OIDC RP-Initiated Logout): ends the browser's session, then returns to
   * {@code post_logout_redirect_uri} with {@code state} if the client ({@code client_id}, else the
   * {@code id_token_hint}'s) registered it, or to the signed-out page. WSO2's logout consent page
   * is skipped.
   */
  BrowserOutcome logout(Map<String, String> parameters, String sessionCookie) {
    String postLogout = parameters.get("post_logout_redirect_uri");
    String location = SIGNED_OUT_PATH;
    if (postLogout != null && !postLogout.isEmpty()) {
      String clientId = parameters.get("client_id");
      if (clientId == null || clientId.isEmpty()) {
        clientId = tokens.idTokenClient(parameters.get("id_token_hint")).orElse(null);
      }
      Optional<Application> application = tokens.application(clientId);
      if (application.isEmpty()) return toErrorPage("access_denied", UNKNOWN_LOGOUT_CLIENT);
      if (!application.get().redirectUris().matches(postLogout)) return toErrorPage("access_denied", POST_LOGOUT_MISMATCH);
      location = withParameters(postLogout, "state", parameters.get("state"));
    }
    sessions.endByCookie(sessionCookie);
    return BrowserOutcome.redirect(location).cookie(SESSION_COOKIE, null);
  }

  /** {@code GET /authenticationendpoint/oauth2_logout.do}. */
  BrowserOutcome signedOutPage() {
    return BrowserOutcome.signedOut();
  }

  List<BrowserSession> sessions() {
    return sessions.list();
  }

  boolean endSession(String id) {
    return sessions.end(id);
  }

  int endSessions(String user) {
    return sessions.endAll(user);
  }

  void reset() {
    sessions.clear();
    pending.clear();
  }

  private BrowserOutcome returnFromLogin(String key, String sessionCookie) {
    PendingLogins.Pending login = pending.find(key);
    if (login == null) return expired();
    BrowserSessions.Entry session = login.sessionCookie != null && login.sessionCookie.equals(sessionCookie)
        ? sessions.find(sessionCookie) : null;
    if (session == null) {
      return BrowserOutcome.errorPage(400, "invalid_request", "This browser did not complete the sign-in. "
          + "Go back to the app and sign in again.");
    }
    if (!pending.complete(login)) return expired();
    return code(login.request, session);
  }

  /** Redirects to the client with a new code: the end of every successful path. */
  private BrowserOutcome code(AuthorizeRequest request, BrowserSessions.Entry session) {
    String clientId = request.application.consumerKey();
    session.signedInTo(clientId);
    String code = tokens.issueCode(new Authorization(clientId, session.user, request.scope, request.redirectUri,
        request.codeChallenge, request.codeChallengeMethod, request.nonce, session.id,
        request.maxAge != null ? session.signedInAt : null));
    return BrowserOutcome.redirect(withParameters(request.redirectUri, "code", code, "state", request.state,
        "session_state", sessionState(clientId, request.redirectUri, session)));
  }

  /**
   * OIDC Session Management's {@code session_state}: a salted hash of the client, the redirect
   * URI's origin and the browser's session, so a relying party can watch the session change.
   */
  private String sessionState(String clientId, String redirectUri, BrowserSessions.Entry session) {
    String salt = randomId().substring(0, 16);
    String origin = redirectUri;
    int path = redirectUri.indexOf('/', redirectUri.indexOf("//") + 2);
    if (redirectUri.contains("//") && path > 0) origin = redirectUri.substring(0, path);
    byte[] digest = sha256((clientId + " " + origin + " " + session.id + " " + salt).getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder(digest.length * 2 + 17);
    for (byte b : digest) hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    return hex.append('.').append(salt).toString();
  }

  private BrowserOutcome backToAuthorize(PendingLogins.Pending login) {
    return BrowserOutcome.redirect("/oauth2/authorize?sessionDataKey=" + login.key);
  }

  private BrowserOutcome failed(PendingLogins.Pending login, String failureKey, String... more) {
    String location = withParameters(LOGIN_PATH, "sessionDataKey", login.key, "authenticators",
        "BasicAuthenticator:LOCAL", "authFailure", "true", "authFailureMsg", failureKey);
    return BrowserOutcome.redirect(withParameters(location, more));
  }

  private static BrowserOutcome refused(AuthorizeError error) {
    if (error.redirectUri == null) return toErrorPage(error.error, error.description());
    return BrowserOutcome.redirect(withParameters(error.redirectUri, "error", error.error, "error_description",
        error.description(), "state", error.state));
  }

  /** WSO2's way to an error page: a redirect to it, the error in its query. */
  private static BrowserOutcome toErrorPage(String code, String message) {
    return BrowserOutcome.redirect(withParameters(ERROR_PATH, "oauthErrorCode", code, "oauthErrorMsg", message));
  }

  private static BrowserOutcome expired() {
    return BrowserOutcome.errorPage(400, "invalid_request", "This sign-in has expired or was already completed. "
        + "Go back to the app and sign in again.");
  }

  /** {@code uri} with name/value pairs added to its query; null values are left out. */
  static String withParameters(String uri, String... namesAndValues) {
    StringBuilder result = new StringBuilder(uri);
    boolean first = uri.indexOf('?') == -1;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) continue;
      result.append(first ? '?' : '&').append(namesAndValues[i]).append('=').append(encode(namesAndValues[i + 1]));
      first = false;
    }
    return result.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String randomId() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError("every JRE has SHA-256", e);
    }
  }
}

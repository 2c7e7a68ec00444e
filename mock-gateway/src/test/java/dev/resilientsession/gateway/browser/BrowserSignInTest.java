package dev.resilientsession.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.Simultaneously;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.Pkce;
import dev.resilientsession.gateway.token.TokenRequest;
import dev.resilientsession.gateway.token.TokenService;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The browser flow's rules, without HTTP: section 14 of docs/gateway-behaviour.md. Each test is a
 * browser: the cookies it keeps are the ones the outcomes set.
 */
class BrowserSignInTest {
  static final String APP = "public-client";
  static final String CALLBACK = "http://127.0.0.1:50000/callback";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  private final TestClock clock = new TestClock();
  private final TokenService tokens = TokenService.create(config().build(), clock);
  private final BrowserSignIn signIn = new BrowserSignIn(tokens, clock);
  /** The browser's cookie jar. */
  private final Map<String, String> cookies = new HashMap<>();

  static GatewayConfig.Builder config() {
    return GatewayConfig.builder()
        .user(User.of("alice", "alice-pw"))
        .user(User.of("bob", "bob-pw"))
        .application(Application.builder(APP, null).publicClient(true).pkceMandatory(true).pkcePlainAllowed(false)
            .redirectUris("http://127.0.0.1/callback", "dev.resilientsession.sample:/callback").build())
        .application(Application.builder("confidential", "secret").tokenType(TokenType.OPAQUE)
            .redirectUris("regexp=https://app\\.example\\.com/(cb|callback)").build())
        .accountLockout(AccountLockout.after(3, Duration.ofMinutes(5)));
  }

  // --- who gets an error page and who gets redirected

  @Test void anUnknownClientGetsAnErrorPageAndIsNeverRedirected() {
    BrowserOutcome outcome = authorize(request().with("client_id", "nobody"));

    assertThat(outcome.location).startsWith("/authenticationendpoint/oauth2_error.do?oauthErrorCode=invalid_client"
        + "&oauthErrorMsg=application.not.found");
  }

  @Test void anUnregisteredRedirectUriGetsAnErrorPageAndIsNeverRedirected() {
    BrowserOutcome outcome = authorize(request().with("redirect_uri", "https://evil.example/callback"));

    assertThat(outcome.location).startsWith("/authenticationendpoint/oauth2_error.do?oauthErrorCode=invalid_callback");
    assertThat(signIn.errorPage("invalid_callback", "callback.not.match").errorDescription)
        .contains("has not registered");
  }

  @Test void theCodeFlowNeedsARedirectUriAsOnWso2() {
    Map<String, String> request = request();
    request.remove("redirect_uri");

    assertThat(authorize(request).location).contains("oauthErrorMsg=invalid.redirect.uri");
  }

  @Test void theErrorPageShowsOnlyMessagesItKnows() {
    BrowserOutcome page = signIn.errorPage("invalid_request", "Call +1-555 and give your password");

    assertThat(page.errorDescription).doesNotContain("555").contains("could not be completed");
    assertThat(signIn.errorPage("<script>", null).error).isEqualTo("invalid_request");
  }

  @Test void laterErrorsGoBackToTheClientWithItsState() {
    assertThat(query(authorize(request().with("response_type", "token"))))
        .containsEntry("error", "unsupported_response_type").containsEntry("state", "st-1");
    assertThat(query(authorize(request().without("response_type"))))
        .containsEntry("error", "invalid_request").containsEntry("error_description", "Missing response_type parameter value");
  }

  @Test void pkceErrorsFollowWso2sOrderAndWords() {
    assertThat(query(authorize(request().without("code_challenge"))).get("error_description"))
        .isEqualTo("PKCE is mandatory for this application. PKCE Challenge is not provided or is not upto RFC 7636 "
            + "specification.");
    assertThat(query(authorize(request().with("code_challenge_method", "S512"))).get("error_description"))
        .as("a bad method on a PKCE-mandatory app").startsWith("PKCE is mandatory");
    Params confidential = request().with("client_id", "confidential").with("redirect_uri", "https://app.example.com/cb");
    assertThat(query(authorize(new Params(confidential).with("code_challenge_method", "S512"))).get("error_description"))
        .isEqualTo("Unsupported PKCE Challenge Method");
    assertThat(query(authorize(request().with("code_challenge", VERIFIER).with("code_challenge_method", "plain")))
        .get("error_description")).isEqualTo("This application does not support \"plain\" transformation algorithm.");
    assertThat(query(authorize(new Params(confidential).with("code_challenge", "short"))).get("error_description"))
        .isEqualTo("Code challenge used is not up to RFC 7636 specifications.");
  }

  @Test void promptValuesAreChecked() {
    assertThat(query(authorize(request().with("prompt", "none login"))).get("error_description"))
        .startsWith("Invalid prompt variable combination");
    assertThat(query(authorize(request().with("prompt", "sometimes"))).get("error"))
        .isEqualTo("invalid_request");
  }

  // --- signing in

  @Test void aBrowserWithoutASessionIsShownTheFormAndSignsIn() {
    BrowserOutcome toForm = authorize(request());
    String key = parameter(toForm.location, "sessionDataKey");

    BrowserOutcome form = keep(signIn.loginPage(key, null));
    assertThat(form.page).isEqualTo(BrowserOutcome.Page.LOGIN);
    assertThat(form.login.clientId()).isEqualTo(APP);

    String redirect = follow(post(key, "alice", "alice-pw"));
    assertThat(redirect).startsWith(CALLBACK + "?code=");
    assertThat(parameter(redirect, "state")).isEqualTo("st-1");
    assertThat(parameter(redirect, "session_state")).matches("[0-9a-f]{64}\\.[A-Za-z0-9_-]{16}");
  }

  @Test void theCodeBuysATokenWithTheVerifier() {
    String code = parameter(signInAs("alice"), "code");

    var token = tokens.token(TokenRequest.builder().client(APP, null).grantType("authorization_code").code(code)
        .redirectUri(CALLBACK).codeVerifier(VERIFIER).build());

    assertThat(tokens.validate(token.accessToken())).hasValueSatisfying(info -> assertThat(info.user()).isEqualTo("alice"));
  }

  @Test void aWrongPasswordShowsTheFormAgainWithTheUsernameAndAClearMessage() {
    String key = parameter(authorize(request()).location, "sessionDataKey");

    BrowserOutcome failed = post(key, "alice", "wrong");

    assertThat(failed.location).contains("authFailure=true").contains("authFailureMsg=login.fail.message")
        .doesNotContain("alice").doesNotContain("wrong");
    BrowserOutcome form = signIn.loginPage(key, "login.fail.message");
    assertThat(form.login.failure()).isEqualTo("The username or password is incorrect. Try again.");
    assertThat(form.login.username()).isEqualTo("alice");
    assertThat(follow(post(key, "alice", "alice-pw"))).startsWith(CALLBACK);
  }

  @Test void aLockedAccountIsToldSoEvenWithTheRightPassword() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    post(key, "alice", "wrong");
    post(key, "alice", "wrong");

    BrowserOutcome locked = post(key, "alice", "wrong");
    BrowserOutcome stillLocked = post(key, "alice", "alice-pw");

    assertThat(locked.location).contains("authFailureMsg=user.account.locked").contains("errorCode=17003");
    assertThat(stillLocked.location).contains("authFailureMsg=user.account.locked");
    assertThat(signIn.loginPage(key, "user.account.locked").login.failure()).contains("locked");
  }

  @Test void anEmptyFormIsAskedAgain() {
    String key = parameter(authorize(request()).location, "sessionDataKey");

    assertThat(post(key, "", "").location).contains("authFailureMsg=login.empty.message");
  }

  @Test void aFormPostedWithoutItsBrowsersNonceIsRefused() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    cookies.clear(); // another browser, or a cross-site post that carries no SameSite=Lax cookie

    BrowserOutcome outcome = post(key, "alice", "alice-pw");

    assertThat(outcome.page).isEqualTo(BrowserOutcome.Page.ERROR);
    assertThat(outcome.errorDescription).contains("not opened in this browser");
  }

  @Test void aSignInCompletesOnce() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    BrowserOutcome accepted = keep(post(key, "alice", "alice-pw"));
    assertThat(follow(accepted)).startsWith(CALLBACK);

    assertThat(signIn.authorize(Map.of("sessionDataKey", key), cookies.get("commonAuthId")).page)
        .isEqualTo(BrowserOutcome.Page.ERROR);
    assertThat(signIn.loginPage(key, null).page).isEqualTo(BrowserOutcome.Page.ERROR);
  }

  @Test void aSignInRacedByManyTabsCompletesOnce() throws Exception {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    keep(post(key, "alice", "alice-pw"));
    String session = cookies.get("commonAuthId");

    List<BrowserOutcome> outcomes = Simultaneously.run(16,
        () -> signIn.authorize(Map.of("sessionDataKey", key), session));

    assertThat(outcomes).filteredOn(outcome -> outcome.location != null
        && outcome.location.startsWith(CALLBACK + "?code=")).hasSize(1);
  }

  @Test void idleSessionsAreSweptSoMemoryFollowsTheLiveOnes() {
    BrowserSessions sessions = new BrowserSessions(clock, () -> java.util.UUID.randomUUID().toString());
    for (int i = 0; i < 5000; i++) sessions.start("user-" + i);
    clock.advance(BrowserSessions.IDLE_TIMEOUT);
    for (int i = 0; i < 1024; i++) sessions.start("later-" + i);

    assertThat(sessions.size()).isLessThanOrEqualTo(1024 + 1023);
  }

  @Test void neitherASessionCookieNorASessionDataKeyReachesToString() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    BrowserOutcome accepted = post(key, "alice", "alice-pw");
    String session = cookies.get("commonAuthId");

    assertThat(accepted.cookies.toString()).doesNotContain(session).contains("commonAuthId");
    assertThat(signIn.loginPage(key, null).login.toString()).doesNotContain(key).contains(APP);
  }

  @Test void aWaitingSignInExpires() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    clock.advance(PendingLogins.VALIDITY);

    assertThat(post(key, "alice", "alice-pw").page).isEqualTo(BrowserOutcome.Page.ERROR);
  }

  @Test void anotherBrowserCannotFinishTheSignIn() {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    BrowserOutcome accepted = post(key, "alice", "alice-pw");

    BrowserOutcome stranger = signIn.authorize(Map.of("sessionDataKey", key), "someone-elses-session");

    assertThat(accepted.location).isEqualTo("/oauth2/authorize?sessionDataKey=" + key);
    assertThat(stranger.page).isEqualTo(BrowserOutcome.Page.ERROR);
  }

  // --- single sign-on

  @Test void aSecondSignInInTheSameBrowserSkipsTheForm() {
    signInAs("alice");

    BrowserOutcome second = authorize(request().with("redirect_uri", "dev.resilientsession.sample:/callback"));

    assertThat(second.location).startsWith("dev.resilientsession.sample:/callback?code=");
    assertThat(signIn.sessions()).singleElement().satisfies(session -> {
      assertThat(session.user()).isEqualTo("alice");
      assertThat(session.clients()).containsExactly(APP);
    });
  }

  @Test void promptLoginAlwaysShowsTheForm() {
    signInAs("alice");

    assertThat(authorize(request().with("prompt", "login")).location).startsWith("/authenticationendpoint/login.do");
  }

  @Test void promptNoneAnswersLoginRequiredWithoutASessionAndACodeWithOne() {
    assertThat(query(authorize(request().with("prompt", "none"))))
        .containsEntry("error", "login_required").containsEntry("error_description", "Authentication required")
        .containsEntry("state", "st-1");

    signInAs("alice");

    assertThat(authorize(request().with("prompt", "none")).location).startsWith(CALLBACK + "?code=");
  }

  @Test void aSessionIdleForFifteenMinutesIsOver() {
    signInAs("alice");
    clock.advance(BrowserSessions.IDLE_TIMEOUT);

    assertThat(query(authorize(request().with("prompt", "none")))).containsEntry("error", "login_required");
  }

  @Test void maxAgeAsksForAFreshSignIn() {
    signInAs("alice");
    clock.advance(Duration.ofSeconds(120));

    assertThat(authorize(request().with("max_age", "600")).location).startsWith(CALLBACK);
    assertThat(authorize(request().with("max_age", "60")).location).startsWith("/authenticationendpoint/login.do");
    assertThat(query(authorize(request().with("max_age", "soon")))).containsEntry("error", "invalid_request");
  }

  @Test void endingAUsersSessionsBringsTheFormBack() {
    signInAs("alice");

    assertThat(signIn.endSessions("alice")).isEqualTo(1);
    assertThat(query(authorize(request().with("prompt", "none")))).containsEntry("error", "login_required");
  }

  @Test void endingOneSessionByItsIdLeavesTheOthers() {
    signInAs("alice");
    Map<String, String> alicesBrowser = new HashMap<>(cookies);
    cookies.clear();
    signInAs("bob");
    String bobs = signIn.sessions().stream().filter(s -> s.user().equals("bob")).findFirst().orElseThrow().id();

    assertThat(signIn.endSession(bobs)).isTrue();
    assertThat(signIn.sessions()).extracting(BrowserSession::user).containsExactly("alice");
    assertThat(signIn.authorize(request().with("prompt", "none"), alicesBrowser.get("commonAuthId")).location)
        .startsWith(CALLBACK + "?code=");
  }

  @Test void aSignInAsSomeoneElseReplacesTheBrowsersSession() {
    signInAs("alice");
    String key = parameter(authorize(request().with("prompt", "login")).location, "sessionDataKey");
    follow(post(key, "bob", "bob-pw"));

    assertThat(signIn.sessions()).extracting(BrowserSession::user).containsExactly("bob");
  }

  // --- logout

  @Test void logoutEndsTheSessionAndReturnsToARegisteredUri() {
    signInAs("alice");

    BrowserOutcome out = signIn.logout(Map.of("client_id", APP, "post_logout_redirect_uri", CALLBACK, "state", "bye"),
        cookies.get("commonAuthId"));

    assertThat(out.location).isEqualTo(CALLBACK + "?state=bye");
    assertThat(out.cookies).contains(new BrowserOutcome.Cookie("commonAuthId", null));
    assertThat(signIn.sessions()).isEmpty();
  }

  @Test void logoutWithoutAReturnAddressShowsTheSignedOutPage() {
    signInAs("alice");

    assertThat(signIn.logout(Map.of(), cookies.get("commonAuthId")).location)
        .isEqualTo("/authenticationendpoint/oauth2_logout.do");
    assertThat(signIn.sessions()).isEmpty();
  }

  @Test void logoutNeverRedirectsToAnUnregisteredUri() {
    signInAs("alice");

    BrowserOutcome out = signIn.logout(Map.of("client_id", APP, "post_logout_redirect_uri", "https://evil.example/"),
        cookies.get("commonAuthId"));

    assertThat(out.location).startsWith("/authenticationendpoint/oauth2_error.do?oauthErrorCode=access_denied");
    assertThat(signIn.sessions()).as("nothing ended on a refused logout").hasSize(1);
    assertThat(signIn.logout(Map.of("post_logout_redirect_uri", CALLBACK), null).location)
        .as("no client to check the URI against").contains("oauth2_error.do");
  }

  // --- helpers: a browser that keeps its cookies

  private Params request() {
    return new Params(new LinkedHashMap<>(Map.of(
        "response_type", "code",
        "client_id", APP,
        "redirect_uri", CALLBACK,
        "scope", "openid device_laptop",
        "state", "st-1",
        "nonce", "n-1",
        "code_challenge", Pkce.s256(VERIFIER),
        "code_challenge_method", "S256")));
  }

  private BrowserOutcome authorize(Map<String, String> parameters) {
    return keep(signIn.authorize(parameters, cookies.get("commonAuthId")));
  }

  private BrowserOutcome post(String key, String username, String password) {
    Map<String, String> form = new HashMap<>();
    form.put("sessionDataKey", key);
    form.put("username", username);
    form.put("password", password);
    return keep(signIn.login(form, cookies));
  }

  /** Follows the login's redirect back to authorize; returns where the browser goes next. */
  private String follow(BrowserOutcome accepted) {
    assertThat(accepted.location).startsWith("/oauth2/authorize?sessionDataKey=");
    String key = parameter(accepted.location, "sessionDataKey");
    return keep(signIn.authorize(Map.of("sessionDataKey", key), cookies.get("commonAuthId"))).location;
  }

  private String signInAs(String user) {
    String key = parameter(authorize(request()).location, "sessionDataKey");
    return follow(post(key, user, user + "-pw"));
  }

  private BrowserOutcome keep(BrowserOutcome outcome) {
    for (BrowserOutcome.Cookie cookie : outcome.cookies) {
      if (cookie.value() == null) cookies.remove(cookie.name()); else cookies.put(cookie.name(), cookie.value());
    }
    return outcome;
  }

  private static Map<String, String> query(BrowserOutcome outcome) {
    assertThat(outcome.location).as("a redirect").isNotNull();
    Map<String, String> query = new HashMap<>();
    int start = outcome.location.indexOf('?');
    for (String pair : outcome.location.substring(start + 1).split("&")) {
      int equals = pair.indexOf('=');
      query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static String parameter(String location, String name) {
    BrowserOutcome redirect = BrowserOutcome.redirect(location);
    return query(redirect).get(name);
  }

  /** A mutable parameter map whose put and remove chain. */
  static final class Params extends LinkedHashMap<String, String> {
    Params(Map<String, String> values) {
      super(values);
    }

    Params with(String name, String value) {
      super.put(name, value);
      return this;
    }

    Params without(String name) {
      super.remove(name);
      return this;
    }
  }
}

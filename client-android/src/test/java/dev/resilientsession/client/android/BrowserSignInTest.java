package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.Application;
import android.content.ComponentName;
import android.content.Intent;
import android.content.IntentFilter;
import android.net.Uri;
import android.os.Bundle;
import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.SignInMethod;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowPackageManager;

/** The browser sign-in's two activities, played as Android would, against the mock gateway. */
@RunWith(RobolectricTestRunner.class)
public class BrowserSignInTest {
  private static final String REDIRECT_URI = GatewayConfig.DEFAULT_APP_REDIRECT_URI;
  private static final String BROWSER = "com.example.browser";

  private final Application application = RuntimeEnvironment.getApplication();
  private final ShadowPackageManager packages = shadowOf(application.getPackageManager());
  private final JceKeyProvider keys = new JceKeyProvider();
  private final List<ActivityController<?>> activities = new ArrayList<>();
  private MockGatewayServer server;
  private ResilientSession session;

  @Before public void startGateway() throws Exception {
    server = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults())).start();
    session = session();
  }

  @After public void stop() throws Exception {
    for (ActivityController<?> activity : activities) activity.close(); // from whatever state it is in
    session.close();
    server.close();
  }

  @Test public void aBrowserWithCustomTabsOpensTheSignInInATab() {
    installBrowser(true);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);

    Intent browser = openBrowser(request).browser;

    assertThat(browser.getAction()).isEqualTo(Intent.ACTION_VIEW);
    assertThat(browser.getDataString()).isEqualTo(request.url());
    assertThat(browser.getPackage()).isEqualTo(BROWSER);
    assertThat(browser.getExtras().containsKey("android.support.customtabs.extra.SESSION")).isTrue();
    assertThat(browser.getExtras().getBinder("android.support.customtabs.extra.SESSION")).isNull();
  }

  @Test public void aBrowserWithoutCustomTabsOpensTheSignInAsAPage() {
    installBrowser(false);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);

    Intent browser = openBrowser(request).browser;

    assertThat(browser.getAction()).isEqualTo(Intent.ACTION_VIEW);
    assertThat(browser.getDataString()).isEqualTo(request.url());
    assertThat(browser.getPackage()).isEqualTo(BROWSER);
    assertThat(browser.hasExtra("android.support.customtabs.extra.SESSION")).isFalse();
  }

  @Test public void withoutADefaultBrowserTheSystemChoosesOne() {
    Intent browser = openBrowser(session.authorizationRequest(REDIRECT_URI)).browser;

    assertThat(browser.getAction()).isEqualTo(Intent.ACTION_VIEW);
    assertThat(browser.getPackage()).isNull();
    assertThat(browser.hasExtra("android.support.customtabs.extra.SESSION")).isFalse();
  }

  @Test public void noBrowserAtAllIsATypedFailureNotACrash() {
    shadowOf(application).checkActivities(true); // starting an intent no activity handles throws, as on a device

    ActivityController<BrowserSignInActivity> signIn =
        build(BrowserSignInActivity.class, BrowserSignIn.intent(application,
            session.authorizationRequest(REDIRECT_URI))).setup();

    assertThat(signIn.get().isFinishing()).isTrue();
    assertThatThrownBy(() -> result(signIn))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.CANCELLED))
        .hasMessage("No browser is installed to sign in with");
  }

  @Test public void theRedirectComesBackWithTheRequestAndSignsIn() throws Exception {
    installBrowser(true);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);
    Flow flow = openBrowser(request);
    String redirect = server.browserRobot().signIn(flow.browser.getDataString(), "admin", "admin");

    flow.signIn.pause().stop(); // the browser is on top
    Intent forwarded = receiveRedirect(redirect);
    flow.signIn.newIntent(forwarded).restart().resume();

    BrowserSignIn result = result(flow.signIn);
    assertThat(result.redirect()).isEqualTo(redirect);
    assertThat(result.request().encode()).isEqualTo(request.encode());
    session.completeSignIn(result.request(), result.redirect());
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test public void theRedirectReceiverForwardsOnlyTheUriToTheSignInBeneathTheBrowser() {
    Intent fromBrowser = new Intent(Intent.ACTION_VIEW, Uri.parse(REDIRECT_URI + "?code=c&state=s"))
        .putExtra("planted", "by another app");

    ActivityController<RedirectReceiverActivity> receiver =
        build(RedirectReceiverActivity.class, fromBrowser).setup();

    Intent forwarded = shadowOf(receiver.get()).getNextStartedActivity();
    assertThat(forwarded.getComponent()).isEqualTo(new ComponentName(application, BrowserSignInActivity.class));
    assertThat(forwarded.getDataString()).isEqualTo(REDIRECT_URI + "?code=c&state=s");
    assertThat(forwarded.getFlags() & (Intent.FLAG_ACTIVITY_CLEAR_TOP | Intent.FLAG_ACTIVITY_SINGLE_TOP))
        .isEqualTo(Intent.FLAG_ACTIVITY_CLEAR_TOP | Intent.FLAG_ACTIVITY_SINGLE_TOP);
    assertThat(forwarded.getExtras()).isNull();
    assertThat(receiver.get().isFinishing()).isTrue();
  }

  @Test public void comingBackWithoutARedirectCancelsTheSignIn() {
    installBrowser(true);
    Flow flow = openBrowser(session.authorizationRequest(REDIRECT_URI));

    flow.signIn.pause().stop();
    flow.signIn.restart().resume(); // the user closed the tab, or pressed back

    assertThatThrownBy(() -> result(flow.signIn))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.CANCELLED))
        .hasMessage("The sign-in in the browser was cancelled");
  }

  @Test public void aSignInSurvivesTheAppBeingKilledWhileTheUserIsInTheBrowser() throws Exception {
    installBrowser(true);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);
    Flow flow = openBrowser(request);
    Bundle saved = new Bundle();
    flow.signIn.pause().stop().saveInstanceState(saved);
    flow.signIn.destroy();
    session.close(); // the process dies: the session and its request are gone
    String redirect = server.browserRobot().signIn(flow.browser.getDataString(), "admin", "admin");

    // Android recreates the sign-in from its saved state, then hands it the redirect.
    ActivityController<BrowserSignInActivity> recreated =
        build(BrowserSignInActivity.class, flow.started).create(saved).start()
            .restoreInstanceState(saved).postCreate(saved);
    recreated.newIntent(receiveRedirect(redirect)).resume();
    BrowserSignIn result = result(recreated);
    session = session(); // the app's new process
    session.completeSignIn(result.request(), result.redirect());

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(shadowOf(recreated.get()).peekNextStartedActivity()).as("no second browser").isNull();
  }

  @Test public void aRedirectFromAnotherSignInIsRefusedByTheSession() throws Exception {
    installBrowser(true);
    AuthorizationRequest mine = session.authorizationRequest(REDIRECT_URI);
    AuthorizationRequest other = session.authorizationRequest(REDIRECT_URI);
    Flow flow = openBrowser(mine);
    String otherRedirect = server.browserRobot().signIn(other.url(), "admin", "admin");

    flow.signIn.pause().stop();
    flow.signIn.newIntent(receiveRedirect(otherRedirect)).restart().resume();
    BrowserSignIn result = result(flow.signIn);

    assertThatThrownBy(() -> session.completeSignIn(result.request(), result.redirect()))
        .isInstanceOfSatisfying(SignInException.class,
            e -> assertThat(e.reason()).isEqualTo(SignInException.Reason.STATE_MISMATCH));
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
  }

  @Test public void aRedirectWithNoSignInUnderWayIsIgnored() {
    ActivityController<BrowserSignInActivity> signIn = build(BrowserSignInActivity.class,
        receiveRedirect(REDIRECT_URI + "?code=c&state=s")).setup();

    assertThat(signIn.get().isFinishing()).isTrue();
    assertThat(shadowOf(signIn.get()).getResultCode()).isEqualTo(Activity.RESULT_CANCELED);
    assertThat(shadowOf(signIn.get()).getResultIntent()).isNull();
    assertThat(shadowOf(signIn.get()).peekNextStartedActivity()).as("no browser").isNull();
  }

  @Test public void aResultOfSomethingElseIsRefused() {
    assertThatThrownBy(() -> BrowserSignIn.fromResult(Activity.RESULT_OK, new Intent()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BrowserSignIn.fromResult(Activity.RESULT_FIRST_USER, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test public void theResultSaysNothingOfTheCodeOrTheVerifier() throws Exception {
    installBrowser(true);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);
    Flow flow = openBrowser(request);
    flow.signIn.pause().stop();
    flow.signIn.newIntent(receiveRedirect(REDIRECT_URI + "?code=secret-code&state=" + request.state()))
        .restart().resume();

    BrowserSignIn result = result(flow.signIn);

    assertThat(result.toString()).doesNotContain("secret-code").doesNotContain(request.state());
    assertThat(request.encode()).as("the verifier is in the encoded request").contains("code_verifier");
    assertThat(result.toString()).doesNotContain("code_verifier");
  }

  @Test public void tokensFromTheBrowserAreStoredAsABrowserSignIn() throws Exception {
    installBrowser(true);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);
    String redirect = server.browserRobot().signIn(request.url(), "admin", "admin");

    session.completeSignIn(request, redirect);

    assertThat(EncryptedTokenStore.create(application, "browser_test", keys).load().signInMethod())
        .isEqualTo(SignInMethod.BROWSER);
  }

  private ResilientSession session() {
    return ResilientSession.builder()
        .tokenUrl(server.url("/oauth2/token"))
        .publicClient(GatewayConfig.DEFAULT_PUBLIC_KEY)
        .deviceIdentity(AndroidDeviceIdentity.create(application, "tablet"))
        .tokenStore(EncryptedTokenStore.create(application, "browser_test", keys))
        .build();
  }

  private <T extends Activity> ActivityController<T> build(Class<T> type, Intent intent) {
    ActivityController<T> activity = Robolectric.buildActivity(type, intent);
    activities.add(activity);
    return activity;
  }

  /** A default browser, with or without a Custom Tabs service. */
  private void installBrowser(boolean customTabs) {
    ComponentName activity = new ComponentName(BROWSER, BROWSER + ".BrowserActivity");
    packages.addActivityIfNotPresent(activity);
    IntentFilter pages = new IntentFilter(Intent.ACTION_VIEW);
    pages.addCategory(Intent.CATEGORY_DEFAULT);
    pages.addCategory(Intent.CATEGORY_BROWSABLE);
    pages.addDataScheme("http");
    pages.addDataScheme("https");
    packages.addIntentFilterForActivity(activity, pages);
    if (customTabs) {
      ComponentName service = new ComponentName(BROWSER, BROWSER + ".CustomTabsService");
      packages.addServiceIfNotPresent(service);
      packages.addIntentFilterForService(service, new IntentFilter("android.support.customtabs.action.CustomTabsService"));
    }
  }

  /** The app starts the sign-in; it opens the browser and waits beneath it. */
  private Flow openBrowser(AuthorizationRequest request) {
    Intent started = BrowserSignIn.intent(application, request);
    ActivityController<BrowserSignInActivity> signIn = build(BrowserSignInActivity.class, started)
        .setup();
    Intent browser = shadowOf(signIn.get()).getNextStartedActivity();
    assertThat(browser).as("the browser was opened").isNotNull();
    assertThat(signIn.get().isFinishing()).as("waits beneath the browser").isFalse();
    return new Flow(started, signIn, browser);
  }

  /** The browser opens the redirect URI: the receiver's forward to the sign-in activity. */
  private Intent receiveRedirect(String redirect) {
    ActivityController<RedirectReceiverActivity> receiver = build(RedirectReceiverActivity.class,
        new Intent(Intent.ACTION_VIEW, Uri.parse(redirect))).setup();
    return shadowOf(receiver.get()).getNextStartedActivity();
  }

  private static BrowserSignIn result(ActivityController<BrowserSignInActivity> signIn) throws SignInException {
    assertThat(signIn.get().isFinishing()).as("the sign-in activity has answered").isTrue();
    return BrowserSignIn.fromResult(shadowOf(signIn.get()).getResultCode(), shadowOf(signIn.get()).getResultIntent());
  }

  /** One sign-in under way: the intent that started it, its activity, and the browser it opened. */
  private static final class Flow {
    final Intent started;
    final ActivityController<BrowserSignInActivity> signIn;
    final Intent browser;

    Flow(Intent started, ActivityController<BrowserSignInActivity> signIn, Intent browser) {
      this.started = started;
      this.signIn = signIn;
      this.browser = browser;
    }
  }
}

package dev.resilientsession.sample.tablet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.content.pm.ResolveInfo;
import android.net.Uri;
import android.view.View;
import dev.resilientsession.client.android.BrowserSignInActivity;
import dev.resilientsession.client.android.RedirectReceiverActivity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowActivity;
import org.robolectric.shadows.ShadowLooper;

/** The tablet screen end to end against the embedded mock gateway, wired as on a device. */
@RunWith(RobolectricTestRunner.class)
public class TabletActivityTest {
  private final Application application = RuntimeEnvironment.getApplication();
  private final List<ActivityController<?>> activities = new ArrayList<>();
  private MockGateway gateway;
  private MockGatewayServer server;
  private ActivityController<TabletActivity> controller;
  private TabletActivity tablet;

  @Before public void start() throws Exception {
    FakeAndroidKeyStore.install();
    gateway = MockGateway.create(GatewayConfig.defaults());
    server = MockGatewayServer.builder(gateway).recordRequests(true).start();
    AppManifest.read().register(application); // the app as installed: its activities and intent filters
  }

  @After public void stop() throws Exception {
    for (ActivityController<?> activity : activities) activity.close();
    server.close();
    FakeAndroidKeyStore.uninstall();
  }

  /** The tablet of the OPAQUE confidential application, sharing its token with the desktop. */
  private void launchWithOpaqueApplication() {
    launch(new Intent(application, TabletActivity.class)
        .putExtra(TabletActivity.EXTRA_GATEWAY, server.url("/").toString())
        .putExtra(TabletActivity.EXTRA_CLIENT_ID, GatewayConfig.DEFAULT_OPAQUE_KEY)
        .putExtra(TabletActivity.EXTRA_CLIENT_SECRET, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .putExtra(TabletActivity.EXTRA_DEVICE_SCOPE, false));
  }

  /** The tablet as it starts with no application given: the public one, which can sign in in the browser. */
  private void launchWithPublicApplication() {
    launch(new Intent(application, TabletActivity.class)
        .putExtra(TabletActivity.EXTRA_GATEWAY, server.url("/").toString()));
  }

  private void launch(Intent intent) {
    controller = Robolectric.buildActivity(TabletActivity.class, intent).setup();
    activities.add(controller);
    tablet = controller.get();
  }

  @Test public void signingInShowsTheSessionAndEnablesTheCalls() throws Exception {
    launchWithOpaqueApplication();
    signIn("admin", "admin");

    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_IN");
    assertThat(tablet.loadOrders.isEnabled()).isTrue();
    assertThat(tablet.password.getText().toString()).as("the typed password is cleared").isEmpty();
  }

  @Test public void aSignOutOnTheDesktopIsRecoveredSilentlyOnTheTablet() throws Exception {
    launchWithOpaqueApplication();
    signIn("admin", "admin");
    desktopSignsInAndOut();

    tablet.loadOrders.performClick();
    settle();

    String log = tablet.log.getText().toString();
    assertThat(log).contains("gateway refused the token (900901)")
        .contains("renewed silently by replaying the password grant from memory")
        .endsWith("GET /orders -> 200");
    assertThat(tablet.prompt.getVisibility()).isEqualTo(View.GONE);
    assertThat(tablet.status.getText().toString()).isEqualTo("Session: SIGNED_IN   calls 1, failed 0");
  }

  @Test public void aWrongPasswordShowsTheSignInPrompt() throws Exception {
    launchWithOpaqueApplication();
    signIn("admin", "wrong");

    assertThat(tablet.prompt.getVisibility()).isEqualTo(View.VISIBLE);
    assertThat(tablet.prompt.getText().toString()).isEqualTo("Please sign in again: Wrong username or password");
    assertThat(tablet.loadOrders.isEnabled()).isFalse();
  }

  @Test public void aRecreatedScreenIsStillSignedInFromTheEncryptedStore() throws Exception {
    launchWithOpaqueApplication();
    signIn("admin", "admin");
    tablet.loadOrders.performClick();
    settle();
    String token = bearerTokenOfTheLastCall();

    controller.recreate(); // as on a rotation: a new screen, a new session, the tokens from the store
    tablet = controller.get();
    ShadowLooper.idleMainLooper();

    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_IN");
    File store = new File(tablet.getApplicationInfo().dataDir, "shared_prefs/tablet_session.xml");
    assertThat(Files.readString(store.toPath(), StandardCharsets.UTF_8)).as("the store holds the token encrypted")
        .contains("tokens").doesNotContain(token);
    assertThat(FakeAndroidKeyStore.KEYS).as("its key is in the AndroidKeyStore").containsKey("tablet-session-tokens");
  }

  @Test public void signingInInTheBrowserShowsTheSession() throws Exception {
    launchWithPublicApplication();
    BrowserFlow flow = clickSignInInTheBrowser();
    String redirect = server.browserRobot().signIn(flow.browser.getDataString(), "admin", "admin");

    flow.browserReturnsTo(redirect);
    shadowOf(tablet).receiveResult(flow.started, flow.resultCode(), flow.resultData());
    settle();

    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_IN");
    assertThat(tablet.log.getText().toString()).startsWith("signs in in the browser with device_tablet_")
        .contains("signed in, granted scope");
    assertThat(tablet.prompt.getVisibility()).isEqualTo(View.GONE);
    tablet.loadOrders.performClick();
    settle();
    assertThat(tablet.status.getText().toString()).isEqualTo("Session: SIGNED_IN   calls 1, failed 0");
  }

  @Test public void leavingTheBrowserWithoutSigningInShowsTheSignInPrompt() throws Exception {
    launchWithPublicApplication();
    BrowserFlow flow = clickSignInInTheBrowser();

    flow.userClosesTheBrowser();
    shadowOf(tablet).receiveResult(flow.started, flow.resultCode(), flow.resultData());
    settle();

    assertThat(tablet.prompt.getVisibility()).isEqualTo(View.VISIBLE);
    assertThat(tablet.prompt.getText().toString())
        .isEqualTo("Please sign in again: The sign-in in the browser was cancelled");
    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_OUT");
    assertThat(tablet.signInInBrowser.isEnabled()).isTrue();
  }

  @Test public void aBrowserSignInCompletesOnAScreenRecreatedAfterTheAppWasKilled() throws Exception {
    launchWithPublicApplication();
    BrowserFlow flow = clickSignInInTheBrowser();
    controller.pause().stop().destroy(); // the app is killed while the user is in the browser
    String redirect = server.browserRobot().signIn(flow.browser.getDataString(), "admin", "admin");

    flow.browserReturnsTo(redirect);
    launchWithPublicApplication(); // a new screen, a new session: the request comes back in the result
    shadowOf(tablet).receiveResult(flow.started, flow.resultCode(), flow.resultData());
    settle();

    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_IN");
  }

  @Test public void theManifestDeclaresTheBrowserSignInAsClientAndroidDocumentsIt() throws Exception {
    AppManifest manifest = AppManifest.read();

    assertThat(manifest.attribute(BrowserSignInActivity.class, "exported")).isEqualTo("false");
    assertThat(manifest.attribute(BrowserSignInActivity.class, "launchMode")).as("the redirect comes back to it")
        .isEqualTo("singleTask");
    assertThat(manifest.attribute(RedirectReceiverActivity.class, "exported")).as("browsers open it")
        .isEqualTo("true");
  }

  private void signIn(String user, String password) throws Exception {
    tablet.username.setText(user);
    tablet.password.setText(password);
    tablet.signIn.performClick();
    settle();
  }

  /** The desktop shares the tablet's OPAQUE token; its sign-out revokes it. */
  private void desktopSignsInAndOut() throws Exception {
    try (ResilientSession desktop = ResilientSession.builder()
        .tokenUrl(server.url("/oauth2/token"))
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .deviceScope(false)
        .build()) {
      desktop.signIn("admin", "admin".toCharArray());
      assertThat(gateway.activeTokens()).as("one token shared by both devices").hasSize(1);
      assertThat(desktop.signOut().revoked()).isTrue();
    }
  }

  private String bearerTokenOfTheLastCall() throws InterruptedException {
    String authorization = null;
    for (HttpRequest request; (request = server.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
      if ("/orders".equals(request.target())) authorization = request.header("Authorization");
    }
    assertThat(authorization).startsWith("Bearer ");
    return authorization.substring("Bearer ".length());
  }

  /** The user taps "Sign in in the browser": the tablet starts client-android's sign-in, which opens the browser. */
  private BrowserFlow clickSignInInTheBrowser() {
    tablet.signInInBrowser.performClick();
    ShadowActivity.IntentForResult started = shadowOf(tablet).getNextStartedActivityForResult();
    assertThat(started.requestCode).isEqualTo(TabletActivity.BROWSER_SIGN_IN);
    ActivityController<BrowserSignInActivity> signIn =
        Robolectric.buildActivity(BrowserSignInActivity.class, started.intent).setup();
    activities.add(signIn);
    Intent browser = shadowOf(signIn.get()).getNextStartedActivity();
    assertThat(browser.getAction()).isEqualTo(Intent.ACTION_VIEW);
    signIn.pause().stop(); // beneath the browser
    return new BrowserFlow(started.intent, signIn, browser);
  }

  /** One browser sign-in under way: what the tablet started, the activity running it, the browser it opened. */
  private final class BrowserFlow {
    final Intent started;
    final ActivityController<BrowserSignInActivity> signIn;
    final Intent browser;

    BrowserFlow(Intent started, ActivityController<BrowserSignInActivity> signIn, Intent browser) {
      this.started = started;
      this.signIn = signIn;
      this.browser = browser;
    }

    /** The browser opens the redirect URI: Android finds the app's receiver by the manifest's intent filter. */
    void browserReturnsTo(String redirect) {
      Intent view = new Intent(Intent.ACTION_VIEW, Uri.parse(redirect)).addCategory(Intent.CATEGORY_BROWSABLE);
      ResolveInfo receiver = application.getPackageManager().resolveActivity(view, PackageManager.MATCH_DEFAULT_ONLY);
      assertThat(receiver).as("the manifest claims the redirect's scheme").isNotNull();
      assertThat(receiver.activityInfo.name).isEqualTo(RedirectReceiverActivity.class.getName());
      ActivityController<RedirectReceiverActivity> received = Robolectric.buildActivity(RedirectReceiverActivity.class,
          view.setClassName(application, receiver.activityInfo.name)).setup();
      activities.add(received);
      signIn.newIntent(shadowOf(received.get()).getNextStartedActivity()).restart().resume();
    }

    /** The user comes back to the app without signing in: the tab closed, or back pressed. */
    void userClosesTheBrowser() {
      signIn.restart().resume();
    }

    int resultCode() {
      assertThat(signIn.get().isFinishing()).as("the sign-in has answered").isTrue();
      return shadowOf(signIn.get()).getResultCode();
    }

    Intent resultData() {
      return shadowOf(signIn.get()).getResultIntent();
    }
  }

  /** Lets the background work finish, then runs what it posted to the main thread: the screen's updates, the session's events. */
  private void settle() throws Exception {
    tablet.awaitBackgroundWork();
    ShadowLooper.idleMainLooper();
  }
}

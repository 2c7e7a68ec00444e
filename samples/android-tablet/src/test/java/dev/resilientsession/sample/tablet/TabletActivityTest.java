package dev.resilientsession.sample.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Intent;
import android.view.View;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowLooper;

/** The tablet screen end to end against the embedded mock gateway, wired as on a device. */
@RunWith(RobolectricTestRunner.class)
public class TabletActivityTest {
  private MockGateway gateway;
  private MockGatewayServer server;
  private ActivityController<TabletActivity> controller;
  private TabletActivity tablet;

  @Before public void start() throws Exception {
    FakeAndroidKeyStore.install();
    gateway = MockGateway.create(GatewayConfig.defaults());
    server = MockGatewayServer.builder(gateway).recordRequests(true).start();
    Intent intent = new Intent(RuntimeEnvironment.getApplication(), TabletActivity.class)
        .putExtra(TabletActivity.EXTRA_GATEWAY, server.url("/").toString())
        .putExtra(TabletActivity.EXTRA_CLIENT_ID, GatewayConfig.DEFAULT_OPAQUE_KEY)
        .putExtra(TabletActivity.EXTRA_CLIENT_SECRET, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .putExtra(TabletActivity.EXTRA_DEVICE_SCOPE, false);
    controller = Robolectric.buildActivity(TabletActivity.class, intent).setup();
    tablet = controller.get();
  }

  @After public void stop() throws Exception {
    controller.destroy();
    server.close();
    FakeAndroidKeyStore.uninstall();
  }

  @Test public void signingInShowsTheSessionAndEnablesTheCalls() throws Exception {
    signIn("admin", "admin");

    assertThat(tablet.status.getText().toString()).startsWith("Session: SIGNED_IN");
    assertThat(tablet.loadOrders.isEnabled()).isTrue();
    assertThat(tablet.password.getText().toString()).as("the typed password is cleared").isEmpty();
  }

  @Test public void aSignOutOnTheDesktopIsRecoveredSilentlyOnTheTablet() throws Exception {
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
    signIn("admin", "wrong");

    assertThat(tablet.prompt.getVisibility()).isEqualTo(View.VISIBLE);
    assertThat(tablet.prompt.getText().toString()).isEqualTo("Please sign in again: Wrong username or password");
    assertThat(tablet.loadOrders.isEnabled()).isFalse();
  }

  @Test public void aRecreatedScreenIsStillSignedInFromTheEncryptedStore() throws Exception {
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
    for (RecordedRequest request; (request = server.mockWebServer().takeRequest(0, TimeUnit.SECONDS)) != null; ) {
      if ("/orders".equals(request.getPath())) authorization = request.getHeader("Authorization");
    }
    assertThat(authorization).startsWith("Bearer ");
    return authorization.substring("Bearer ".length());
  }

  /** Lets the background work finish, then runs what it posted to the main thread: the screen's updates, the session's events. */
  private void settle() throws Exception {
    tablet.awaitBackgroundWork();
    ShadowLooper.idleMainLooper();
  }
}

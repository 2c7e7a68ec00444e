package dev.resilientsession.sample.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Intent;
import android.view.View;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceSettings;
import dev.resilientsession.sample.device.DeviceView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.shadows.ShadowLooper;

/** The tablet screen end to end against the embedded mock gateway. */
@RunWith(RobolectricTestRunner.class)
public class TabletActivityTest {
  private MockGateway gateway;
  private MockGatewayServer server;
  private ActivityController<TabletActivity> controller;
  private TabletActivity tablet;

  @Before public void start() throws Exception {
    gateway = MockGateway.create(GatewayConfig.defaults());
    server = MockGatewayServer.builder(gateway).start();
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

  private void signIn(String user, String password) throws Exception {
    tablet.username.setText(user);
    tablet.password.setText(password);
    tablet.signIn.performClick();
    settle();
  }

  /** The desktop shares the tablet's OPAQUE token; its sign-out revokes it. */
  private void desktopSignsInAndOut() {
    DeviceView quiet = new DeviceView() {
      @Override public void showEvent(String event) {
      }

      @Override public void showStatus(dev.resilientsession.client.SessionState state) {
      }

      @Override public void promptSignIn(String reason) {
      }
    };
    try (Device desktop = new Device(DeviceSettings.builder()
        .gateway(server.url("/"))
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .deviceName("desktop")
        .deviceScope(false)
        .build(), quiet)) {
      assertThat(desktop.signIn("admin", "admin".toCharArray())).isTrue();
      assertThat(gateway.activeTokens()).as("one token shared by both devices").hasSize(1);
      assertThat(desktop.signOut().revoked()).isTrue();
    }
  }

  private void settle() throws Exception {
    tablet.awaitBackgroundWork();
    ShadowLooper.idleMainLooper();
  }
}

package dev.resilientsession.demo;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceSettings;
import dev.resilientsession.sample.tablet.TabletPresenter;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One scenario's world: a fresh mock gateway on loopback and the user's two devices, the desktop
 * (driven headless, as {@code sample-desktop --headless} does) and the tablet (sample-tablet's
 * presenter, its buttons pressed in turn), both reporting to the timeline.
 */
final class Stage implements AutoCloseable {
  static final String USER = "alice";
  private static final char[] PASSWORD = "alice-pw".toCharArray();

  final MockGateway gateway;
  final Device desktop;
  final TabletPresenter tablet;
  private final MockGatewayServer server;
  private final Timeline timeline;

  Stage(GatewayConfig config, String consumerKey, String consumerSecret, boolean deviceScopes, Timeline timeline)
      throws IOException {
    this.timeline = timeline;
    this.gateway = MockGateway.create(config);
    this.server = MockGatewayServer.builder(gateway).host("127.0.0.1").start();
    this.desktop = new Device(settings("desktop", consumerKey, consumerSecret, deviceScopes),
        new TimelineView(timeline, "desktop"));
    this.tablet = new TabletPresenter(settings("tablet", consumerKey, consumerSecret, deviceScopes),
        Runnable::run, Runnable::run, state -> { }, new TimelineView(timeline, "tablet"));
  }

  private DeviceSettings settings(String name, String key, String secret, boolean deviceScope) {
    return DeviceSettings.builder()
        .gateway(server.url("/"))
        .client(key, secret)
        .deviceName(name)
        .deviceScope(deviceScope)
        .clock(gateway.clock()) // one world: when an hour passes at the gateway, it passes on the devices
        .build();
  }

  /** The user types the password on the desktop, as at first sign-in. */
  void desktopSignsIn() {
    desktop.signIn(USER, PASSWORD.clone());
  }

  /** The user types the password on the tablet's sign-in screen. */
  void tabletSignsIn() {
    tablet.onSignInClicked(USER, PASSWORD.clone());
  }

  void desktopCalls() {
    desktop.loadOrders();
  }

  void tabletCalls() {
    tablet.onLoadOrdersClicked();
  }

  void desktopSignsOut() {
    desktop.signOut();
  }

  /** A line from the gateway's point of view: how many tokens are active, and which. */
  void showActiveTokens() {
    List<TokenInfo> active = gateway.activeTokens();
    String tokens = active.stream()
        .map(token -> token.id().substring(0, 8) + " " + token.scopes())
        .collect(Collectors.joining(", "));
    timeline.record("gateway", active.size() + " active token" + (active.size() == 1 ? "" : "s")
        + " for " + USER + (active.isEmpty() ? "" : ": " + tokens));
  }

  void gatewayNote(String event) {
    timeline.record("gateway", event);
  }

  @Override public void close() throws IOException {
    desktop.close();
    tablet.close();
    server.close();
  }
}

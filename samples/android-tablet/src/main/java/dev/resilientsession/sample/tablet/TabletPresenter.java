package dev.resilientsession.sample.tablet;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.DeviceView;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The tablet screen's behaviour in plain Java, so it runs on the JVM and under the Android
 * activity alike: button handlers run the device's blocking work on {@code background}, and every
 * change reaches the screen as a new {@link TabletState} on {@code ui}, in the order it happened.
 * Its state is only touched on {@code ui}, which runs one task at a time (the main thread).
 */
final class TabletPresenter implements Closeable {
  private static final int MAX_EVENTS = 100;

  private final Device device;
  private final Executor background;
  private final Executor ui;
  private final Consumer<TabletState> screen;
  private final List<String> events = new ArrayList<>();
  private boolean busy;
  private String signInPrompt;

  /**
   * Shows {@code device} on {@code screen}. {@code ui} must run a task at once when called on its
   * own thread, as {@code Activity.runOnUiThread} does, so that session events arriving there keep
   * their order with the device's own.
   */
  TabletPresenter(Device device, Executor background, Executor ui, Consumer<TabletState> screen) {
    this.device = device;
    this.background = background;
    this.ui = ui;
    this.screen = screen;
    device.showOn(new View());
  }

  void onSignInClicked(String username, char[] password) {
    signInPrompt = null;
    run(() -> device.signIn(username, password));
  }

  /**
   * Step 1 of a browser sign-in: the request for the screen to open in the browser (step 2). It
   * takes no network, so it runs here, on {@code ui}.
   */
  AuthorizationRequest onBrowserSignInClicked(String redirectUri) {
    signInPrompt = null;
    render();
    return device.browserSignIn(redirectUri);
  }

  /** Step 3: the browser came back to {@code redirect}; the code is exchanged on {@code background}. */
  void onBrowserRedirect(AuthorizationRequest request, String redirect) {
    run(() -> device.completeBrowserSignIn(request, redirect));
  }

  /** The browser sign-in ended without a redirect: the user left it, or there is no browser. */
  void onBrowserSignInFailed(SignInException why) {
    device.browserSignInFailed(why);
  }

  void onLoadOrdersClicked() {
    run(device::loadOrders);
  }

  void onSignOutClicked() {
    run(device::signOut);
  }

  /** The screen as it should look now. */
  TabletState state() {
    DeviceStats stats = device.stats();
    return new TabletState(device.state(), busy, signInPrompt, events, stats.calls(), stats.failedCalls());
  }

  DeviceStats stats() {
    return device.stats();
  }

  @Override public void close() {
    device.close();
  }

  /** Called on {@code ui}, by the buttons. */
  private void run(Runnable work) {
    busy = true;
    render();
    background.execute(() -> {
      try {
        work.run();
      } finally {
        ui.execute(() -> {
          busy = false;
          render();
        });
      }
    });
  }

  private void render() {
    screen.accept(state());
  }

  /** Appends to the event log, keeping the last {@value #MAX_EVENTS}, and renders. */
  private void log(String event) {
    events.add(event);
    if (events.size() > MAX_EVENTS) events.remove(0);
    render();
  }

  /** What the device and its session tell the screen, from any thread, moved to {@code ui}. */
  private final class View implements DeviceView {
    @Override public void showEvent(String event) {
      ui.execute(() -> log(event));
    }

    @Override public void showStatus(SessionState state) {
      ui.execute(TabletPresenter.this::render);
    }

    @Override public void promptSignIn(String reason) {
      ui.execute(() -> {
        signInPrompt = reason;
        log("asks the user to sign in: " + reason);
      });
    }
  }
}

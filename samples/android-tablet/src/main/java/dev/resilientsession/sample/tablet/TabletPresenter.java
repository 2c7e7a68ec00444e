package dev.resilientsession.sample.tablet;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceSettings;
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
 * change reaches the screen as a new {@link TabletState} on {@code ui}.
 */
public final class TabletPresenter implements Closeable {
  private static final int MAX_EVENTS = 100;

  private final Device device;
  private final Executor background;
  private final Executor ui;
  private final Consumer<TabletState> screen;
  private final DeviceView observer;
  /** Guarded by this. */
  private final List<String> events = new ArrayList<>();
  private volatile boolean busy;
  private volatile String signInPrompt;

  public TabletPresenter(DeviceSettings settings, Executor background, Executor ui, Consumer<TabletState> screen) {
    this(settings, background, ui, screen, null);
  }

  /** Also tells {@code observer} every event as it happens, as the demo's timeline needs. */
  public TabletPresenter(DeviceSettings settings, Executor background, Executor ui, Consumer<TabletState> screen,
      DeviceView observer) {
    this.background = background;
    this.ui = ui;
    this.screen = screen;
    this.observer = observer;
    this.device = new Device(settings, new View());
  }

  public String name() {
    return device.name();
  }

  public void onSignInClicked(String username, char[] password) {
    signInPrompt = null;
    run(() -> device.signIn(username, password));
  }

  public void onLoadOrdersClicked() {
    run(device::loadOrders);
  }

  public void onSignOutClicked() {
    run(device::signOut);
  }

  /** The screen as it should look now. */
  public synchronized TabletState state() {
    DeviceStats stats = device.stats();
    return new TabletState(device.state(), busy, signInPrompt, events, stats.calls(), stats.failedCalls());
  }

  public DeviceStats stats() {
    return device.stats();
  }

  @Override public void close() {
    device.close();
  }

  private void run(Runnable work) {
    busy = true;
    render();
    background.execute(() -> {
      try {
        work.run();
      } finally {
        busy = false;
        render();
      }
    });
  }

  private void render() {
    TabletState state = state();
    ui.execute(() -> screen.accept(state));
  }

  private final class View implements DeviceView {
    @Override public void showEvent(String event) {
      if (observer != null) observer.showEvent(event);
      log(event);
    }

    @Override public void showStatus(SessionState state) {
      if (observer != null) observer.showStatus(state);
      render();
    }

    @Override public void promptSignIn(String reason) {
      if (observer != null) observer.promptSignIn(reason);
      signInPrompt = reason;
      log("asks the user to sign in: " + reason);
    }

    /** Appends to the screen's event log, keeping the last {@value TabletPresenter#MAX_EVENTS}, and renders. */
    private void log(String event) {
      synchronized (TabletPresenter.this) {
        events.add(event);
        if (events.size() > MAX_EVENTS) events.remove(0);
      }
      render();
    }
  }
}

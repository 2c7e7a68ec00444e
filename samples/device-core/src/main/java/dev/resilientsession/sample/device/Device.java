package dev.resilientsession.sample.device;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.SignOutResult;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import retrofit2.Response;

/**
 * One device of the user, in plain Java: what the desktop window, the tablet screen and the
 * headless runs do. It signs in, calls the orders API, signs out, and tells the screen it is
 * {@linkplain #showOn shown on} everything that happens, with counts in {@link #stats()}.
 *
 * <p>Its caller builds the session, with the device's {@link DeviceEvents} as the session's
 * listener, and the orders API on the session's client: {@code DesktopMain} and {@code
 * TabletActivity} show how. Calls block: run them off the UI thread.
 */
public final class Device implements Closeable {
  private final String name;
  private final ResilientSession session;
  private final OrdersApi orders;
  private final DeviceEvents events;

  public Device(String name, ResilientSession session, OrdersApi orders, DeviceEvents events) {
    this.name = Objects.requireNonNull(name, "name");
    this.session = Objects.requireNonNull(session, "session");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.events = Objects.requireNonNull(events, "events");
  }

  public String name() {
    return name;
  }

  public DeviceStats stats() {
    return events.stats();
  }

  public SessionState state() {
    return session.state();
  }

  /** From now on, shows what this device and its session do on {@code view}. */
  public void showOn(DeviceView view) {
    events.showOn(view);
  }

  /** Signs in; a refusal is shown as a sign-in prompt. Returns whether it worked. */
  public boolean signIn(String username, char[] password) {
    view().showEvent("signs in as " + username + (session.deviceScope() != null ? " with " + session.deviceScope() : ""));
    try {
      session.signIn(username, password);
      view().showStatus(session.state());
      return true;
    } catch (SignInException e) {
      events.prompt(e.getMessage());
      return false;
    }
  }

  /**
   * Step 1 of a browser sign-in: the request whose URL the screen opens in the browser. Step 2 is
   * the browser; step 3 is {@link #completeBrowserSignIn} with the redirect it comes back with.
   */
  public AuthorizationRequest browserSignIn(String redirectUri) {
    AuthorizationRequest request = session.authorizationRequest(redirectUri);
    view().showEvent("signs in in the browser" + (session.deviceScope() != null ? " with " + session.deviceScope() : ""));
    return request;
  }

  /**
   * Step 3 of a browser sign-in: hands the redirect to the session, which exchanges the code. A
   * refusal or a cancelled sign-in is shown as a sign-in prompt. Returns whether it worked.
   */
  public boolean completeBrowserSignIn(AuthorizationRequest request, String redirect) {
    try {
      session.completeSignIn(request, redirect);
      view().showStatus(session.state());
      return true;
    } catch (SignInException e) {
      events.prompt(e.getMessage());
      return false;
    }
  }

  /** The user left the browser without signing in: shown as a sign-in prompt. */
  public void browserSignInFailed(SignInException why) {
    events.prompt(why.getMessage());
  }

  /** One user call to the orders API. Returns whether the user saw it succeed. */
  public boolean loadOrders() {
    DeviceStats stats = stats();
    stats.calls.incrementAndGet();
    try {
      Response<Map<String, Object>> response = orders.orders().execute();
      if (response.isSuccessful()) {
        view().showEvent("GET /orders -> " + response.code());
        return true;
      }
      stats.failedCalls.incrementAndGet();
      view().showEvent("GET /orders -> " + response.code() + " (failed)");
      return false;
    } catch (IOException e) {
      stats.failedCalls.incrementAndGet();
      view().showEvent("GET /orders failed: " + e.getClass().getSimpleName());
      return false;
    }
  }

  /** Signs out: revokes this device's token and forgets it. */
  public SignOutResult signOut() {
    view().showEvent("signs out");
    SignOutResult result = session.signOut();
    view().showStatus(session.state());
    return result;
  }

  /** Closes the session: it forgets the password it held for replay. */
  @Override public void close() {
    session.close();
  }

  @Override public String toString() {
    return "Device{" + name + ", " + session.state() + "}";
  }

  private DeviceView view() {
    return events.view();
  }
}

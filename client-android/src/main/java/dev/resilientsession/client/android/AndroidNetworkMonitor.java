package dev.resilientsession.client.android;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.NetworkInfo;
import android.net.NetworkRequest;
import dev.resilientsession.client.NetworkMonitor;
import java.io.Closeable;
import java.time.Duration;

/**
 * The device's connectivity, for {@code ResilientSession.Builder.networkMonitor}: while offline,
 * token requests wait for a network instead of failing their retries, and go ahead the moment one
 * is available. Needs the {@code ACCESS_NETWORK_STATE} permission. Close it to stop listening.
 */
public final class AndroidNetworkMonitor implements NetworkMonitor, Closeable {
  private final ConnectivityManager connectivity;
  private final Object lock = new Object();
  private boolean closed;
  private final ConnectivityManager.NetworkCallback callback = new ConnectivityManager.NetworkCallback() {
    @Override public void onAvailable(Network network) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  };

  private AndroidNetworkMonitor(ConnectivityManager connectivity) {
    this.connectivity = connectivity;
  }

  public static AndroidNetworkMonitor create(Context context) {
    ConnectivityManager connectivity = (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE);
    AndroidNetworkMonitor monitor = new AndroidNetworkMonitor(connectivity);
    connectivity.registerNetworkCallback(new NetworkRequest.Builder()
        .addCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET)
        .build(), monitor.callback);
    return monitor;
  }

  @SuppressWarnings("deprecation") // getActiveNetworkInfo is the one call that answers this on API 21 to 34
  @Override public boolean isOnline() {
    NetworkInfo active = connectivity.getActiveNetworkInfo();
    return active != null && active.isConnected();
  }

  @Override public boolean awaitOnline(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!isOnline()) {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) return false;
        lock.wait(remainingMillis);
      }
      return true;
    }
  }

  /** Stops listening; closing twice is harmless (Android throws on a second unregister). */
  @Override public void close() {
    synchronized (lock) {
      if (closed) return;
      closed = true;
    }
    connectivity.unregisterNetworkCallback(callback);
  }

  @Override public String toString() {
    return "AndroidNetworkMonitor{" + (isOnline() ? "online" : "offline") + "}";
  }
}

package dev.resilientsession.lab.fleet;

import dev.resilientsession.client.NetworkMonitor;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A device's network, which the scenario can cut: while off, every request of the device (its API
 * calls and its session's token requests) fails on the device as it would with no network, and
 * the session hears so through the public {@link NetworkMonitor} hook, as from Android's monitor.
 */
final class OfflineSwitch implements NetworkMonitor, Interceptor {
  private boolean offline;

  synchronized void set(boolean offline) {
    this.offline = offline;
    notifyAll();
  }

  @Override public synchronized boolean isOnline() {
    return !offline;
  }

  @Override public synchronized boolean awaitOnline(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (offline) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    if (!isOnline()) throw new OfflineException();
    return chain.proceed(chain.request());
  }

  /** What a request made while offline fails with. */
  static final class OfflineException extends IOException {
    OfflineException() {
      super("the device is offline (simulated)");
    }
  }
}

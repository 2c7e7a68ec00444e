package dev.resilientsession.client;

import java.time.Duration;

/**
 * Tells the session whether the device is online, so that token requests wait for the network
 * instead of burning their retries on a dead one. The default always says online; on Android,
 * client-android's {@code AndroidNetworkMonitor} watches the ConnectivityManager.
 */
public interface NetworkMonitor {
  /** A monitor that always says online: every token request is tried. */
  NetworkMonitor ALWAYS_ONLINE = new NetworkMonitor() {
    @Override public boolean isOnline() {
      return true;
    }

    @Override public boolean awaitOnline(Duration timeout) {
      return true;
    }
  };

  boolean isOnline();

  /** Blocks until the device is online or {@code timeout} passes; returns whether it is online. */
  boolean awaitOnline(Duration timeout) throws InterruptedException;
}

package dev.resilientsession.client;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** How a session asks for tokens and how patient it is: the builder's choices, checked there. */
final class SessionPolicy {
  /** The {@code scope} parameter of every token request, device scope included; null when none. */
  final String scope;
  /** This device's {@code device_} scope, or null when the device scope is off. */
  final String deviceScope;
  final boolean passwordReplay;
  final Duration refreshSkew;
  final Duration joinTimeout;
  final Duration recoveryCooldown;
  /** Recovered tokens refused this many times in a row pause recovery for the cool-down. */
  final int maxFutileRecoveries;

  SessionPolicy(Set<String> scopes, String deviceScope, boolean passwordReplay, Duration refreshSkew,
      Duration joinTimeout, Duration recoveryCooldown, int maxFutileRecoveries) {
    Set<String> requested = new LinkedHashSet<>(scopes);
    if (deviceScope != null) requested.add(deviceScope);
    this.scope = requested.isEmpty() ? null : String.join(" ", requested);
    this.deviceScope = deviceScope;
    this.passwordReplay = passwordReplay;
    this.refreshSkew = refreshSkew;
    this.joinTimeout = joinTimeout;
    this.recoveryCooldown = recoveryCooldown;
    this.maxFutileRecoveries = maxFutileRecoveries;
  }
}

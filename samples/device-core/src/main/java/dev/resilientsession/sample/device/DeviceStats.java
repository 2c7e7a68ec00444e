package dev.resilientsession.sample.device;

import java.util.concurrent.atomic.AtomicInteger;

/** The counts of one device that a demo or QA run reports. Thread-safe. */
public final class DeviceStats {
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger failedCalls = new AtomicInteger();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger unauthorized = new AtomicInteger();
  final AtomicInteger silentRecoveries = new AtomicInteger();
  final AtomicInteger displacements = new AtomicInteger();
  final AtomicInteger passwordReplays = new AtomicInteger();
  final AtomicInteger prompts = new AtomicInteger();

  /** User calls made (button presses, timer ticks, script steps). */
  public int calls() {
    return calls.get();
  }

  /** User calls that did not end in success: what the user would have seen fail. */
  public int failedCalls() {
    return failedCalls.get();
  }

  /** Requests to the token endpoint, sign-in included. */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** 401 responses from the gateway, including those recovered silently. */
  public int unauthorized() {
    return unauthorized.get();
  }

  /** New tokens obtained without asking the user (refresh token or password replay). */
  public int silentRecoveries() {
    return silentRecoveries.get();
  }

  /** Times the gateway refused this device's current token: revoked or replaced by another device. */
  public int displacements() {
    return displacements.get();
  }

  /** Silent recoveries that replayed the password grant from memory. */
  public int passwordReplays() {
    return passwordReplays.get();
  }

  /** Times the user was asked to sign in again. */
  public int prompts() {
    return prompts.get();
  }

  @Override public String toString() {
    return "DeviceStats{calls=" + calls + ", failed=" + failedCalls + ", tokenRequests=" + tokenRequests
        + ", 401s=" + unauthorized + ", silentRecoveries=" + silentRecoveries + ", prompts=" + prompts + "}";
  }
}

package dev.resilientsession.sample.device;

import dev.resilientsession.client.SessionState;

/**
 * What a device's screen shows; the Swing window, the tablet's presenter and the console implement it.
 * Called on the thread where it happened: the device's call, or the session's listener executor.
 */
public interface DeviceView {
  /** Something happened: a call, a recovery, a sign-out. One line, no secrets. */
  void showEvent(String event);

  /** The session's state changed. */
  void showStatus(SessionState state);

  /** The user must sign in again, for {@code reason}. Counted as a prompt. */
  void promptSignIn(String reason);
}

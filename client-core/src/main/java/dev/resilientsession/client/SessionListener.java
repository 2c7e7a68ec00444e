package dev.resilientsession.client;

import org.jspecify.annotations.Nullable;

/**
 * Hears about every change of a session's tokens, on the session's listener executor. Every method
 * has an empty default; override what you need. A listener that throws does not break the session.
 * No event carries a token or a password.
 */
public interface SessionListener {
  /**
   * The user signed in (a password, the browser, or adopted tokens; see {@link
   * StoredTokens#signInMethod()}). {@code scopes} is what the gateway granted.
   */
  default void onSignedIn(java.util.Set<String> scopes) {
  }

  /** A new token replaced the old one, by {@code rung}, before expiry or after a 401. */
  default void onTokenRefreshed(Rung rung) {
  }

  /**
   * The gateway refused this device's current, unexpired token: it was revoked (the user signed
   * out on another device sharing it) or replaced (another device's sign-in revoked it). Recovery
   * follows at once. {@code gatewayCode} is the gateway's fault code, such as {@code 900901}, or
   * null when the 401 had none.
   */
  default void onSessionDisplaced(@Nullable String gatewayCode) {
  }

  /** The session recovered by replaying the password grant held in memory, without asking the user. */
  default void onReauthenticated() {
  }

  /** Silent recovery is impossible: show the sign-in screen. */
  default void onSessionLost(LossReason reason) {
  }

  /** The user signed out; local state is gone whatever {@code result} says about revocation. */
  default void onSignedOut(SignOutResult result) {
  }

  /** Something worth knowing that does not end the session. */
  default void onWarning(SessionWarning warning) {
  }
}

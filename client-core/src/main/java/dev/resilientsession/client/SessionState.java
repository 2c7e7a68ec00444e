package dev.resilientsession.client;

/** Where a {@link ResilientSession} stands. */
public enum SessionState {
  /** No tokens: never signed in, signed out, or the stored tokens could not be read. */
  SIGNED_OUT,
  /** Holding tokens; calls are authorized and recovered silently. */
  SIGNED_IN,
  /** Every silent recovery failed: the user must sign in again. Calls get the gateway's 401. */
  SIGN_IN_REQUIRED
}

package dev.resilientsession.client;

/** Why a session needs the user to sign in again. */
public enum LossReason {
  /**
   * The refresh token of a password sign-in was refused and no credentials are held (replay
   * disabled, or restored from storage): ask for the password again.
   */
  REFRESH_REJECTED,
  /**
   * The refresh token was refused (or there was none) and the user signed in in the browser or the
   * tokens were adopted: there is no password to replay, so only the user can mend the session, by
   * signing in in the browser again. Device scopes or the server's renewal switch keep other
   * devices from causing this; see the README.
   */
  BROWSER_SIGN_IN_REQUIRED,
  /** The replayed password was refused: it was changed, or the account was locked. */
  CREDENTIALS_REJECTED,
  /** The token endpoint refused this client ({@code invalid_client}): a configuration error. */
  CLIENT_REJECTED,
  /** The token endpoint refused the grant for another reason (for example {@code unauthorized_client}). */
  GRANT_REFUSED
}

package dev.resilientsession.client;

/** Why a session needs the user to sign in again. */
public enum LossReason {
  /** The refresh token was refused and no credentials are held (replay disabled, or restored from storage). */
  REFRESH_REJECTED,
  /** The replayed password was refused: it was changed, or the account was locked. */
  CREDENTIALS_REJECTED,
  /** The token endpoint refused this client ({@code invalid_client}): a configuration error. */
  CLIENT_REJECTED,
  /** The token endpoint refused the grant for another reason (for example {@code unauthorized_client}). */
  GRANT_REFUSED
}

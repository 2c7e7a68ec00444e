package dev.resilientsession.gateway.token;

/**
 * Where the token table and the user store report every change, so that a database can keep them
 * across restarts. Called under the key's slot lock (or the user's map entry), so calls for one key
 * arrive in the order the changes were made; implementations must not block there, but to push back
 * on a backlog. A request that changed something calls {@link #awaitDurable} once, outside any lock,
 * before it is answered.
 */
interface TokenJournal {
  /** Journals nothing: the in-memory gateway. */
  TokenJournal NONE = new TokenJournal() {
  };

  /** A row was added; for OPAQUE its access token is already set. */
  default void inserted(TokenRecord record) {
  }

  /** A row's {@code state} and {@code retiredAt} changed. */
  default void stateChanged(TokenRecord record) {
  }

  /** A JWT row got its access token, signed after {@link #inserted}. */
  default void accessTokenSet(TokenRecord record) {
  }

  /** A dead row was purged. */
  default void deleted(TokenRecord record) {
  }

  /** A user's password changed; {@code hash} is a {@link PasswordHash#encoded()}, never the password. */
  default void passwordChanged(String username, String hash) {
  }

  /** The JWT signing key (a private RSA JWK, as JSON) was generated. */
  default void signingKeyMade(String jwkJson) {
  }

  /** Everything but the signing key was forgotten: back to the configured state. */
  default void cleared() {
  }

  /**
   * Returns once every change reported so far is kept, so that an answer never promises what a
   * killed process would forget; at once when nothing is kept. Throws {@link OAuthException} (503
   * {@code temporarily_unavailable}) when the changes cannot be kept in time.
   */
  default void awaitDurable() {
  }
}

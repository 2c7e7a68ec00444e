package dev.resilientsession.client;

import org.jspecify.annotations.Nullable;

/**
 * Where a session keeps its tokens between runs of the app (never the password). Implementations
 * must be safe for concurrent use. A store that cannot read its entry (corrupt, undecryptable)
 * throws {@link TokenStoreException} or returns null; the session then treats the user as signed
 * out and clears it, rather than crash.
 */
public interface TokenStore {
  /** The saved tokens, or null when none are saved. */
  @Nullable StoredTokens load() throws TokenStoreException;

  /** Replaces the saved tokens. Called before a refreshed token is handed to any waiting call. */
  void save(StoredTokens tokens) throws TokenStoreException;

  /** Forgets the saved tokens. */
  void clear() throws TokenStoreException;
}

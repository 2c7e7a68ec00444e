package dev.resilientsession.client;

import java.util.function.BooleanSupplier;

/**
 * The app's {@link TokenStore} as the session uses it: a store that fails is a warning, never a
 * lost session; and a write is skipped once the session it belongs to has ended, so nothing is
 * written after sign-out cleared the store.
 */
final class StoreGuard {
  private final TokenStore store;
  private final SessionEvents events;

  StoreGuard(TokenStore store, SessionEvents events) {
    this.store = store;
    this.events = events;
  }

  /** The saved tokens; null when there are none or they cannot be read (then they are cleared). */
  StoredTokens load() {
    try {
      return store.load();
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
      clear();
      return null;
    }
  }

  /** Saves {@code tokens} if {@code stillCurrent}, checked under the same lock as {@link #clear()}. */
  synchronized boolean save(StoredTokens tokens, BooleanSupplier stillCurrent) {
    if (!stillCurrent.getAsBoolean()) return false;
    try {
      store.save(tokens);
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
    }
    return true;
  }

  synchronized void clear() {
    try {
      store.clear();
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
    }
  }
}

package dev.resilientsession.client;

import org.jspecify.annotations.Nullable;

/** The default {@link TokenStore}: tokens live as long as the process. */
public final class InMemoryTokenStore implements TokenStore {
  private volatile @Nullable StoredTokens tokens;

  @Override public @Nullable StoredTokens load() {
    return tokens;
  }

  @Override public void save(StoredTokens tokens) {
    this.tokens = tokens;
  }

  @Override public void clear() {
    tokens = null;
  }

  @Override public String toString() {
    return "InMemoryTokenStore{" + (tokens != null ? "holding tokens" : "empty") + "}";
  }
}

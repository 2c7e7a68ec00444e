package dev.resilientsession.client;

/** The default {@link TokenStore}: tokens live as long as the process. */
public final class InMemoryTokenStore implements TokenStore {
  private volatile StoredTokens tokens;

  @Override public StoredTokens load() {
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

package dev.resilientsession.client;

/** A {@link TokenStore} could not read or write its entry. */
public final class TokenStoreException extends Exception {
  public TokenStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public TokenStoreException(String message) {
    super(message);
  }
}

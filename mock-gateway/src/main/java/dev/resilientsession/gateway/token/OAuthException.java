package dev.resilientsession.gateway.token;

/** A request the token rules refuse, with the OAuth error a client receives for it. */
public final class OAuthException extends RuntimeException {
  private final OAuthError error;
  private final int status;

  public OAuthException(OAuthError error, String description) {
    this(error, 0, description);
  }

  /** An error answered with {@code status} rather than the error's usual one. */
  public OAuthException(OAuthError error, int status, String description) {
    super(description, null, false, false);
    this.error = error;
    this.status = status;
  }

  public OAuthError error() {
    return error;
  }

  /** The HTTP status to answer with, or 0 for the error's usual one. */
  public int status() {
    return status;
  }

  /** The {@code error_description}: never holds a secret. */
  public String description() {
    return getMessage();
  }
}

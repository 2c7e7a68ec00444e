package dev.resilientsession.gateway.token;

/** A request the token rules refuse, with the OAuth error a client receives for it. */
public final class OAuthException extends RuntimeException {
  private final OAuthError error;

  public OAuthException(OAuthError error, String description) {
    super(description, null, false, false);
    this.error = error;
  }

  public OAuthError error() {
    return error;
  }

  /** The {@code error_description}: never holds a secret. */
  public String description() {
    return getMessage();
  }
}

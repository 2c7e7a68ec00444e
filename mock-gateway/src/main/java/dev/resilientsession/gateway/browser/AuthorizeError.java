package dev.resilientsession.gateway.browser;

/**
 * An authorization request refused. With a {@code redirectUri} the error goes back to the client
 * (RFC 6749 section 4.1.2.1); without one (an unknown client, an unregistered redirect URI) it must
 * not, and the browser is shown an error page instead.
 */
final class AuthorizeError extends RuntimeException {
  final String error;
  final String redirectUri;
  final String state;

  private AuthorizeError(String error, String description, String redirectUri, String state) {
    super(description, null, false, false);
    this.error = error;
    this.redirectUri = redirectUri;
    this.state = state;
  }

  /** An error for the browser's eyes only: nobody trustworthy to redirect to. */
  static AuthorizeError page(String error, String description) {
    return new AuthorizeError(error, description, null, null);
  }

  /** An error sent back to the client's registered redirect URI, with its {@code state}. */
  static AuthorizeError redirect(String error, String description, String redirectUri, String state) {
    return new AuthorizeError(error, description, redirectUri, state);
  }

  String description() {
    return getMessage();
  }
}

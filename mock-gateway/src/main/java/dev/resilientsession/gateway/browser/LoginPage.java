package dev.resilientsession.gateway.browser;

/**
 * What the login form shows: the application asking (and where it
 * will be sent back to, for the page's Content-Security-Policy), the request's {@code sessionDataKey}, the
 * username to fill in again after a failure, and the failure's message.
 */
record LoginPage(String clientId, String redirectUri, String sessionDataKey, String username, String failure) {
  /** Without the sessionDataKey, which completes the sign-in it stands for. */
  @Override public String toString() {
    return "LoginPage{clientId=" + clientId + ", failure=" + failure + "}";
  }
}

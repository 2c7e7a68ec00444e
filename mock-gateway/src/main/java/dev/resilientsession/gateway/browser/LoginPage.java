package dev.resilientsession.gateway.browser;

/**
 * What the login form shows: the application asking (and where it
 * will be sent back to, for the page's Content-Security-Policy), the request's {@code sessionDataKey}, the
 * username to fill in again after a failure, and the failure's message.
 */
record LoginPage(String clientId, String redirectUri, String sessionDataKey, String username, String failure) {
}

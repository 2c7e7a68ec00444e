package dev.resilientsession.client;

/** Something the app developer should know about, that does not end the session. */
public enum SessionWarning {
  /**
   * The gateway did not grant this device's {@code device_} scope, so this device shares its token
   * with the user's other devices and signing out elsewhere will displace it.
   */
  DEVICE_SCOPE_NOT_GRANTED,
  /**
   * Fresh tokens kept being refused; token requests pause for the cool-down instead of looping.
   * Often a gateway or clock problem rather than a credentials one.
   */
  RECOVERY_PAUSED,
  /**
   * The token endpoint could not be reached, timed out, or answered 408, 429 or 5xx. The session
   * keeps its tokens and password; token requests back off, across calls, before trying again.
   */
  TOKEN_ENDPOINT_UNAVAILABLE,
  /**
   * The token endpoint answered with something that is not OAuth: an HTML page, a redirect (to a
   * login page, say), a 200 without a token. A proxy, a firewall, a maintenance page or a captive
   * portal, not a verdict on the session: it is kept, and token requests back off as for an outage.
   */
  UNEXPECTED_TOKEN_RESPONSE,
  /**
   * A call met a 401 while token requests wait: after a failed one, on the backoff's schedule, or for
   * as long as the endpoint's {@code Retry-After} asked. The call got its 401 without a token request.
   * Said once per wait, however many calls it touched.
   */
  RECOVERY_DEFERRED,
  /** The token store failed to read or write; the session goes on in memory. */
  TOKEN_STORE_FAILED
}

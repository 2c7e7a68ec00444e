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
  /** The token endpoint could not be reached or was overloaded; the session is kept and retried later. */
  TOKEN_ENDPOINT_UNAVAILABLE,
  /** The token store failed to read or write; the session goes on in memory. */
  TOKEN_STORE_FAILED
}

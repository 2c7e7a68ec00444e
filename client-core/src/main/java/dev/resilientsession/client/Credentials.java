package dev.resilientsession.client;

import java.util.Arrays;

/**
 * The username and password held in memory for replaying the password grant. Never persisted,
 * never printed; {@link #wipe()} overwrites the password.
 */
final class Credentials {
  final String username;
  private final char[] password;

  Credentials(String username, char[] password) {
    this.username = username;
    this.password = password.clone();
  }

  /** The password itself (not a copy); valid until {@link #wipe()}. */
  char[] password() {
    return password;
  }

  void wipe() {
    Arrays.fill(password, '\0');
  }

  @Override public String toString() {
    return "Credentials{username=" + username + "}";
  }
}

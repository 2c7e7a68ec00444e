package dev.resilientsession.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A changed password as WSO2's JDBC user store keeps it: salted SHA-256, never the password itself.
 * Encoded as {@code sha256$<salt>$<hash>} (Base64) for the database.
 */
final class PasswordHash {
  private static final String SCHEME = "sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(byte[] salt, byte[] hash) {
    this.salt = salt;
    this.hash = hash;
  }

  /** A hash of {@code password} with a fresh 16-byte salt. */
  static PasswordHash of(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new PasswordHash(salt, digest(salt, password));
  }

  /** The hash {@link #encoded()} wrote; IllegalArgumentException when it is not one. */
  static PasswordHash parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 3 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a " + SCHEME + " password hash");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    return new PasswordHash(base64.decode(parts[1]), base64.decode(parts[2]));
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(hash, digest(salt, candidate));
  }

  String encoded() {
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
  }

  private static byte[] digest(byte[] salt, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  @Override public String toString() {
    return "PasswordHash{" + SCHEME + "}";
  }
}

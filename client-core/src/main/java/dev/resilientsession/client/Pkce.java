package dev.resilientsession.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636's secrets: the code verifier, its S256 challenge, and the random {@code state} and {@code nonce}. */
final class Pkce {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {
  }

  /** 32 random bytes as 43 base64url characters: RFC 7636's recommended verifier. */
  static String verifier(SecureRandom random) {
    return randomValue(random, 32);
  }

  /** {@code BASE64URL(SHA-256(ASCII(verifier)))}. */
  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }

  /** {@code bytes} random bytes, base64url: for {@code state} and {@code nonce}, unguessable. */
  static String randomValue(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }

  /** Equal, in time that does not depend on where they differ. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

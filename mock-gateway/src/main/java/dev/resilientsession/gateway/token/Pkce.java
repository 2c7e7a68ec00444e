package dev.resilientsession.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636): the challenge's form, and the verifier's proof of it. */
public final class Pkce {
  public static final String S256 = "S256";
  public static final String PLAIN = "plain";

  private Pkce() {
  }

  /**
   * True when {@code value} has the form RFC 7636 gives both the verifier and an S256 challenge: 43
   * to 128 characters of {@code [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"}.
   */
  public static boolean isWellFormed(String value) {
    if (value == null || value.length() < 43 || value.length() > 128) return false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (!unreserved) return false;
    }
    return true;
  }

  /**
   * True when {@code challenge} has the form of its method: an S256 challenge is a SHA-256 hash,
   * exactly 43 base64url characters; a plain one is a verifier. Null or unknown methods count as plain.
   */
  public static boolean isChallenge(String challenge, String method) {
    if (S256.equals(method)) return challenge.trim().length() == 43 && isWellFormed(challenge);
    return (method == null || PLAIN.equals(method)) && isWellFormed(challenge);
  }

  /** True when {@code verifier} proves {@code challenge} under {@code method} (S256 or plain). */
  static boolean verifies(String verifier, String challenge, String method) {
    if (!isWellFormed(verifier)) return false;
    byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
    byte[] actual = (S256.equals(method) ? s256(verifier) : verifier).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual);
  }

  /** {@code BASE64URL(SHA256(ASCII(verifier)))}, without padding. */
  public static String s256(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JRE has SHA-256", e);
    }
  }
}

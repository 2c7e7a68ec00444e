package dev.resilientsession.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The credential {@code /admin} requires: {@code Authorization: Bearer <token>}, or Basic with the
 * token as the password and any username, for {@code curl -u admin:<token>}. Only the token's
 * SHA-256 digest is kept, and a presented token is compared digest to digest, so the comparison
 * takes the same time whatever the token and however much of it is right.
 */
final class AdminToken {
  private final byte[] digest;

  private AdminToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * @throws IllegalArgumentException when {@code token} is empty or holds anything but visible
   *     ASCII (the characters a header carries unchanged); the message never repeats the token
   */
  static AdminToken of(String token) {
    if (token.isEmpty()) throw new IllegalArgumentException("the admin token is empty");
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException("the admin token must be visible ASCII characters, without spaces; "
            + "character " + (i + 1) + " is not");
      }
    }
    return new AdminToken(sha256(token));
  }

  /** Whether {@code authorization}, a request's Authorization header or null, carries this token. */
  boolean admits(String authorization) {
    String presented = presented(authorization);
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** The token in a Bearer header, or the password in a Basic one; null for anything else. */
  private static String presented(String authorization) {
    if (authorization == null) return null;
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space == -1) return null;
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = value.substring(space + 1).trim();
    if (scheme.equals("bearer")) return credentials;
    if (!scheme.equals("basic")) return null;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon == -1 ? null : decoded.substring(colon + 1);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}

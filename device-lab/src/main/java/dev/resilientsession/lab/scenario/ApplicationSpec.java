package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.token.TokenType;

/**
 * An OAuth application the devices use, by the name groups give it. The embedded gateway registers
 * it; a running gateway must already have it. {@code toString} hides the secret.
 */
public record ApplicationSpec(String name, String consumerKey, String consumerSecret, TokenType tokenType) {
  /** What a scenario gets without an {@code [applications]} table: {@code jwt} and {@code opaque}. */
  public static final ApplicationSpec JWT = new ApplicationSpec("jwt", "lab-jwt", "lab-jwt-secret", TokenType.JWT);
  public static final ApplicationSpec OPAQUE =
      new ApplicationSpec("opaque", "lab-opaque", "lab-opaque-secret", TokenType.OPAQUE);

  @Override public String toString() {
    return "ApplicationSpec{" + name + ", " + consumerKey + ", " + tokenType + "}";
  }
}

package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.token.TokenType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth application the devices use, by the name groups give it. The embedded gateway registers
 * it; a running gateway must already have it. {@code toString} hides the secret.
 *
 * @param consumerSecret the secret of a confidential application; null for a public client
 * @param publicClient whether the devices authenticate with the client id alone, as an app that
 *     ships to users must (WSO2's "allow authentication without the client secret")
 * @param redirectUri where the browser is sent back with the code after a browser sign-in; the
 *     embedded gateway registers it. The lab never opens it.
 * @param scopes what every sign-in asks for besides the device scope, such as {@code openid} for a
 *     server whose user info needs it; empty for none
 * @param deviceScope whether the groups using it ask for a {@code device_} scope unless they say
 *     otherwise: WSO2's way to give each device a token of its own, which other servers refuse
 */
public record ApplicationSpec(String name, String consumerKey, @Nullable String consumerSecret, TokenType tokenType,
    boolean publicClient, String redirectUri, List<String> scopes, boolean deviceScope) {
  /** A loopback redirect URI, as a desktop app listening on a port of its own uses (RFC 8252 7.3). */
  public static final String LOOPBACK_REDIRECT_URI = "http://127.0.0.1:8765/callback";

  /** What a scenario gets without an {@code [applications]} table: {@code jwt} and {@code opaque}. */
  public static final ApplicationSpec JWT = new ApplicationSpec("jwt", "lab-jwt", "lab-jwt-secret", TokenType.JWT);
  public static final ApplicationSpec OPAQUE =
      new ApplicationSpec("opaque", "lab-opaque", "lab-opaque-secret", TokenType.OPAQUE);

  public ApplicationSpec {
    if ((consumerSecret == null) != publicClient) {
      throw new IllegalArgumentException("a public client has no secret, a confidential one has one");
    }
    scopes = List.copyOf(scopes);
  }

  /** A confidential application, with the loopback redirect URI, no scopes, and device scopes on. */
  public ApplicationSpec(String name, String consumerKey, String consumerSecret, TokenType tokenType) {
    this(name, consumerKey, consumerSecret, tokenType, false, LOOPBACK_REDIRECT_URI, List.of(), true);
  }

  @Override public String toString() {
    return "ApplicationSpec{" + name + ", " + consumerKey + ", " + tokenType + (publicClient ? ", public" : "")
        + (scopes.isEmpty() ? "" : ", scopes " + String.join(" ", scopes)) + (deviceScope ? "" : ", no device scope")
        + "}";
  }
}

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client's consumer key and secret, from an {@code Authorization: Basic} header or from the
 * {@code client_id} / {@code client_secret} form fields. Read leniently enough for the cURL lines of
 * WSO2's own documentation, which send {@code "Authorization :Basic <b64>, Content-Type: ..."}.
 */
final class ClientCredentials {
  final String id;
  final String secret;

  private ClientCredentials(String id, String secret) {
    this.id = id;
    this.secret = secret;
  }

  static ClientCredentials from(String authorization, Form form) {
    String formId = form.get("client_id");
    String formSecret = form.get("client_secret");
    String basic = basicCredential(authorization);
    if (basic == null) return new ClientCredentials(formId, formSecret);

    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Malformed Basic authorization header: not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new OAuthException(OAuthError.INVALID_CLIENT,
          "Malformed Basic authorization header: expected base64(consumer-key:consumer-secret)");
    }
    String id = decoded.substring(0, colon);
    if (formId != null && !formId.equals(id)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "client_id does not match the client in the Authorization header");
    }
    return new ClientCredentials(id, decoded.substring(colon + 1));
  }

  /** The base64 credential of a Basic header, or null when the header is absent or not Basic. */
  private static String basicCredential(String authorization) {
    if (authorization == null) return null;
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, "Basic", 0, 5)) return null;
    int start = 5;
    while (start < value.length() && value.charAt(start) == ' ') start++;
    int end = start;
    while (end < value.length() && value.charAt(end) != ',' && !Character.isWhitespace(value.charAt(end))) end++;
    if (start == end) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Malformed Basic authorization header: no credentials");
    }
    return value.substring(start, end);
  }

  @Override public String toString() {
    return "ClientCredentials{id=" + id + "}";
  }
}

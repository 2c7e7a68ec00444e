package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client's consumer key and secret, from an {@code Authorization: Basic} header or from the
 * {@code client_id} / {@code client_secret} form fields, never both (RFC 6749 section 2.3): as WSO2's
 * {@code BasicAuthClientAuthenticator} does, a header beside a form field pair is refused with
 * {@code invalid_request}, while a {@code client_id} field alone beside it is no second method. Read
 * leniently enough for the cURL lines of WSO2's own documentation, which send {@code "Authorization
 * :Basic <b64>, Content-Type: ..."}.
 */
final class ClientCredentials {
  /** WSO2's words for a request that authenticates twice. */
  static final String TWO_METHODS = "Request body and headers contain authorization information";

  final String id;
  final String secret;

  private ClientCredentials(String id, String secret) {
    this.id = id;
    this.secret = secret;
  }

  static ClientCredentials from(String authorization, Form form) {
    String formId = form.get("client_id");
    String formSecret = form.get("client_secret");
    if (!isBasic(authorization)) return new ClientCredentials(formId, formSecret);
    // Before the header is read, as WSO2 checks it: a malformed header beside a form pair is still two methods.
    if (formId != null && !formId.isEmpty() && formSecret != null && !formSecret.isEmpty()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, TWO_METHODS);
    }
    String basic = basicCredential(authorization);

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

  /** True when the header uses the Basic scheme, whatever follows it. */
  private static boolean isBasic(String authorization) {
    return authorization != null && authorization.trim().regionMatches(true, 0, "Basic", 0, 5);
  }

  /** The base64 credential of a Basic header. */
  private static String basicCredential(String authorization) {
    String value = authorization.trim();
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

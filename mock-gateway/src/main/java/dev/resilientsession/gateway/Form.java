package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, parsed strictly: bad percent-escapes,
 * invalid UTF-8 and repeated parameters (RFC 6749 section 3.2) are {@code invalid_request}.
 */
final class Form {
  private static final Form EMPTY = new Form(Collections.emptyMap());

  private final Map<String, String> fields;

  private Form(Map<String, String> fields) {
    this.fields = fields;
  }

  static Form empty() {
    return EMPTY;
  }

  /**
   * Parses {@code body}, which arrived with {@code contentType} (null when absent). An empty body
   * is an empty form whatever its content type.
   */
  static Form parse(String contentType, byte[] body) {
    if (body.length == 0) return EMPTY;
    if (!isFormContentType(contentType)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "Unsupported Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
              + ": use application/x-www-form-urlencoded");
    }
    return parse(utf8(body));
  }

  /** Parses a query string or form text. */
  static Form parse(String encoded) {
    if (encoded == null || encoded.isEmpty()) return EMPTY;
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) continue;
      int equals = pair.indexOf('=');
      String name = decode(equals == -1 ? pair : pair.substring(0, equals));
      String value = equals == -1 ? "" : decode(pair.substring(equals + 1));
      if (name.isEmpty()) continue;
      if (fields.put(name, value) != null) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "Parameter '" + name + "' is repeated");
      }
    }
    return new Form(fields);
  }

  /** The value of {@code name}, or null when absent. */
  String get(String name) {
    return fields.get(name);
  }

  /** The fields, read-only. */
  Map<String, String> asMap() {
    return Collections.unmodifiableMap(fields);
  }

  /** A form holding this one's fields and {@code other}'s; this one wins on conflicts. */
  Form plus(Form other) {
    if (other.fields.isEmpty()) return this;
    Map<String, String> merged = new LinkedHashMap<>(other.fields);
    merged.putAll(fields);
    return new Form(merged);
  }

  private static boolean isFormContentType(String contentType) {
    if (contentType == null) return false;
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon == -1 ? contentType : contentType.substring(0, semicolon)).trim();
    return mediaType.equalsIgnoreCase("application/x-www-form-urlencoded");
  }

  private static String decode(String encoded) {
    if (encoded.indexOf('%') == -1 && encoded.indexOf('+') == -1) return encoded;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int low = high != -1 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
        if (low == -1) {
          throw new OAuthException(OAuthError.INVALID_REQUEST, "Malformed percent-encoding in the request body");
        }
        bytes.write((high << 4) | low);
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      }
    }
    return utf8(bytes.toByteArray());
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The request body is not valid UTF-8");
    }
  }
}

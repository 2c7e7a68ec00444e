package dev.resilientsession.client;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} text, as in a redirect's query: decoded into the first
 * value of each name, and encoded back. Malformed escapes are a typed error, never a crash.
 */
final class FormFields {
  private FormFields() {
  }

  static Map<String, String> decode(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) return fields;
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int equals = pair.indexOf('=');
      String name = unescape(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : unescape(pair.substring(equals + 1));
      fields.putIfAbsent(name, value);
    }
    return fields;
  }

  static String encode(Map<String, String> fields) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getValue() == null) continue;
      if (text.length() > 0) text.append('&');
      text.append(escape(field.getKey())).append('=').append(escape(field.getValue()));
    }
    return text.toString();
  }

  private static String unescape(String text) {
    try {
      return URLDecoder.decode(text, "UTF-8");
    } catch (IllegalArgumentException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("malformed %-escape in form fields");
    }
  }

  private static String escape(String text) {
    try {
      return URLEncoder.encode(text, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError("UTF-8 is always supported", e);
    }
  }
}

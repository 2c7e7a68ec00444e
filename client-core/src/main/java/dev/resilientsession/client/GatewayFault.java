package dev.resilientsession.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's fault code (such as {@code 900901}) from a 401 or 403: WSO2's JSON body,
 * its {@code <ams:fault>} XML body, or nothing usable (HTML, empty, another gateway's format).
 */
final class GatewayFault {
  private static final Pattern JSON_CODE = Pattern.compile("\"code\"\\s*:\\s*\"?(\\d{6})\"?");
  private static final Pattern XML_CODE = Pattern.compile("<(?:\\w+:)?code>\\s*(\\d{6})\\s*</(?:\\w+:)?code>");

  private GatewayFault() {
  }

  /** The fault code in {@code body}, or null when there is none. */
  static String code(String body) {
    if (body == null || body.isEmpty()) return null;
    Matcher json = JSON_CODE.matcher(body);
    if (json.find()) return json.group(1);
    Matcher xml = XML_CODE.matcher(body);
    if (xml.find()) return xml.group(1);
    return null;
  }

  /**
   * True when a 401 means this token is no longer accepted (900901 invalid, 900903 expired, 900904
   * inactive, or a bare 401 with no code), false for a 401 no new token can fix.
   */
  static boolean isTokenRejection(String code) {
    return code == null || code.equals("900901") || code.equals("900903") || code.equals("900904")
        || code.equals("900902");
  }
}

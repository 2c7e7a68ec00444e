package dev.resilientsession.gateway.server;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs (X.690), so that the standalone server
 * makes its certificate with the JDK alone, which a cold JVM does several hundred milliseconds
 * sooner than through okhttp-tls's Kotlin.
 */
final class Der {
  private Der() {
  }

  static byte[] sequence(byte[]... parts) {
    return tagged(0x30, parts);
  }

  static byte[] set(byte[]... parts) {
    return tagged(0x31, parts);
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] utf8(String text) {
    return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] octets(byte[] bytes) {
    return tagged(0x04, bytes);
  }

  /** A BIT STRING of whole bytes except for {@code unusedBits} at the end of the last. */
  static byte[] bits(int unusedBits, byte[] bytes) {
    return tagged(0x03, new byte[] {(byte) unusedBits}, bytes);
  }

  /** An object identifier written in dotted form: {@code 2.5.4.3}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) base128(out, Long.parseLong(arcs[i]));
    return tagged(0x06, out.toByteArray());
  }

  /** UTCTime through 2049 and GeneralizedTime after, as RFC 5280 4.1.2.5 requires. */
  static byte[] time(long epochSecond) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    boolean utc = time.getYear() < 2050;
    StringBuilder text = new StringBuilder(15);
    if (utc) {
      twoDigits(text, time.getYear() % 100);
    } else {
      text.append(time.getYear());
    }
    twoDigits(text, time.getMonthValue());
    twoDigits(text, time.getDayOfMonth());
    twoDigits(text, time.getHour());
    twoDigits(text, time.getMinute());
    twoDigits(text, time.getSecond());
    text.append('Z');
    return tagged(utc ? 0x17 : 0x18, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A context-specific, constructed tag {@code [number]}: an explicit tag or an implicit SEQUENCE. */
  static byte[] constructed(int number, byte[]... parts) {
    return tagged(0xa0 | number, parts);
  }

  /** A context-specific, primitive tag {@code [number]} in place of the content's own. */
  static byte[] implicit(int number, byte[] content) {
    return tagged(0x80 | number, content);
  }

  static byte[] tagged(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) length += part.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) out.write(length >>> (8 * i));
    }
    for (byte[] part : parts) out.write(part, 0, part.length);
    return out.toByteArray();
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int group = (int) (value >>> (7 * i)) & 0x7f;
      out.write(i == 0 ? group : group | 0x80);
    }
  }

  private static void twoDigits(StringBuilder text, int value) {
    text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}

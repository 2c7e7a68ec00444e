package dev.resilientsession.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes responses to one connection, each with a single write so that, with TCP_NODELAY, a small
 * response leaves in one segment. The server frames the message: it writes {@code Content-Length}
 * and {@code Connection} itself and drops the handler's framing headers.
 */
final class ResponseWriter {
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  /** Larger bodies are written on their own rather than copied behind the head. */
  private static final int MAX_COPIED_BODY = 16 * 1024;

  private final OutputStream out;
  private byte[] buffer = new byte[4 * 1024];
  private int size;

  ResponseWriter(OutputStream out) {
    this.out = out;
  }

  void writeContinue() throws IOException {
    out.write(CONTINUE);
    out.flush();
  }

  /**
   * Writes {@code response}, with its body unless {@code withBody} is false (HEAD), and a {@code
   * Connection} header when {@code connection} isn't null. Returns false, having written nothing,
   * when a header name or value holds CR or LF, which would split the response.
   */
  boolean write(HttpResponse response, boolean withBody, String connection) throws IOException {
    int status = response.status();
    size = 0;
    writeAscii("HTTP/1.1 ");
    writeDecimal(status);
    writeByte(' ');
    writeAscii(HttpResponse.reasonPhrase(status));
    writeCrlf();

    List<String> headers = response.headers();
    for (int i = 0; i < headers.size(); i += 2) {
      String name = headers.get(i);
      if (name.equalsIgnoreCase("Content-Length")
          || name.equalsIgnoreCase("Transfer-Encoding")
          || name.equalsIgnoreCase("Connection")) {
        continue;
      }
      if (!writeText(name)) return false;
      writeAscii(": ");
      if (!writeText(headers.get(i + 1))) return false;
      writeCrlf();
    }

    byte[] body = response.body();
    // RFC 9110 section 8.6: 1xx, 204 and 304 responses have no content and no length.
    boolean hasContent = status >= 200 && status != 204 && status != 304;
    if (hasContent) {
      writeAscii("Content-Length: ");
      writeDecimal(body.length);
      writeCrlf();
    }
    if (connection != null) {
      writeAscii("Connection: ");
      writeAscii(connection);
      writeCrlf();
    }
    writeCrlf();

    if (!hasContent || !withBody || body.length == 0) {
      out.write(buffer, 0, size);
    } else if (body.length <= MAX_COPIED_BODY) {
      require(body.length);
      System.arraycopy(body, 0, buffer, size, body.length);
      size += body.length;
      out.write(buffer, 0, size);
    } else {
      out.write(buffer, 0, size);
      out.write(body);
    }
    out.flush();
    return true;
  }

  /** Writes {@code text}, as UTF-8 like MockWebServer; false if it holds a line break. */
  private boolean writeText(String text) {
    if (text.indexOf('\r') != -1 || text.indexOf('\n') != -1) return false;
    int length = text.length();
    require(3 * length); // the most UTF-8 takes for a char
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = text.substring(i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        return true;
      }
      buffer[size++] = (byte) c;
    }
    return true;
  }

  /** Writes {@code text}, the server's own, which is ASCII. */
  private void writeAscii(String text) {
    int length = text.length();
    require(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) text.charAt(i);
    }
  }

  private void writeDecimal(int value) {
    require(10);
    int digits = 1;
    for (int rest = value / 10; rest > 0; rest /= 10) digits++;
    for (int i = size + digits - 1; i >= size; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
  }

  private void writeByte(int b) {
    require(1);
    buffer[size++] = (byte) b;
  }

  private void writeCrlf() {
    require(2);
    buffer[size++] = '\r';
    buffer[size++] = '\n';
  }

  private void require(int count) {
    if (size + count > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(size + count, 2 * buffer.length));
  }
}

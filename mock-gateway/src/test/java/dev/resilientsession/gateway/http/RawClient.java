package dev.resilientsession.gateway.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client on a raw socket, for tests that need the exact bytes: it writes what it's given and
 * reads responses strictly, failing on anything that isn't a well-formed HTTP/1.1 response from
 * this server. Reads time out after {@link #TIMEOUT_MILLIS}, which makes a hang a failure.
 */
final class RawClient implements Closeable {
  static final int TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawClient connect(HttpServer server) throws IOException {
    Socket socket = new Socket(server.address(), server.port());
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return new RawClient(socket);
  }

  RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Tells the server that nothing more is coming, as a client does that closes after its request. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Reads the next response; {@code head} when it answers a HEAD, which has no body. */
  Response read(boolean head) throws IOException {
    String statusLine = readLine();
    if (statusLine == null) throw new EOFException("closed before a response");
    if (!statusLine.matches("HTTP/1\\.1 [1-9][0-9][0-9] [\\x21-\\x7e][\\x20-\\x7e]*")) {
      throw new AssertionError("malformed status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    List<String> headers = new ArrayList<>();
    for (String line; !(line = requireLine()).isEmpty(); ) {
      int colon = line.indexOf(": ");
      if (colon <= 0 || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new AssertionError("malformed header line: " + line);
      }
      headers.add(line.substring(0, colon));
      headers.add(line.substring(colon + 2));
    }
    Response response = new Response(statusLine, status, headers, new byte[0]);
    String contentLength = response.header("Content-Length");
    boolean hasContent = status >= 200 && status != 204 && status != 304;
    if (hasContent != (contentLength != null)) {
      throw new AssertionError("Content-Length " + contentLength + " on a " + status);
    }
    if (!hasContent || head) return response;
    byte[] body = new byte[Integer.parseInt(contentLength)];
    for (int read = 0; read < body.length; ) {
      int n = in.read(body, read, body.length - read);
      if (n == -1) throw new AssertionError("closed " + (body.length - read) + " bytes before the end of the body");
      read += n;
    }
    return new Response(statusLine, status, headers, body);
  }

  /** Reads responses until the server closes the connection, which it must do within the timeout. */
  List<Response> readUntilClosed() throws IOException {
    List<Response> responses = new ArrayList<>();
    while (true) {
      try {
        responses.add(read());
      } catch (EOFException e) {
        return responses;
      }
    }
  }

  /** Whether the server closed the connection: the next read finds its end, or a reset. */
  boolean isClosedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException e) {
      return "Connection reset".equals(e.getMessage());
    }
  }

  /** A CRLF-ended line as ISO-8859-1, or null at the end of the stream (a reset counts as one). */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketException e) {
        if (!"Connection reset".equals(e.getMessage())) throw e;
        b = -1;
      }
      if (b == -1) {
        if (line.size() == 0) return null;
        throw new AssertionError("closed in the middle of a line");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') throw new AssertionError("a line without CRLF");
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
  }

  private String requireLine() throws IOException {
    String line = readLine();
    if (line == null) throw new AssertionError("closed in the middle of a response's headers");
    return line;
  }

  @Override public void close() throws IOException {
    socket.close();
  }

  /** A response as received. */
  record Response(String statusLine, int status, List<String> headers, byte[] body) {
    String header(String name) {
      String result = null;
      for (int i = 0; i < headers.size(); i += 2) {
        if (headers.get(i).equalsIgnoreCase(name)) result = headers.get(i + 1);
      }
      return result;
    }

    String bodyUtf8() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override public String toString() {
      return statusLine + " " + headers + " " + bodyUtf8();
    }
  }
}

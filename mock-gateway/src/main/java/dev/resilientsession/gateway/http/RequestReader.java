package dev.resilientsession.gateway.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one connection's requests as RFC 9112 frames them: a request line, header lines, and a
 * body sized by {@code Content-Length} or chunked. It reads in two steps, {@link #readHead} and
 * {@link #readBody}, so that the connection can send {@code 100 Continue} in between. Lines and
 * reads go through buffers kept for the connection's life; a request allocates little beyond its
 * strings and body.
 */
final class RequestReader {
  private static final int MAX_REQUEST_LINE = 8 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_HEADER_LINES = 200;
  private static final int MAX_CHUNK_LINE = 4 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private final InputStream in;
  private final long bodyLimit;
  private final boolean secure;
  private final String localAuthority;
  private final byte[] buffer = new byte[8 * 1024];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int lineLength;

  // The request being read.
  private HttpRequest.Builder request;
  private boolean http10;
  private long contentLength;
  private boolean transferEncoding;
  private int chunkedCodings;
  private boolean otherCodings;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private boolean expectContinue;
  private boolean otherExpectation;
  private boolean bodyCut;

  RequestReader(InputStream in, long bodyLimit, boolean secure, String localAuthority) {
    this.in = in;
    this.bodyLimit = bodyLimit;
    this.secure = secure;
    this.localAuthority = localAuthority;
  }

  /**
   * Reads the request line and the headers of the next request. Returns false when the client
   * closed the connection between requests.
   */
  boolean readHead() throws IOException, HttpError {
    request = HttpRequest.builder();
    contentLength = -1;
    transferEncoding = false;
    chunkedCodings = 0;
    otherCodings = false;
    connectionClose = false;
    connectionKeepAlive = false;
    expectContinue = false;
    otherExpectation = false;
    bodyCut = false;

    do {
      if (!readLine(MAX_REQUEST_LINE, 414, "Request line too long")) return false;
    } while (lineLength == 0); // RFC 9112 section 2.2: empty lines before a request line are ignored.
    requestLine();

    int headerBytes = 0;
    for (int lines = 0; ; lines++) {
      if (!readLine(MAX_HEADER_BYTES - headerBytes, 431, "Header section too large")) throw new EOFException();
      if (lineLength == 0) break;
      if (lines == MAX_HEADER_LINES) throw new HttpError(431, "Too many header lines");
      headerBytes += lineLength;
      headerLine();
    }

    if (transferEncoding) {
      // Two framings are a request smuggling attempt, or a broken proxy.
      if (contentLength != -1) throw new HttpError(400, "Both Transfer-Encoding and Content-Length");
      if (otherCodings) throw new HttpError(501, "Transfer-Encoding other than chunked");
      if (chunkedCodings != 1) throw new HttpError(400, "Malformed Transfer-Encoding");
    }
    // RFC 9110 section 10.1.1: HTTP/1.0 clients know no 100 Continue, so their expectation is ignored.
    if (otherExpectation && !http10) throw new HttpError(417, "Unsupported expectation");
    if (http10) expectContinue = false;
    return true;
  }

  /** Whether the client waits for {@code 100 Continue} before it sends the body {@link #readBody} reads. */
  boolean continueExpected() {
    return expectContinue && (transferEncoding || contentLength > 0 && contentLength <= bodyLimit);
  }

  /**
   * Reads the body of the request {@link #readHead} began, keeping at most the body limit. A
   * larger body is cut, and the rest left unread: see {@link #bodyCut}.
   */
  HttpRequest readBody() throws IOException, HttpError {
    if (transferEncoding) {
      chunkedBody();
    } else if (contentLength > bodyLimit) {
      // A client waiting for 100 Continue sends nothing: it gets its answer without the body.
      byte[] body = expectContinue ? EMPTY : new byte[(int) bodyLimit];
      readFully(body, 0, body.length);
      request.body(body, contentLength);
      bodyCut = true;
    } else if (contentLength > 0) {
      byte[] body = new byte[(int) contentLength];
      readFully(body, 0, body.length);
      request.body(body, contentLength);
    }
    HttpRequest result = request.secure(secure).localAuthority(localAuthority).build();
    request = null;
    return result;
  }

  /** Whether the request's body was larger than the limit, leaving the rest of it unread. */
  boolean bodyCut() {
    return bodyCut;
  }

  /** Whether the client lets the connection carry another request after this one. */
  boolean keepAlive() {
    if (connectionClose) return false;
    // RFC 9112 section 6.1: a chunked HTTP/1.0 request has faulty framing; close after it.
    if (http10) return connectionKeepAlive && !transferEncoding;
    return true;
  }

  boolean http10() {
    return http10;
  }

  /** Reads and drops up to {@code max} bytes, or until the client closes. */
  void discard(long max) throws IOException {
    long discarded = limit - pos;
    pos = limit;
    while (discarded < max) {
      int read = in.read(buffer, 0, buffer.length);
      if (read == -1) return;
      discarded += read;
    }
  }

  private void requestLine() throws HttpError {
    byte[] line = this.line;
    int length = lineLength;
    int methodEnd = indexOf(line, (byte) ' ', 0, length);
    if (methodEnd <= 0) throw new HttpError(400, "Malformed request line");
    for (int i = 0; i < methodEnd; i++) {
      if (!isTokenChar(line[i])) throw new HttpError(400, "Malformed method");
    }
    int targetEnd = indexOf(line, (byte) ' ', methodEnd + 1, length);
    if (targetEnd == -1 || targetEnd == methodEnd + 1) throw new HttpError(400, "Malformed request line");
    for (int i = methodEnd + 1; i < targetEnd; i++) {
      // Signed bytes: UTF-8 beyond ASCII is negative and allowed; controls are not.
      if (line[i] >= 0 && line[i] < '!' || line[i] == 0x7f) throw new HttpError(400, "Malformed request target");
    }

    int version = targetEnd + 1;
    if (length - version != 8
        || line[version] != 'H' || line[version + 1] != 'T' || line[version + 2] != 'T' || line[version + 3] != 'P'
        || line[version + 4] != '/' || !isDigit(line[version + 5]) || line[version + 6] != '.'
        || !isDigit(line[version + 7])) {
      throw new HttpError(400, "Malformed HTTP version");
    }
    if (line[version + 5] != '1' || line[version + 7] > '1') throw new HttpError(505, "HTTP version not supported");
    http10 = line[version + 7] == '0';

    String method = new String(line, 0, methodEnd, StandardCharsets.ISO_8859_1);
    String target = new String(line, methodEnd + 1, targetEnd - methodEnd - 1, StandardCharsets.UTF_8);
    request.method(method).target(originForm(method, target));
  }

  /** The target as a path and query: absolute-form reduced, origin-form and {@code OPTIONS *} as sent. */
  private static String originForm(String method, String target) throws HttpError {
    if (target.charAt(0) == '/') return target;
    if (target.equals("*")) {
      if (method.equals("OPTIONS")) return target;
      throw new HttpError(400, "Request target * is for OPTIONS only");
    }
    int authority;
    if (target.regionMatches(true, 0, "http://", 0, 7)) {
      authority = 7;
    } else if (target.regionMatches(true, 0, "https://", 0, 8)) {
      authority = 8;
    } else {
      throw new HttpError(400, "Malformed request target");
    }
    int end = authority;
    while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') end++;
    if (end == authority) throw new HttpError(400, "Request target without a host");
    if (end == target.length()) return "/";
    return target.charAt(end) == '?' ? "/" + target.substring(end) : target.substring(end);
  }

  private void headerLine() throws HttpError {
    byte[] line = this.line;
    int length = lineLength;
    if (line[0] == ' ' || line[0] == '\t') throw new HttpError(400, "Obsolete line folding in the headers");
    int colon = indexOf(line, (byte) ':', 0, length);
    if (colon == -1) throw new HttpError(400, "Header line without a colon");
    if (colon == 0) throw new HttpError(400, "Empty header name");
    // "Authorization :Basic ...", from WSO2's cURL lines, has spaces before its colon; RFC 9112 would refuse it.
    int nameEnd = colon;
    while (line[nameEnd - 1] == ' ' || line[nameEnd - 1] == '\t') nameEnd--;
    for (int i = 0; i < nameEnd; i++) {
      if (!isTokenChar(line[i])) throw new HttpError(400, "Malformed header name");
    }
    int valueStart = colon + 1;
    int valueEnd = length;
    while (valueStart < valueEnd && (line[valueStart] == ' ' || line[valueStart] == '\t')) valueStart++;
    while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) valueEnd--;
    for (int i = valueStart; i < valueEnd; i++) {
      // RFC 9110 section 5.5: CR and NUL are never part of a value; a bare CR may end a line elsewhere.
      if (line[i] == '\r' || line[i] == 0) throw new HttpError(400, "Malformed header value");
    }

    String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
    String value = new String(line, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
    request.addHeader(name, value);

    String key = nameEnd == colon ? name : name.substring(0, nameEnd);
    if (key.equalsIgnoreCase("Content-Length")) {
      // Framing must be unambiguous: a proxy may not read this name as the same header.
      if (nameEnd != colon) throw new HttpError(400, "Whitespace before the colon of Content-Length");
      contentLength(value);
    } else if (key.equalsIgnoreCase("Transfer-Encoding")) {
      if (nameEnd != colon) throw new HttpError(400, "Whitespace before the colon of Transfer-Encoding");
      transferEncoding(value);
    } else if (key.equalsIgnoreCase("Connection")) {
      connectionClose |= hasToken(value, "close");
      connectionKeepAlive |= hasToken(value, "keep-alive");
    } else if (key.equalsIgnoreCase("Expect")) {
      if (value.equalsIgnoreCase("100-continue")) {
        expectContinue = true;
      } else {
        otherExpectation = true;
      }
    }
  }

  /** One value or a list of equal ones (RFC 9112 section 6.3), equal to any earlier header's. */
  private void contentLength(String value) throws HttpError {
    for (int start = 0; start <= value.length(); ) {
      int end = value.indexOf(',', start);
      if (end == -1) end = value.length();
      long length = digits(value, start, end);
      if (length == -1) throw new HttpError(400, "Malformed Content-Length");
      if (contentLength != -1 && contentLength != length) throw new HttpError(400, "Conflicting Content-Length");
      contentLength = length;
      start = end + 1;
    }
  }

  private void transferEncoding(String value) {
    transferEncoding = true;
    for (int start = 0; start <= value.length(); ) {
      int end = value.indexOf(',', start);
      if (end == -1) end = value.length();
      int from = trimStart(value, start, end);
      int to = trimEnd(value, from, end);
      if (to - from == 7 && value.regionMatches(true, from, "chunked", 0, 7)) {
        chunkedCodings++;
      } else if (to > from) { // empty list elements are allowed, and ignored
        otherCodings = true;
      }
      start = end + 1;
    }
  }

  /** Whether the comma-separated {@code list}, such as a {@code Connection} value, holds {@code token}. */
  static boolean hasToken(String list, String token) {
    if (list == null) return false;
    for (int start = 0; start <= list.length(); ) {
      int end = list.indexOf(',', start);
      if (end == -1) end = list.length();
      int from = trimStart(list, start, end);
      int to = trimEnd(list, from, end);
      if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) return true;
      start = end + 1;
    }
    return false;
  }

  private void chunkedBody() throws IOException, HttpError {
    byte[] body = EMPTY;
    int kept = 0;
    long size = 0;
    while (true) {
      if (!readLine(MAX_CHUNK_LINE, 400, "Chunk size line too long")) throw new EOFException();
      long chunkSize = chunkSize();
      if (chunkSize == 0) break;
      size += chunkSize; // no overflow: size was within the limit, and a chunk is below 2^60
      if (size > bodyLimit) {
        // Keep what fits, and report the size declared so far; the rest stays unread.
        body = Arrays.copyOf(body, (int) bodyLimit);
        readFully(body, kept, (int) bodyLimit - kept);
        request.body(body, size);
        bodyCut = true;
        return;
      }
      if (kept + chunkSize > body.length) {
        body = Arrays.copyOf(body, (int) Math.max(kept + chunkSize, Math.min(bodyLimit, 2L * body.length)));
      }
      readFully(body, kept, (int) chunkSize);
      kept += (int) chunkSize;
      if (!readLine(0, 400, "Chunk longer than its size")) throw new EOFException();
    }

    // Trailers are read for framing only: the gateway's endpoints never look at them.
    int trailerBytes = 0;
    for (int lines = 0; ; lines++) {
      if (!readLine(MAX_HEADER_BYTES - trailerBytes, 431, "Trailer section too large")) throw new EOFException();
      if (lineLength == 0) break;
      if (lines == MAX_HEADER_LINES) throw new HttpError(431, "Too many trailer lines");
      trailerBytes += lineLength;
    }
    request.body(kept == body.length ? body : Arrays.copyOf(body, kept), kept);
  }

  /** The size on a chunk's first line, whose extensions, after a {@code ;}, are ignored. */
  private long chunkSize() throws HttpError {
    long size = 0;
    int i = 0;
    for (; i < lineLength; i++) {
      int digit = Character.digit(line[i], 16);
      if (digit == -1) break;
      if (i == 15) throw new HttpError(400, "Chunk size too large");
      size = size << 4 | digit;
    }
    if (i == 0) throw new HttpError(400, "Malformed chunk size");
    while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) i++;
    if (i < lineLength && line[i] != ';') throw new HttpError(400, "Malformed chunk size");
    return size;
  }

  /**
   * Reads a line into {@link #line} without its line break, CRLF or a bare LF. Returns false at
   * the end of the stream before the line's first byte; throws EOFException after it.
   */
  private boolean readLine(int max, int status, String tooLong) throws IOException, HttpError {
    int length = 0;
    while (true) {
      if (pos == limit) {
        int read = in.read(buffer, 0, buffer.length);
        if (read == -1) {
          if (length == 0) return false;
          throw new EOFException();
        }
        pos = 0;
        limit = read;
      }
      int end = pos;
      while (end < limit && buffer[end] != '\n') end++;
      int count = end - pos;
      if (length + count > max + 1) throw new HttpError(status, tooLong); // + 1: the CR of a CRLF
      if (length + count > line.length) line = Arrays.copyOf(line, Math.min(max + 1, Math.max(length + count, 2 * line.length)));
      System.arraycopy(buffer, pos, line, length, count);
      length += count;
      if (end < limit) {
        pos = end + 1;
        break;
      }
      pos = end;
    }
    if (length > 0 && line[length - 1] == '\r') length--;
    if (length > max) throw new HttpError(status, tooLong);
    lineLength = length;
    return true;
  }

  private void readFully(byte[] sink, int offset, int count) throws IOException {
    int buffered = Math.min(count, limit - pos);
    System.arraycopy(buffer, pos, sink, offset, buffered);
    pos += buffered;
    for (int read = buffered; read < count; ) {
      int n = in.read(sink, offset + read, count - read);
      if (n == -1) throw new EOFException();
      read += n;
    }
  }

  /** A non-negative decimal of at most 18 digits, which fits a long; -1 if there is none. */
  private static long digits(String s, int start, int end) {
    int from = trimStart(s, start, end);
    int to = trimEnd(s, from, end);
    if (from == to || to - from > 18) return -1;
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int trimStart(String s, int start, int end) {
    while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) start++;
    return start;
  }

  private static int trimEnd(String s, int start, int end) {
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
    return end;
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) return i;
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** RFC 9110's tchar: the characters of methods and header names. */
  private static boolean isTokenChar(byte b) {
    if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') return true;
    switch (b) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
      case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
      default:
        return false;
    }
  }
}

package dev.resilientsession.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP response, built by the gateway's endpoints and written by a server. Mutable, like
 * MockWebServer's {@code MockResponse}, so that a caller can add a header to what a helper made.
 * The server writes {@code Content-Length} itself.
 */
public final class HttpResponse {
  private static final byte[] EMPTY = new byte[0];

  /** What becomes of the connection once the request is read. */
  public enum Connection {
    /** Answer, and keep the connection for the client's next request. */
    KEEP_OPEN,
    /** Answer with {@code Connection: close}, then close. */
    CLOSE,
    /** Close without answering: a dropped connection, as a failing proxy does. */
    DROP
  }

  private int status = 200;
  private final List<String> namesAndValues = new ArrayList<>(8);
  private byte[] body = EMPTY;
  private Connection connection = Connection.KEEP_OPEN;

  public HttpResponse() {
  }

  /** A response with {@code status}, no headers and no body. */
  public static HttpResponse status(int status) {
    return new HttpResponse().setStatus(status);
  }

  /** No answer: the connection is closed once the request is read. */
  public static HttpResponse drop() {
    return new HttpResponse().setConnection(Connection.DROP);
  }

  public HttpResponse setStatus(int status) {
    if (status < 100 || status > 999) throw new IllegalArgumentException("status: " + status);
    this.status = status;
    return this;
  }

  public int status() {
    return status;
  }

  /** The standard reason phrase of {@link #status}. */
  public String reason() {
    return reasonPhrase(status);
  }

  /** Replaces every value of header {@code name} with {@code value}. */
  public HttpResponse setHeader(String name, String value) {
    removeHeader(name);
    return addHeader(name, value);
  }

  public HttpResponse addHeader(String name, String value) {
    namesAndValues.add(Objects.requireNonNull(name, "name"));
    namesAndValues.add(Objects.requireNonNull(value, "value"));
    return this;
  }

  private void removeHeader(String name) {
    for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
      if (namesAndValues.get(i).equalsIgnoreCase(name)) {
        namesAndValues.remove(i + 1);
        namesAndValues.remove(i);
      }
    }
  }

  /** The last value of header {@code name}, or null. */
  public String header(String name) {
    for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
      if (namesAndValues.get(i).equalsIgnoreCase(name)) return namesAndValues.get(i + 1);
    }
    return null;
  }

  /** Every header, as name, value, name, value... in the order set. */
  public List<String> headers() {
    return Collections.unmodifiableList(namesAndValues);
  }

  public HttpResponse setBody(String body) {
    return setBody(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes {@code body} as it is, without a copy. */
  public HttpResponse setBody(byte[] body) {
    this.body = Objects.requireNonNull(body, "body");
    return this;
  }

  /** The body itself, not a copy: servers write it, nobody changes it. */
  public byte[] body() {
    return body;
  }

  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public HttpResponse setConnection(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    return this;
  }

  public Connection connection() {
    return connection;
  }

  @Override public String toString() {
    return connection == Connection.DROP ? "(dropped)" : status + " " + reason();
  }

  /** The standard phrase; MockWebServer's generic "Client Error" reads wrong in a status line. */
  static String reasonPhrase(int status) {
    switch (status) {
      case 100: return "Continue";
      case 200: return "OK";
      case 201: return "Created";
      case 202: return "Accepted";
      case 204: return "No Content";
      case 301: return "Moved Permanently";
      case 302: return "Found";
      case 303: return "See Other";
      case 304: return "Not Modified";
      case 307: return "Temporary Redirect";
      case 308: return "Permanent Redirect";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 409: return "Conflict";
      case 410: return "Gone";
      case 411: return "Length Required";
      case 413: return "Content Too Large";
      case 414: return "URI Too Long";
      case 415: return "Unsupported Media Type";
      case 417: return "Expectation Failed";
      case 422: return "Unprocessable Content";
      case 429: return "Too Many Requests";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      case 505: return "HTTP Version Not Supported";
      default: return status < 300 ? "Success" : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
    }
  }
}

package dev.resilientsession.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request as the gateway received it: method, target, headers and body. The body holds
 * at most the gateway's body limit; {@link #bodySize} is the size the client sent or declared.
 */
public final class HttpRequest {
  private final String method;
  private final String target;
  private final List<String> namesAndValues;
  private final byte[] body;
  private final long bodySize;
  private final boolean secure;
  private final String localAuthority;

  private HttpRequest(Builder builder) {
    this.method = Objects.requireNonNull(builder.method, "method");
    this.target = Objects.requireNonNull(builder.target, "target");
    this.namesAndValues = Collections.unmodifiableList(new ArrayList<>(builder.namesAndValues));
    this.body = builder.body;
    this.bodySize = builder.bodySize < 0 ? builder.body.length : builder.bodySize;
    this.secure = builder.secure;
    this.localAuthority = builder.localAuthority;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code GET}, {@code POST}, ... as sent. */
  public String method() {
    return method;
  }

  /** The request target as sent: a path with its query, such as {@code /oauth2/authorize?client_id=x}. */
  public String target() {
    return target;
  }

  /** The target without its query. */
  public String path() {
    int query = target.indexOf('?');
    return query == -1 ? target : target.substring(0, query);
  }

  /** The query, after the {@code ?} and still percent-encoded; null when the target has none. */
  public String query() {
    int query = target.indexOf('?');
    return query == -1 ? null : target.substring(query + 1);
  }

  /**
   * The last value of header {@code name}, or null. Names match ignoring case and the spaces
   * around them, because the cURL lines in WSO2's documentation send {@code "Authorization :Basic ..."}.
   */
  public String header(String name) {
    for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
      String candidate = namesAndValues.get(i);
      if (candidate.trim().equalsIgnoreCase(name)) {
        return namesAndValues.get(i + 1);
      }
    }
    return null;
  }

  /** Every header, as name, value, name, value... in the order received. */
  public List<String> headers() {
    return namesAndValues;
  }

  /** A copy of the body as received, cut at the gateway's body limit. */
  public byte[] body() {
    return body.clone();
  }

  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** How many body bytes the client sent or declared; more than {@code body().length} when cut. */
  public long bodySize() {
    return bodySize;
  }

  /** Whether it came over TLS. */
  public boolean secure() {
    return secure;
  }

  /** The {@code host:port} the connection reached, for a request without a usable {@code Host}. */
  public String localAuthority() {
    return localAuthority;
  }

  /** The request line; never the headers or the body, which may hold credentials. */
  @Override public String toString() {
    return method + " " + path();
  }

  public static final class Builder {
    private String method;
    private String target;
    private final List<String> namesAndValues = new ArrayList<>();
    private byte[] body = new byte[0];
    private long bodySize = -1;
    private boolean secure;
    private String localAuthority = "localhost";

    private Builder() {
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder target(String target) {
      this.target = target;
      return this;
    }

    public Builder addHeader(String name, String value) {
      namesAndValues.add(Objects.requireNonNull(name, "name"));
      namesAndValues.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The body as kept, and the size the client sent or declared, which may be larger. */
    public Builder body(byte[] body, long bodySize) {
      this.body = Objects.requireNonNull(body, "body");
      this.bodySize = bodySize;
      return this;
    }

    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    public Builder localAuthority(String localAuthority) {
      this.localAuthority = Objects.requireNonNull(localAuthority, "localAuthority");
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}

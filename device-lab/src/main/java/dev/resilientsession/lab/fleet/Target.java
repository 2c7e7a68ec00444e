package dev.resilientsession.lab.fleet;

import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The server a fleet plays against: a mock gateway started in-process for the run (with the
 * scenario's gateway config, its users and applications); or one already running, given by its
 * single origin (a standalone mock, an all-in-one WSO2) or by its token endpoint and the base of
 * its APIs (a WSO2 whose key manager and gateway listen apart, Keycloak, any OAuth2 server).
 * A running one is trusted through an extra CA when its certificate needs one, and reached with an
 * admin token when its mock {@code /admin} controls require one.
 */
public final class Target {
  private final @Nullable HttpUrl gateway;
  private final @Nullable Endpoints endpoints;
  private final @Nullable String caPem;
  private final @Nullable String adminToken;

  private Target(@Nullable HttpUrl gateway, @Nullable Endpoints endpoints, @Nullable String caPem,
      @Nullable String adminToken) {
    this.gateway = gateway;
    this.endpoints = endpoints;
    this.caPem = caPem;
    this.adminToken = adminToken;
  }

  /** A mock gateway on loopback, started for the run and stopped after it. */
  public static Target embedded() {
    return new Target(null, null, null, null);
  }

  /**
   * A running gateway at {@code url}: its token endpoint at {@code url/oauth2/token}, its APIs
   * below {@code url}; {@code caPem} is a PEM certificate to trust besides the platform's, or null.
   */
  public static Target remote(HttpUrl url, @Nullable String caPem) {
    Objects.requireNonNull(url, "url");
    return new Target(url, Endpoints.gateway(url), caPem, null);
  }

  /**
   * A running server given by its token endpoint and the base its APIs are below, each group's
   * {@code call} path relative to {@code apiUrl}: {@code https://apim:8243/pizzashack/1.0.0} and
   * {@code /menu} call {@code https://apim:8243/pizzashack/1.0.0/menu}. Its revocation endpoint is
   * where the SDK derives it, unless {@link #withRevokeUrl} says otherwise, and so is its
   * authorization endpoint, unless {@link #withAuthorizationUrl} does.
   *
   * @throws IllegalArgumentException when the token URL has no path (it names a server, not its
   *     endpoint), or the token URL is HTTPS and the API URL plain HTTP (the SDK sends its token
   *     over HTTPS only then, so every call would go without it)
   */
  public static Target endpoints(HttpUrl tokenUrl, HttpUrl apiUrl, @Nullable String caPem) {
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(apiUrl, "apiUrl");
    if (tokenUrl.encodedPath().equals("/")) {
      throw new IllegalArgumentException("the token URL " + tokenUrl + " names a server, not its token endpoint,"
          + " such as " + tokenUrl.resolve("/oauth2/token") + " or "
          + tokenUrl.resolve("/realms/NAME/protocol/openid-connect/token"));
    }
    if (tokenUrl.isHttps() && !apiUrl.isHttps()) {
      throw new IllegalArgumentException("the API URL " + apiUrl + " is plain HTTP while the token URL is HTTPS:"
          + " the SDK sends its token over HTTPS only then, so no call would carry it");
    }
    return new Target(null, Endpoints.split(tokenUrl, null, null, apiUrl), caPem, null);
  }

  /**
   * The revocation endpoint at {@code https://issuer/...}, for a server that does not keep it beside
   * its token endpoint; without it, {@link #revokeUrlFor} says where sign-outs revoke.
   *
   * @throws IllegalStateException for the embedded gateway and a target given by {@link #remote},
   *     whose revocation endpoint is {@code url/oauth2/revoke}
   */
  public Target withRevokeUrl(HttpUrl revokeUrl) {
    Objects.requireNonNull(revokeUrl, "revokeUrl");
    if (endpoints == null || gateway != null) {
      throw new IllegalStateException("a revocation URL goes with a target given by its token and API URLs");
    }
    return new Target(null, Endpoints.split(endpoints.token(), revokeUrl, endpoints.authorization(), endpoints.api()),
        caPem, adminToken);
  }

  /**
   * The authorization endpoint where browser sign-ins start, for a server that does not keep it
   * where the SDK derives it ({@link #authorizationUrlFor}): Keycloak's is {@code
   * .../protocol/openid-connect/auth}.
   *
   * @throws IllegalStateException for the embedded gateway and a target given by {@link #remote},
   *     whose authorization endpoint is {@code url/oauth2/authorize}
   */
  public Target withAuthorizationUrl(HttpUrl authorizationUrl) {
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    if (endpoints == null || gateway != null) {
      throw new IllegalStateException("an authorization URL goes with a target given by its token and API URLs");
    }
    return new Target(null, Endpoints.split(endpoints.token(), endpoints.revoke(), authorizationUrl, endpoints.api()),
        caPem, adminToken);
  }

  /**
   * This running server, with {@code token} sent on every {@code /admin} request as {@code
   * Authorization: Bearer}: a standalone mock listening beyond loopback requires one. Null sends none.
   *
   * @throws IllegalArgumentException when the token is empty or holds anything but visible ASCII (the
   *     message never repeats it)
   * @throws IllegalStateException for the embedded gateway, which needs none
   */
  public Target withAdminToken(@Nullable String token) {
    if (endpoints == null) throw new IllegalStateException("the embedded gateway's /admin needs no admin token");
    if (token != null) {
      boolean visible = !token.isEmpty() && token.chars().allMatch(c -> c > ' ' && c <= '~');
      if (!visible) {
        throw new IllegalArgumentException("the admin token must be visible ASCII characters, without spaces");
      }
    }
    return new Target(gateway, endpoints, caPem, token);
  }

  /**
   * Where the SDK revokes for a session of {@code tokenUrl} unless told otherwise: the token URL
   * with {@code revoke} as its last path segment and no query, so {@code /oauth2/token} becomes
   * {@code /oauth2/revoke} and Keycloak's {@code /protocol/openid-connect/token} its {@code .../revoke}.
   */
  public static HttpUrl revokeUrlFor(HttpUrl tokenUrl) {
    return sibling(tokenUrl, "revoke");
  }

  /**
   * Where the SDK starts a browser sign-in for a session of {@code tokenUrl} unless told otherwise:
   * the token URL with {@code authorize} as its last path segment and no query, so {@code
   * /oauth2/token} becomes {@code /oauth2/authorize}. Keycloak's is not there: give it.
   */
  public static HttpUrl authorizationUrlFor(HttpUrl tokenUrl) {
    return sibling(tokenUrl, "authorize");
  }

  private static HttpUrl sibling(HttpUrl tokenUrl, String endpoint) {
    return tokenUrl.newBuilder().setPathSegment(tokenUrl.pathSize() - 1, endpoint).query(null).build();
  }

  public boolean isEmbedded() {
    return endpoints == null;
  }

  /** Whether this is a running server given by its single origin ({@link #remote}). */
  public boolean isGateway() {
    return gateway != null;
  }

  @Nullable Endpoints endpoints() {
    return endpoints;
  }

  @Nullable String caPem() {
    return caPem;
  }

  @Nullable String adminToken() {
    return adminToken;
  }

  /** {@code url} as a directory, ending with '/', so that relative paths resolve below it. */
  static HttpUrl directory(HttpUrl url) {
    return url.encodedPath().endsWith("/") ? url : url.newBuilder().addPathSegment("").build();
  }

  /**
   * "embedded", the gateway's URL, or "token URL https://..., API URL https://..." with the
   * authorization and revocation URLs given between; never the admin token.
   */
  @Override public String toString() {
    if (endpoints == null) return "embedded";
    if (gateway != null) return gateway.toString();
    return "token URL " + endpoints.token()
        + (endpoints.authorization() != null ? ", authorization URL " + endpoints.authorization() : "")
        + (endpoints.revoke() != null ? ", revocation URL " + endpoints.revoke() : "")
        + ", API URL " + endpoints.api();
  }
}

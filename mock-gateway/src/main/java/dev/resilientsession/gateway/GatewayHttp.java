package dev.resilientsession.gateway;

import dev.resilientsession.gateway.browser.BrowserEndpoint;
import dev.resilientsession.gateway.token.Introspection;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.Revocation;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenRequest;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * Translates HTTP to the gateway's rules and back: the token, revoke, introspect and JWKS
 * endpoints, the QA controls under {@code /admin/}, and every other path as a protected API.
 */
final class GatewayDispatcher extends Dispatcher {
  private static final MockResponse KEEP_OPEN = new MockResponse().setSocketPolicy(SocketPolicy.KEEP_OPEN);

  private final MockGateway gateway;
  private final GatewayConfig config;
  private final AdminEndpoint admin;
  private final BrowserEndpoint browser;

  GatewayDispatcher(MockGateway gateway) {
    this.gateway = gateway;
    this.config = gateway.config();
    this.admin = new AdminEndpoint(gateway);
    this.browser = gateway.browser();
  }

  @Override public MockResponse dispatch(RecordedRequest request) {
    MockResponse response;
    try {
      response = route(request);
    } catch (OAuthException e) {
      response = Responses.oauthError(e);
    } catch (RuntimeException e) {
      // A bug in the mock, never an answer to bad input: say so rather than drop the connection.
      response = Responses.oauthError(500, "server_error", "mock-gateway failed: " + e);
    }
    if ("close".equalsIgnoreCase(request.getHeader("Connection"))
        && response.getSocketPolicy() == SocketPolicy.KEEP_OPEN) {
      response.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
    }
    return response;
  }

  /** MockWebServer asks this for every connection and request; answering without allocating keeps it cheap. */
  @Override public MockResponse peek() {
    return KEEP_OPEN;
  }

  private MockResponse route(RecordedRequest request) {
    String method = request.getMethod();
    String target = request.getPath();
    if (method == null || target == null) {
      return Responses.oauthError(400, OAuthError.INVALID_REQUEST.code(), "Malformed request line");
    }
    int query = target.indexOf('?');
    String path = query == -1 ? target : target.substring(0, query);
    switch (path) {
      case "/oauth2/token":
      case "/token":
        return token(request, method);
      case "/oauth2/revoke":
      case "/revoke":
        return revoke(request, method);
      case "/oauth2/introspect":
      case "/introspect":
        return introspect(request, method);
      case "/oauth2/jwks":
        if (!method.equals("GET")) return Responses.methodNotAllowed("GET");
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(gateway.tokens().jwkSetJson());
      case "/oauth2/userinfo":
        return userInfo(request, method);
      case Discovery.WSO2_PATH:
      case Discovery.WSO2_DISCOVERY_PATH:
      case Discovery.PATH:
        if (!method.equals("GET")) return Responses.methodNotAllowed("GET");
        return Discovery.document(issuerOrigin(request), config.issuer());
      default:
        if (BrowserEndpoint.serves(path)) {
          Form parameters;
          try {
            parameters = parameters(request, target, query, method.equals("POST"));
          } catch (OAuthException e) {
            // A browser reads a page, not JSON; and with the request unreadable nobody is redirected.
            return browser.badRequest();
          }
          return browser.handle(method, path, parameters.asMap(), header(request, "Cookie"),
              request.getHandshake() != null);
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
          // The credential first: a refused request's body is never read.
          String authorization = header(request, "Authorization");
          if (!admin.admits(authorization)) return AdminEndpoint.unauthorized(authorization);
          return admin.handle(method, path, parameters(request, target, query, !method.equals("GET")));
        }
        return api(request, method, path);
    }
  }

  private MockResponse token(RecordedRequest request, String method) {
    Fault fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.BEFORE_AUTHENTICATION);
    if (fault == null) fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.AFTER_AUTHENTICATION);
    // Shedding comes before reading the form: an overloaded key manager does no grant work.
    if (fault == null) fault = gateway.shedTokenRequest();
    if (fault != null) return Responses.tokenFault(fault);
    if (!method.equals("POST")) return Responses.noStore(Responses.methodNotAllowed("POST"));
    Form form = form(request);
    ClientCredentials client = ClientCredentials.from(header(request, "Authorization"), form);
    IssuedToken token = gateway.tokens().token(TokenRequest.builder()
        .client(client.id, client.secret)
        .grantType(form.get("grant_type"))
        .username(form.get("username"))
        .password(form.get("password"))
        .refreshToken(form.get("refresh_token"))
        .scope(form.get("scope"))
        .code(form.get("code"))
        .redirectUri(form.get("redirect_uri"))
        .codeVerifier(form.get("code_verifier"))
        .build());
    return Responses.token(token);
  }

  private MockResponse revoke(RecordedRequest request, String method) {
    if (!method.equals("POST")) return Responses.methodNotAllowed("POST");
    Form form = form(request);
    ClientCredentials client = ClientCredentials.from(header(request, "Authorization"), form);
    Revocation revocation = gateway.tokens().revoke(client.id, client.secret, form.get("token"),
        form.get("token_type_hint"));
    MockResponse response = Responses.noStore(Responses.status(new MockResponse(), 200));
    if (revocation.revoked()) {
      if (revocation.accessToken() != null) response.setHeader("RevokedAccessToken", revocation.accessToken());
      if (revocation.refreshToken() != null) response.setHeader("RevokedRefreshToken", revocation.refreshToken());
      response.setHeader("AuthorizedUser", qualified(revocation.user()));
    }
    return response;
  }

  /**
   * OIDC's UserInfo endpoint: the claims of the token's user, for an active access token that was
   * granted {@code openid}. Answered by the key manager, so the gateway's token cache plays no part.
   */
  private MockResponse userInfo(RecordedRequest request, String method) {
    if (!method.equals("GET") && !method.equals("POST")) return Responses.methodNotAllowed("GET, POST");
    String token = ApiGate.bearerToken(header(request, "Authorization"));
    if (token == null) return userInfoError(400, "invalid_request", "Bearer token missing");
    Optional<TokenInfo> info = gateway.tokens().validate(token);
    if (info.isEmpty()) return userInfoError(401, "invalid_token", "Access token validation failed");
    if (!info.get().hasScope("openid")) {
      return userInfoError(403, "insufficient_scope", "Access token does not have the openid scope");
    }
    String user = info.get().user();
    return Responses.noStore(Responses.json(200, writer -> writer.beginObject().name("sub").value(user).endObject()));
  }

  private static MockResponse userInfoError(int status, String error, String description) {
    return Responses.noStore(Responses.oauthError(status, error, description))
        .setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
  }

  /** The origin this request reached the gateway at, for discovery's endpoint URLs. */
  private static String issuerOrigin(RecordedRequest request) {
    okhttp3.HttpUrl url = request.getRequestUrl();
    String host = header(request, "Host");
    String scheme = request.getHandshake() != null ? "https" : "http";
    if (host != null && host.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?")) {
      return scheme + "://" + host;
    }
    return scheme + "://" + url.host() + ":" + url.port();
  }

  /** A username with its tenant, as WSO2 names users: {@code admin@carbon.super}. */
  static String qualified(String user) {
    return user.indexOf('@') != -1 ? user : user + "@carbon.super";
  }

  private MockResponse introspect(RecordedRequest request, String method) {
    if (!method.equals("POST")) return Responses.methodNotAllowed("POST");
    String token = form(request).get("token");
    if (token == null || token.isBlank()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "Missing token parameter");
    }
    Optional<Introspection> introspection = gateway.tokens().introspect(token);
    return Responses.json(200, writer -> {
      writer.beginObject();
      writer.name("active").value(introspection.isPresent());
      if (introspection.isPresent()) {
        Introspection active = introspection.get();
        writer.name("scope").value(String.join(" ", active.token().scopes()));
        writer.name("username").value(active.token().user());
        writer.name("client_id").value(active.token().clientId());
        writer.name("token_type").value(active.tokenType());
        writer.name("exp").value(active.expiresAt().getEpochSecond());
        writer.name("iat").value(active.issuedAt().getEpochSecond());
        writer.name("nbf").value(active.issuedAt().getEpochSecond());
        if (!active.refreshToken()) writer.name("jti").value(active.token().id());
      }
      writer.endObject();
    });
  }

  /**
   * An API call, in WSO2's order: the backend and the network fail first, then authentication
   * (whose injected verdicts need an otherwise valid token), then throttling. A call refused for
   * its token leaves the later faults for the next call.
   */
  private MockResponse api(RecordedRequest request, String method, String path) {
    Fault fault = gateway.strikeFault(Fault.Target.API, Fault.Stage.BEFORE_AUTHENTICATION);
    if (fault != null) return Responses.apiFault(fault, config.errorFormat(), path);
    AccessDecision decision = gateway.api().check(method, path, header(request, "Authorization"));
    boolean validToken = decision.isAllowed() || decision.fault() == ApiFault.RESOURCE_FORBIDDEN;
    if (validToken) {
      fault = gateway.strikeFault(Fault.Target.API, Fault.Stage.AUTHENTICATION);
      if (fault != null) return Responses.apiFault(fault, config.errorFormat(), path);
    }
    if (!decision.isAllowed()) {
      return Responses.apiFault(decision.fault(), decision.description(), config.errorFormat());
    }
    fault = gateway.strikeFault(Fault.Target.API, Fault.Stage.AFTER_AUTHENTICATION);
    if (fault != null) return Responses.apiFault(fault, config.errorFormat(), path);
    return Responses.echo(decision.token(), method, path);
  }

  /** The query's parameters, and with {@code withBody} the form body's too; the body wins on a conflict. */
  private Form parameters(RecordedRequest request, String target, int query, boolean withBody) {
    Form parameters = query == -1 ? Form.empty() : Form.parse(target.substring(query + 1));
    return withBody ? form(request).plus(parameters) : parameters;
  }

  private Form form(RecordedRequest request) {
    if (request.getBodySize() > config.maxBodyBytes()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The request body exceeds " + config.maxBodyBytes() + " bytes");
    }
    return Form.parse(header(request, "Content-Type"), request.getBody().clone().readByteArray());
  }

  /**
   * The value of header {@code name}. Names are matched ignoring surrounding spaces, because the
   * cURL lines in WSO2's documentation send {@code "Authorization :Basic ..."}.
   */
  private static String header(RecordedRequest request, String name) {
    String value = request.getHeader(name);
    if (value != null) return value;
    Headers headers = request.getHeaders();
    for (int i = 0, size = headers.size(); i < size; i++) {
      if (headers.name(i).trim().equalsIgnoreCase(name)) return headers.value(i);
    }
    return null;
  }
}

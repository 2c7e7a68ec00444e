package dev.resilientsession.gateway;

import dev.resilientsession.gateway.browser.BrowserEndpoint;
import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.http.HttpResponse;
import dev.resilientsession.gateway.token.Introspection;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.Revocation;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenRequest;
import java.util.Optional;

/**
 * Translates HTTP to the gateway's rules and back: the token, revoke, introspect and JWKS
 * endpoints, the QA controls under {@code /admin/}, and every other path as a protected API.
 */
final class GatewayHttp implements HttpHandler {
  private final MockGateway gateway;
  private final GatewayConfig config;
  private final AdminEndpoint admin;
  private final BrowserEndpoint browser;

  GatewayHttp(MockGateway gateway) {
    this.gateway = gateway;
    this.config = gateway.config();
    this.admin = new AdminEndpoint(gateway);
    this.browser = gateway.browser();
  }

  @Override public HttpResponse handle(HttpRequest request) {
    try {
      return route(request);
    } catch (OAuthException e) {
      return Responses.oauthError(e);
    } catch (RuntimeException e) {
      // A bug in the mock, never an answer to bad input: say so rather than drop the connection.
      return Responses.oauthError(500, "server_error", "mock-gateway failed: " + e);
    }
  }

  private HttpResponse route(HttpRequest request) {
    String method = request.method();
    String path = request.path();
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
        return new HttpResponse().setHeader("Content-Type", "application/json").setBody(gateway.tokens().jwkSetJson());
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
            parameters = parameters(request, method.equals("POST"));
          } catch (OAuthException e) {
            // A browser reads a page, not JSON; and with the request unreadable nobody is redirected.
            return browser.badRequest();
          }
          return browser.handle(method, path, parameters.asMap(), request.header("Cookie"),
              request.secure());
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
          // The credential first: a refused request's body is never read.
          String authorization = request.header("Authorization");
          if (!admin.admits(authorization)) return AdminEndpoint.unauthorized(authorization);
          return admin.handle(method, path, parameters(request, !method.equals("GET")));
        }
        return api(request, method, path);
    }
  }

  private HttpResponse token(HttpRequest request, String method) {
    Fault fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.BEFORE_AUTHENTICATION);
    if (fault == null) fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.AFTER_AUTHENTICATION);
    // Shedding comes before reading the form: an overloaded key manager does no grant work.
    if (fault == null) fault = gateway.shedTokenRequest();
    if (fault != null) return Responses.tokenFault(fault);
    if (!method.equals("POST")) return Responses.noStore(Responses.methodNotAllowed("POST"));
    Form form = form(request);
    ClientCredentials client = ClientCredentials.from(request.header("Authorization"), form);
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

  private HttpResponse revoke(HttpRequest request, String method) {
    if (!method.equals("POST")) return Responses.methodNotAllowed("POST");
    Form form = form(request);
    ClientCredentials client = ClientCredentials.from(request.header("Authorization"), form);
    Revocation revocation = gateway.tokens().revoke(client.id, client.secret, form.get("token"),
        form.get("token_type_hint"));
    HttpResponse response = Responses.noStore(HttpResponse.status(200));
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
  private HttpResponse userInfo(HttpRequest request, String method) {
    if (!method.equals("GET") && !method.equals("POST")) return Responses.methodNotAllowed("GET, POST");
    String token = ApiGate.bearerToken(request.header("Authorization"));
    if (token == null) return userInfoError(400, "invalid_request", "Bearer token missing");
    Optional<TokenInfo> info = gateway.tokens().validate(token);
    if (info.isEmpty()) return userInfoError(401, "invalid_token", "Access token validation failed");
    if (!info.get().hasScope("openid")) {
      return userInfoError(403, "insufficient_scope", "Access token does not have the openid scope");
    }
    String user = info.get().user();
    return Responses.noStore(Responses.json(200, writer -> writer.beginObject().name("sub").value(user).endObject()));
  }

  private static HttpResponse userInfoError(int status, String error, String description) {
    return Responses.noStore(Responses.oauthError(status, error, description))
        .setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
  }

  /** The origin this request reached the gateway at, for discovery's endpoint URLs. */
  private static String issuerOrigin(HttpRequest request) {
    String host = request.header("Host");
    String scheme = request.secure() ? "https" : "http";
    if (host != null && host.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?")) {
      return scheme + "://" + host;
    }
    return scheme + "://" + request.localAuthority();
  }

  /** A username with its tenant, as WSO2 names users: {@code admin@carbon.super}. */
  static String qualified(String user) {
    return user.indexOf('@') != -1 ? user : user + "@carbon.super";
  }

  private HttpResponse introspect(HttpRequest request, String method) {
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
  private HttpResponse api(HttpRequest request, String method, String path) {
    Fault fault = gateway.strikeFault(Fault.Target.API, Fault.Stage.BEFORE_AUTHENTICATION);
    if (fault != null) return Responses.apiFault(fault, config.errorFormat(), path);
    AccessDecision decision = gateway.api().check(method, path, request.header("Authorization"));
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
  private Form parameters(HttpRequest request, boolean withBody) {
    String query = request.query();
    Form parameters = query == null ? Form.empty() : Form.parse(query);
    return withBody ? form(request).plus(parameters) : parameters;
  }

  private Form form(HttpRequest request) {
    if (request.bodySize() > config.maxBodyBytes()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The request body exceeds " + config.maxBodyBytes() + " bytes");
    }
    return Form.parse(request.header("Content-Type"), request.body());
  }
}

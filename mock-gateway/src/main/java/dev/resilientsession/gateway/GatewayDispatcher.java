package dev.resilientsession.gateway;

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

  GatewayDispatcher(MockGateway gateway) {
    this.gateway = gateway;
    this.config = gateway.config();
    this.admin = new AdminEndpoint(gateway);
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
      default:
        if (path.equals("/admin") || path.startsWith("/admin/")) {
          Form parameters = query == -1 ? Form.empty() : Form.parse(target.substring(query + 1));
          if (!method.equals("GET")) parameters = form(request).plus(parameters);
          return admin.handle(method, path, parameters);
        }
        return api(request, method, path);
    }
  }

  private MockResponse token(RecordedRequest request, String method) {
    Fault fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.BEFORE_AUTHENTICATION);
    if (fault == null) fault = gateway.strikeFault(Fault.Target.TOKEN, Fault.Stage.AFTER_AUTHENTICATION);
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
    Optional<TokenInfo> info = gateway.tokens().introspect(token);
    return Responses.json(200, writer -> {
      writer.beginObject();
      writer.name("active").value(info.isPresent());
      if (info.isPresent()) {
        TokenInfo active = info.get();
        writer.name("scope").value(String.join(" ", active.scopes()));
        writer.name("username").value(active.user());
        writer.name("client_id").value(active.clientId());
        writer.name("token_type").value("Bearer");
        writer.name("exp").value(active.expiresAt().getEpochSecond());
        writer.name("iat").value(active.issuedAt().getEpochSecond());
        writer.name("nbf").value(active.issuedAt().getEpochSecond());
        writer.name("jti").value(active.id());
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

package dev.resilientsession.gateway;

import com.squareup.moshi.JsonWriter;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/** The HTTP responses of the gateway, as WSO2 writes them. */
final class Responses {
  /** WSO2's challenge on every 401 from an API, whatever the reason: its OAuth authenticator's scheme is OAuth2. */
  static final String WWW_AUTHENTICATE_OAUTH2 = "OAuth2 realm=\"WSO2 API Manager\", error=\"invalid_token\", "
      + "error_description=\"The access token expired\"";
  static final String WWW_AUTHENTICATE_BASIC = "Basic realm=\"WSO2 API Manager\"";
  /** What an overloaded token endpoint answers: the same every time, so it is written once. */
  private static final String OVERLOADED_BODY = "{\"error\":\"" + OAuthError.TEMPORARILY_UNAVAILABLE.code()
      + "\",\"error_description\":\"The key manager is overloaded: too many token requests. Retry later\"}";

  private static final String[] JSON_HEADERS = {"Content-Type", "application/json"};
  /** A token answer's: JSON, never cached (RFC 6749 5.1). */
  private static final String[] TOKEN_HEADERS = {
      "Content-Type", "application/json", "Cache-Control", "no-store", "Pragma", "no-cache"};

  private Responses() {
  }

  /** A JSON body; the writer callback fills it. */
  static HttpResponse json(int status, JsonBody body) {
    return jsonWithHeaders(status, JSON_HEADERS, body);
  }

  /** A JSON body with {@code headers}, made once by the caller: every token answer has the same ones. */
  private static HttpResponse jsonWithHeaders(int status, String[] headers, JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      body.writeTo(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer does not fail
    }
    HttpResponse response = HttpResponse.status(status);
    for (int i = 0; i < headers.length; i += 2) response.addHeader(headers[i], headers[i + 1]);
    return response.setBody(buffer.readByteArray());
  }

  static HttpResponse token(IssuedToken token) {
    return jsonWithHeaders(200, TOKEN_HEADERS, writer -> {
      writer.beginObject();
      writer.name("access_token").value(token.accessToken());
      if (token.refreshToken() != null) writer.name("refresh_token").value(token.refreshToken());
      writer.name("scope").value(token.scope());
      writer.name("token_type").value("Bearer");
      writer.name("expires_in").value(token.expiresIn());
      if (token.idToken() != null) writer.name("id_token").value(token.idToken());
      writer.endObject();
    });
  }

  static HttpResponse oauthError(OAuthException e) {
    HttpResponse response = noStore(oauthError(e.status() != 0 ? e.status() : statusOf(e.error()), e.error().code(), e.description()));
    if (e.error() == OAuthError.INVALID_CLIENT) response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE_BASIC);
    return response;
  }

  static HttpResponse oauthError(int status, String error, String description) {
    return json(status, writer -> {
      writer.beginObject();
      writer.name("error").value(error);
      writer.name("error_description").value(description);
      writer.endObject();
    });
  }

  /** A 405 for an endpoint that accepts only {@code allowed}. */
  static HttpResponse methodNotAllowed(String allowed) {
    return oauthError(405, OAuthError.INVALID_REQUEST.code(), "This endpoint accepts " + allowed + " only")
        .setHeader("Allow", allowed);
  }

  /** A token-endpoint request struck by an injected fault. */
  static HttpResponse tokenFault(Fault fault) {
    switch (fault.kind()) {
      case THROTTLED:
        return retryAfter(noStore(oauthError(fault.status(), OAuthError.TEMPORARILY_UNAVAILABLE.code(),
            "Message throttled out")), fault);
      case UNAVAILABLE:
        return retryAfter(noStore(oauthError(fault.status(), OAuthError.TEMPORARILY_UNAVAILABLE.code(),
            "The token endpoint is temporarily unavailable")), fault);
      case OVERLOADED:
        return retryAfter(noStore(HttpResponse.status(fault.status())
            .setHeader("Content-Type", "application/json")
            .setBody(OVERLOADED_BODY)), fault);
      default:
        return networkFault(fault);
    }
  }

  /** An API call to {@code path} struck by an injected fault. */
  static HttpResponse apiFault(Fault fault, ErrorFormat format, String path) {
    ApiFault apiFault = ApiFault.of(fault.kind());
    if (apiFault == null) return networkFault(fault);
    return retryAfter(apiFault(apiFault, apiFault.injectedDescription(path), format), fault);
  }

  /** What a proxy or the network answers in the gateway's place: an HTML page, nothing, or a dropped connection. */
  private static HttpResponse networkFault(Fault fault) {
    switch (fault.kind()) {
      case HTML:
        HttpResponse page = HttpResponse.status(fault.status());
        String title = fault.status() + " " + page.reason();
        return retryAfter(page
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .setBody("<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n"
                + "<body><h1>" + title + "</h1>\n"
                + "<p>The service is down for maintenance. Please try again later.</p>\n"
                + "</body></html>\n"), fault);
      case EMPTY:
        return retryAfter(HttpResponse.status(fault.status()), fault);
      case DISCONNECT:
        return HttpResponse.drop();
      default:
        throw new AssertionError(fault.kind());
    }
  }

  private static HttpResponse retryAfter(HttpResponse response, Fault fault) {
    if (fault.retryAfter() != null) response.setHeader("Retry-After", String.valueOf(fault.retryAfter().getSeconds()));
    return response;
  }

  static HttpResponse apiFault(ApiFault fault, String description, ErrorFormat format) {
    HttpResponse response;
    if (format == ErrorFormat.XML) {
      // Throttling faults come from WSO2's throttle handler, in its own namespace.
      boolean throttled = fault == ApiFault.THROTTLED;
      String prefix = throttled ? "amt" : "ams";
      String namespace = throttled ? "http://wso2.org/apimanager/throttling" : "http://wso2.org/apimanager/security";
      response = HttpResponse.status(fault.status())
          .setHeader("Content-Type", "application/xml")
          .setBody("<" + prefix + ":fault xmlns:" + prefix + "=\"" + namespace + "\">"
              + "<" + prefix + ":code>" + fault.code() + "</" + prefix + ":code>"
              + "<" + prefix + ":message>" + xml(fault.message()) + "</" + prefix + ":message>"
              + "<" + prefix + ":description>" + xml(description) + "</" + prefix + ":description>"
              + "</" + prefix + ":fault>");
    } else {
      response = json(fault.status(), writer -> {
        writer.beginObject();
        writer.name("code").value(String.valueOf(fault.code()));
        writer.name("message").value(fault.message());
        writer.name("description").value(description);
        writer.endObject();
      });
    }
    if (fault.status() == 401) response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE_OAUTH2);
    return response;
  }

  /** What a protected resource answers to a call the gateway let through. */
  static HttpResponse echo(TokenInfo token, String method, String path) {
    return json(200, writer -> {
      writer.beginObject();
      writeOwner(writer, token);
      writer.name("method").value(method);
      writer.name("path").value(path);
      writer.endObject();
    });
  }

  /** Whose token it is: {@code user}, {@code client_id}, {@code scopes}, {@code token_type}. */
  static void writeOwner(JsonWriter writer, TokenInfo token) throws IOException {
    writer.name("user").value(token.user());
    writer.name("client_id").value(token.clientId());
    writer.name("scopes").beginArray();
    for (String scope : token.scopes()) writer.value(scope);
    writer.endArray();
    writer.name("token_type").value(token.tokenType().name());
  }

  static HttpResponse noStore(HttpResponse response) {
    return response.setHeader("Cache-Control", "no-store").setHeader("Pragma", "no-cache");
  }

  private static int statusOf(OAuthError error) {
    switch (error) {
      case INVALID_CLIENT:
        return 401;
      case TEMPORARILY_UNAVAILABLE:
        return 503;
      default:
        return 400;
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Writes one JSON document. */
  interface JsonBody {
    void writeTo(JsonWriter writer) throws IOException;
  }
}

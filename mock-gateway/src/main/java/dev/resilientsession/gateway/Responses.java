package dev.resilientsession.gateway;

import com.squareup.moshi.JsonWriter;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.TokenInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
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

  private static final Headers JSON_HEADERS = Headers.of("Content-Type", "application/json");
  /** A token answer's: JSON, never cached (RFC 6749 5.1). */
  private static final Headers TOKEN_HEADERS = Headers.of(
      "Content-Type", "application/json", "Cache-Control", "no-store", "Pragma", "no-cache");

  private Responses() {
  }

  /** A JSON body; the writer callback fills it. */
  static MockResponse json(int status, JsonBody body) {
    return jsonWithHeaders(status, JSON_HEADERS, body);
  }

  /** A JSON body with {@code headers}, made once by the caller: every token answer has the same ones. */
  private static MockResponse jsonWithHeaders(int status, Headers headers, JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      body.writeTo(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer does not fail
    }
    return status(new MockResponse(), status).setHeaders(headers).setBody(buffer);
  }

  /** Sets the status line with the standard reason phrase (MockWebServer would say "Client Error"). */
  static MockResponse status(MockResponse response, int status) {
    return response.setStatus("HTTP/1.1 " + status + " " + reasonPhrase(status));
  }

  private static String reasonPhrase(int status) {
    switch (status) {
      case 200: return "OK";
      case 302: return "Found";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return status < 400 ? "Status" : status < 500 ? "Client Error" : "Server Error";
    }
  }

  static MockResponse token(IssuedToken token) {
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

  static MockResponse oauthError(OAuthException e) {
    MockResponse response = noStore(oauthError(e.status() != 0 ? e.status() : statusOf(e.error()), e.error().code(), e.description()));
    if (e.error() == OAuthError.INVALID_CLIENT) response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE_BASIC);
    return response;
  }

  static MockResponse oauthError(int status, String error, String description) {
    return json(status, writer -> {
      writer.beginObject();
      writer.name("error").value(error);
      writer.name("error_description").value(description);
      writer.endObject();
    });
  }

  /** A 405 for an endpoint that accepts only {@code allowed}. */
  static MockResponse methodNotAllowed(String allowed) {
    return oauthError(405, OAuthError.INVALID_REQUEST.code(), "This endpoint accepts " + allowed + " only")
        .setHeader("Allow", allowed);
  }

  /** A token-endpoint request struck by an injected fault. */
  static MockResponse tokenFault(Fault fault) {
    switch (fault.kind()) {
      case THROTTLED:
        return retryAfter(noStore(oauthError(fault.status(), OAuthError.TEMPORARILY_UNAVAILABLE.code(),
            "Message throttled out")), fault);
      case UNAVAILABLE:
        return retryAfter(noStore(oauthError(fault.status(), OAuthError.TEMPORARILY_UNAVAILABLE.code(),
            "The token endpoint is temporarily unavailable")), fault);
      case OVERLOADED:
        return retryAfter(noStore(status(new MockResponse(), fault.status())
            .setHeader("Content-Type", "application/json")
            .setBody(OVERLOADED_BODY)), fault);
      default:
        return networkFault(fault);
    }
  }

  /** An API call to {@code path} struck by an injected fault. */
  static MockResponse apiFault(Fault fault, ErrorFormat format, String path) {
    ApiFault apiFault = ApiFault.of(fault.kind());
    if (apiFault == null) return networkFault(fault);
    return retryAfter(apiFault(apiFault, apiFault.injectedDescription(path), format), fault);
  }

  /** What a proxy or the network answers in the gateway's place: an HTML page, nothing, or a dropped connection. */
  private static MockResponse networkFault(Fault fault) {
    switch (fault.kind()) {
      case HTML:
        String title = fault.status() + " " + reasonPhrase(fault.status());
        return retryAfter(status(new MockResponse(), fault.status())
            .setHeader("Content-Type", "text/html; charset=utf-8")
            .setBody("<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n"
                + "<body><h1>" + title + "</h1>\n"
                + "<p>The service is down for maintenance. Please try again later.</p>\n"
                + "</body></html>\n"), fault);
      case EMPTY:
        return retryAfter(status(new MockResponse(), fault.status()), fault);
      case DISCONNECT:
        return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
      default:
        throw new AssertionError(fault.kind());
    }
  }

  private static MockResponse retryAfter(MockResponse response, Fault fault) {
    if (fault.retryAfter() != null) response.setHeader("Retry-After", String.valueOf(fault.retryAfter().getSeconds()));
    return response;
  }

  static MockResponse apiFault(ApiFault fault, String description, ErrorFormat format) {
    MockResponse response;
    if (format == ErrorFormat.XML) {
      // Throttling faults come from WSO2's throttle handler, in its own namespace.
      boolean throttled = fault == ApiFault.THROTTLED;
      String prefix = throttled ? "amt" : "ams";
      String namespace = throttled ? "http://wso2.org/apimanager/throttling" : "http://wso2.org/apimanager/security";
      response = status(new MockResponse(), fault.status())
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
  static MockResponse echo(TokenInfo token, String method, String path) {
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

  static MockResponse noStore(MockResponse response) {
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

package dev.resilientsession.gateway;

import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.http.HttpResponse;
import dev.resilientsession.gateway.token.OAuthError;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * Serves the gateway from a MockWebServer: its recorded requests become the gateway's requests,
 * and the gateway's responses become mock responses. MockGatewayServer does not need it; only
 * code that brings its own MockWebServer loads these classes.
 */
final class MockWebServerDispatcher extends Dispatcher {
  private static final MockResponse KEEP_OPEN = new MockResponse().setSocketPolicy(SocketPolicy.KEEP_OPEN);

  private final HttpHandler handler;

  private MockWebServerDispatcher(HttpHandler handler) {
    this.handler = handler;
  }

  /** Typed as the superclass so that {@code MockGateway} loads neither class until it is called. */
  static Dispatcher of(HttpHandler handler) {
    return new MockWebServerDispatcher(handler);
  }

  @Override public MockResponse dispatch(RecordedRequest recorded) {
    String method = recorded.getMethod();
    String target = recorded.getPath();
    if (method == null || target == null) {
      return translate(Responses.oauthError(400, OAuthError.INVALID_REQUEST.code(), "Malformed request line"));
    }
    HttpRequest.Builder request = HttpRequest.builder()
        .method(method)
        .target(target)
        .body(recorded.getBody().clone().readByteArray(), recorded.getBodySize())
        .secure(recorded.getHandshake() != null)
        .localAuthority(authority(recorded.getRequestUrl()));
    Headers headers = recorded.getHeaders();
    for (int i = 0, size = headers.size(); i < size; i++) request.addHeader(headers.name(i), headers.value(i));
    MockResponse response = translate(handler.handle(request.build()));
    // MockWebServer keeps a connection open unless told; a client that said close means it.
    if ("close".equalsIgnoreCase(recorded.getHeader("Connection"))
        && response.getSocketPolicy() == SocketPolicy.KEEP_OPEN) {
      response.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
    }
    return response;
  }

  /** MockWebServer asks this for every connection and request; answering without allocating keeps it cheap. */
  @Override public MockResponse peek() {
    return KEEP_OPEN;
  }

  private static MockResponse translate(HttpResponse response) {
    if (response.connection() == HttpResponse.Connection.DROP) {
      return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    }
    Headers.Builder headers = new Headers.Builder();
    List<String> namesAndValues = response.headers();
    for (int i = 0; i < namesAndValues.size(); i += 2) {
      // Lenient: a username in AuthorizedUser may be any Unicode, as WSO2 sends it.
      headers.addUnsafeNonAscii(namesAndValues.get(i), namesAndValues.get(i + 1));
    }
    MockResponse translated = new MockResponse()
        .setStatus("HTTP/1.1 " + response.status() + " " + response.reason())
        .setHeaders(headers.build())
        .setBody(new Buffer().write(response.body())); // after the headers: it sets Content-Length
    if (response.connection() == HttpResponse.Connection.CLOSE) translated.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
    return translated;
  }

  private static String authority(HttpUrl url) {
    String host = url.host();
    return (host.indexOf(':') != -1 ? "[" + host + "]" : host) + ":" + url.port();
  }
}

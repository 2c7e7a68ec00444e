package dev.resilientsession.benchmarks;

import dev.resilientsession.gateway.server.MockGatewayServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * Watches the token endpoint from the gateway's side of the wire, for a client that no OkHttp
 * interceptor sees: the google-auth peer sends through the JDK's {@code HttpURLConnection}. Every
 * token request is kept, in arrival order, with its grant, its refresh token, and the status and
 * {@code Retry-After} of the answer. Refresh tokens stay in memory; nothing here prints them.
 */
final class TokenEndpointTap extends Dispatcher {
  private final Dispatcher delegate;
  private final String tokenPath;
  private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

  private TokenEndpointTap(Dispatcher delegate, String tokenPath) {
    this.delegate = delegate;
    this.tokenPath = tokenPath;
  }

  /** Puts a tap between {@code server}'s socket and its gateway; before the first request. */
  static TokenEndpointTap install(MockGatewayServer server) {
    MockWebServer webServer = server.mockWebServer();
    TokenEndpointTap tap = new TokenEndpointTap(webServer.getDispatcher(), server.url("/oauth2/token").encodedPath());
    webServer.setDispatcher(tap);
    return tap;
  }

  @Override public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    String path = request.getPath();
    if (path == null || !"POST".equals(request.getMethod()) || !pathOnly(path).equals(tokenPath)) {
      return delegate.dispatch(request);
    }
    long arrived = System.nanoTime();
    String form = request.getBody().clone().readUtf8();
    MockResponse response = delegate.dispatch(request);
    exchanges.add(new Exchange(arrived, formField(form, "grant_type"), formField(form, "refresh_token"),
        statusOf(response), response.getHeaders().get("Retry-After")));
    return response;
  }

  @Override public MockResponse peek() {
    return delegate.peek();
  }

  @Override public void shutdown() {
    delegate.shutdown();
  }

  /** Every token request so far, in arrival order. */
  List<Exchange> exchanges() {
    return new ArrayList<>(exchanges);
  }

  /**
   * Of {@code requests}, how many sent a refresh token that an earlier request (among {@code
   * before} and {@code requests}) had sent already: with rotation, a request spent for nothing.
   */
  static int refreshTokenRepeats(List<Exchange> before, List<Exchange> requests) {
    Set<String> sent = new HashSet<>();
    for (Exchange exchange : before) {
      if (exchange.refreshToken() != null) sent.add(exchange.refreshToken());
    }
    int repeats = 0;
    for (Exchange exchange : requests) {
      if (exchange.refreshToken() != null && !sent.add(exchange.refreshToken())) repeats++;
    }
    return repeats;
  }

  private static String pathOnly(String path) {
    int query = path.indexOf('?');
    return query == -1 ? path : path.substring(0, query);
  }

  private static int statusOf(MockResponse response) {
    // "HTTP/1.1 503 Service Unavailable"
    String[] parts = response.getStatus().split(" ", 3);
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }

  private static @Nullable String formField(String form, String name) {
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * One token request and its answer.
   *
   * @param arrivedNanos {@link System#nanoTime()} when the gateway read it
   * @param grantType the form's {@code grant_type}
   * @param refreshToken the form's {@code refresh_token}, or null for another grant
   * @param status the answer's HTTP status
   * @param retryAfter the answer's {@code Retry-After}, or null when it had none
   */
  record Exchange(long arrivedNanos, @Nullable String grantType, @Nullable String refreshToken, int status,
      @Nullable String retryAfter) {
    @Override public String toString() {
      return "Exchange{" + grantType + " -> " + status + (retryAfter == null ? "" : ", Retry-After " + retryAfter) + "}";
    }
  }
}

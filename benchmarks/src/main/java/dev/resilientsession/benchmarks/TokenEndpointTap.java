package dev.resilientsession.benchmarks;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Watches the token endpoint from the gateway's side of the wire, for a client that no OkHttp
 * interceptor sees: the google-auth peer sends through the JDK's {@code HttpURLConnection}. Every
 * token request is kept, in arrival order, with its grant, its refresh token, and the status and
 * {@code Retry-After} of the answer. Refresh tokens stay in memory; nothing here prints them.
 */
final class TokenEndpointTap implements HttpHandler {
  private static final String TOKEN_PATH = "/oauth2/token";

  private final HttpHandler delegate;
  private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

  /** A tap on {@code gateway}'s HTTP side: serve it with {@code MockGatewayServer.builder(gateway).handler(tap)}. */
  TokenEndpointTap(MockGateway gateway) {
    this.delegate = gateway.httpHandler();
  }

  @Override public HttpResponse handle(HttpRequest request) {
    if (!"POST".equals(request.method()) || !request.path().equals(TOKEN_PATH)) return delegate.handle(request);
    long arrived = System.nanoTime();
    String form = request.bodyUtf8();
    HttpResponse response = delegate.handle(request);
    exchanges.add(new Exchange(arrived, formField(form, "grant_type"), formField(form, "refresh_token"),
        response.status(), response.header("Retry-After")));
    return response;
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

package dev.resilientsession.benchmarks;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * A network interceptor that counts the requests to the token endpoint, and the refresh tokens sent
 * more than once. With rotation a refresh token buys one token, so a repeat is a request spent for
 * nothing, or a race lost to another call. Refresh tokens seen are remembered for the client's life;
 * {@link #reset} zeroes the counts only, so a storm that resends an older refresh token still counts it.
 */
final class TokenRequestCounter implements Interceptor {
  private final String tokenPath;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger refreshTokenRepeats = new AtomicInteger();
  private final Set<String> refreshTokensSent = ConcurrentHashMap.newKeySet();

  TokenRequestCounter(String tokenPath) {
    this.tokenPath = tokenPath;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.url().encodedPath().equals(tokenPath)) {
      requests.incrementAndGet();
      String refreshToken = formField(request.body(), "refresh_token");
      if (refreshToken != null && !refreshTokensSent.add(refreshToken)) refreshTokenRepeats.incrementAndGet();
    }
    return chain.proceed(request);
  }

  int requests() {
    return requests.get();
  }

  int refreshTokenRepeats() {
    return refreshTokenRepeats.get();
  }

  void reset() {
    requests.set(0);
    refreshTokenRepeats.set(0);
  }

  /** Reads the form as sent, whoever built the body (the SDK's Retrofit, or the naive recipe). */
  private static String formField(RequestBody body, String name) throws IOException {
    if (body == null) return null;
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    for (String pair : buffer.readUtf8().split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}

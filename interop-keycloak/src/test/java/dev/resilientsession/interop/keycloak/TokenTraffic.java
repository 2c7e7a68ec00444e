package dev.resilientsession.interop.keycloak;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The SDK's token and revocation requests and Keycloak's answers, recorded by an interceptor on the
 * session's {@code tokenHttpClient}: the SDK keeps its tokens to itself, and these tests must count
 * its requests, see which refresh token each spent, and take its tokens to the server by hand.
 *
 * <p>Tokens are named by number ("refresh token 3") in everything this class returns but {@link
 * #lastAccessToken()} and {@link #lastRefreshToken()}, so that a failed assertion prints no secret.
 * The password is never read.
 */
final class TokenTraffic implements Interceptor {
  private final List<Exchange> exchanges = new ArrayList<>();
  /** Every refresh token seen, numbered in the order Keycloak issued them. */
  private final Map<String, Integer> refreshTokenNumbers = new HashMap<>();
  private String lastAccessToken;
  private String lastRefreshToken;

  @Override public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Map<String, String> form = form(request);
    Response response = chain.proceed(request);
    Map<String, Object> answer = answer(response);
    boolean revocation = request.url().pathSegments().contains("revoke");
    String spent = revocation ? null : form.get("refresh_token");
    String issuedAccess = (String) answer.get("access_token");
    String issuedRefresh = (String) answer.get("refresh_token");
    synchronized (this) {
      exchanges.add(new Exchange(revocation ? "revoke" : form.get("grant_type"), response.code(),
          (String) answer.get("error"), spent != null ? name(spent) : null,
          issuedRefresh != null ? name(issuedRefresh) : null));
      if (issuedAccess != null) lastAccessToken = issuedAccess;
      if (issuedRefresh != null) lastRefreshToken = issuedRefresh;
    }
    return response;
  }

  /** Each request as "GRANT STATUS" or "GRANT STATUS ERROR", such as "password 200" or "refresh_token 400 invalid_grant". */
  synchronized List<String> requests() {
    return exchanges.stream()
        .map(exchange -> exchange.grant + " " + exchange.status + (exchange.error != null ? " " + exchange.error : ""))
        .collect(Collectors.toList());
  }

  /** The grant of each request, "revoke" for a revocation. */
  synchronized List<String> grants() {
    return exchanges.stream().map(exchange -> exchange.grant).collect(Collectors.toList());
  }

  /** The refresh token each refresh_token grant spent, by number, in order. */
  synchronized List<String> spentRefreshTokens() {
    return exchanges.stream().map(exchange -> exchange.spentRefreshToken).filter(Objects::nonNull)
        .collect(Collectors.toList());
  }

  /** Every refresh token Keycloak issued, by number, in order. */
  synchronized List<String> issuedRefreshTokens() {
    return exchanges.stream().map(exchange -> exchange.issuedRefreshToken).filter(Objects::nonNull)
        .collect(Collectors.toList());
  }

  /** The access token Keycloak issued last, to try at the server by hand. */
  synchronized String lastAccessToken() {
    if (lastAccessToken == null) throw new IllegalStateException("Keycloak issued no access token yet");
    return lastAccessToken;
  }

  /** The refresh token Keycloak issued last, to try at the server by hand. */
  synchronized String lastRefreshToken() {
    if (lastRefreshToken == null) throw new IllegalStateException("Keycloak issued no refresh token yet");
    return lastRefreshToken;
  }

  /** Forgets the requests recorded so far; refresh tokens keep their numbers. */
  synchronized void clear() {
    exchanges.clear();
  }

  /** Caller holds this. A token's number; one never seen before is the next. */
  private String name(String refreshToken) {
    return "refresh token " + refreshTokenNumbers.computeIfAbsent(refreshToken, token -> refreshTokenNumbers.size() + 1);
  }

  private static Map<String, String> form(Request request) {
    Map<String, String> fields = new HashMap<>();
    if (request.body() instanceof FormBody) {
      FormBody form = (FormBody) request.body();
      for (int i = 0; i < form.size(); i++) {
        String name = form.name(i);
        if (name.equals("grant_type") || name.equals("refresh_token")) fields.put(name, form.value(i));
      }
    }
    return fields;
  }

  /** The answer's JSON fields; none for an answer that is not JSON, which the SDK must judge, not this recorder. */
  private static Map<String, Object> answer(Response response) throws IOException {
    String body = response.peekBody(1024 * 1024).string();
    if (!body.trim().startsWith("{")) return Map.of();
    try {
      return Json.object(body);
    } catch (IOException | JsonDataException notJson) {
      return Map.of();
    }
  }

  /** One request and its answer, its refresh tokens by number. */
  private static final class Exchange {
    final String grant;
    final int status;
    final String error;
    final String spentRefreshToken;
    final String issuedRefreshToken;

    Exchange(String grant, int status, String error, String spentRefreshToken, String issuedRefreshToken) {
      this.grant = grant;
      this.status = status;
      this.error = error;
      this.spentRefreshToken = spentRefreshToken;
      this.issuedRefreshToken = issuedRefreshToken;
    }
  }
}

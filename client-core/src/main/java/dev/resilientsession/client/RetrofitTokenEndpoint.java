package dev.resilientsession.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * {@link TokenEndpoint} over Retrofit and Moshi, on its own OkHttpClient: synchronous on the
 * caller's thread (so never queued behind the app's dispatcher limits), never silently re-POSTed
 * after a connection failure, bounded by timeouts. A confidential client authenticates with HTTP
 * Basic; a public client (no secret) sends its {@code client_id} in the form, as RFC 6749 2.3.1 and
 * WSO2's PublicClientAuthenticator expect.
 */
final class RetrofitTokenEndpoint implements TokenEndpoint {
  private static final int MAX_ERROR_BODY = 16 * 1024;

  private final TokenApi api;
  private final HttpUrl tokenUrl;
  private final HttpUrl revokeUrl;
  /** The Basic header of a confidential client; null for a public one, which sends {@link #publicClientId}. */
  private final String clientAuthorization;
  private final String publicClientId;
  private final JsonAdapter<TokenJson> errorAdapter;
  private final Clock clock;

  RetrofitTokenEndpoint(OkHttpClient client, HttpUrl tokenUrl, HttpUrl revokeUrl, String clientId,
      String clientSecret, Clock clock) {
    Moshi moshi = new Moshi.Builder().build();
    this.api = new Retrofit.Builder()
        .baseUrl(tokenUrl.resolve("/"))
        .client(client)
        .addConverterFactory(MoshiConverterFactory.create(moshi))
        .build()
        .create(TokenApi.class);
    this.tokenUrl = tokenUrl;
    this.revokeUrl = revokeUrl;
    this.clientAuthorization = clientSecret != null
        ? okhttp3.Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8) : null;
    this.publicClientId = clientSecret != null ? null : clientId;
    this.errorAdapter = moshi.adapter(TokenJson.class).lenient();
    this.clock = clock;
  }

  @Override public TokenOutcome password(String username, char[] password, String scope) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "password");
    fields.put("username", username);
    fields.put("password", new String(password));
    if (scope != null) fields.put("scope", scope);
    return token(fields);
  }

  @Override public TokenOutcome refresh(String refreshToken) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "refresh_token");
    fields.put("refresh_token", refreshToken);
    return token(fields);
  }

  @Override public TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "authorization_code");
    fields.put("code", code);
    fields.put("redirect_uri", redirectUri);
    fields.put("code_verifier", codeVerifier);
    return token(fields);
  }

  @Override public String revoke(String token, String tokenTypeHint) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", token);
    fields.put("token_type_hint", tokenTypeHint);
    if (publicClientId != null) fields.put("client_id", publicClientId);
    try {
      Response<Void> response = api.revoke(revokeUrl, clientAuthorization, fields).execute();
      if (response.isSuccessful()) return null;
      TokenJson error = errorBody(response.errorBody());
      return "HTTP " + response.code() + (error != null && error.error != null ? " " + error.error : "");
    } catch (IOException | RuntimeException e) {
      return "revocation failed: " + e.getClass().getSimpleName();
    }
  }

  private TokenOutcome token(Map<String, String> fields) {
    if (publicClientId != null) fields.put("client_id", publicClientId);
    Response<TokenJson> response;
    try {
      response = api.token(tokenUrl, clientAuthorization, fields).execute();
    } catch (JsonEncodingException | JsonDataException e) {
      // Moshi could not read a 2xx body as a token: a portal or proxy answered, not the token endpoint.
      return TokenOutcome.notOAuth(200, "a 2xx answer that is not a token response");
    } catch (IOException e) {
      return TokenOutcome.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    } catch (RuntimeException e) {
      return TokenOutcome.notOAuth(200, "an unreadable 2xx answer: " + e.getClass().getSimpleName());
    } finally {
      fields.clear();
    }
    int status = response.code();
    if (response.isSuccessful()) {
      TokenJson body = response.body();
      if (body == null || body.accessToken == null || body.accessToken.isEmpty()) {
        return TokenOutcome.notOAuth(status, "HTTP " + status + " without an access_token");
      }
      if (!HeldTokens.headerSafe(body.accessToken)) {
        // A line break in it would end the Authorization header of every call: no token server sends that.
        return TokenOutcome.notOAuth(status, "HTTP " + status + " with an access_token no header can carry");
      }
      long expiresIn = body.expiresIn != null && body.expiresIn > 0 ? body.expiresIn : 3600;
      return TokenOutcome.granted(new TokenGrant(body.accessToken, body.refreshToken, expiresIn, body.scope,
          body.idToken));
    }
    if (status == 408 || status == 429 || status >= 500) {
      closeQuietly(response.errorBody());
      return TokenOutcome.unavailable(status, "HTTP " + status, retryAfter(response.headers().get("Retry-After")));
    }
    TokenJson error = errorBody(response.errorBody());
    if (error == null || error.error == null || error.error.isEmpty()) {
      // Only an OAuth error body may refuse a grant; a 302 to a login page or an HTML 403 says nothing about it.
      String location = response.headers().get("Location");
      return TokenOutcome.notOAuth(status, "HTTP " + status + (status / 100 == 3 && location != null
          ? " redirect to " + redactedHost(location) : " without an OAuth error"));
    }
    return TokenOutcome.refused(status, error.error,
        error.errorDescription != null ? error.errorDescription : "HTTP " + status);
  }

  /** The host a redirect points at, never its query (which may carry anything). */
  private String redactedHost(String location) {
    HttpUrl url = tokenUrl.resolve(location);
    return url != null ? url.host() : "an unreadable location";
  }

  private static void closeQuietly(ResponseBody body) {
    if (body != null) body.close();
  }

  private TokenJson errorBody(ResponseBody body) {
    if (body == null) return null;
    try (ResponseBody closing = body) {
      if (closing.contentLength() > MAX_ERROR_BODY) return null;
      String text = closing.source().readUtf8(Math.min(MAX_ERROR_BODY, Math.max(0, available(closing))));
      return text.trim().startsWith("{") ? errorAdapter.fromJson(text) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long available(ResponseBody body) throws IOException {
    body.source().request(MAX_ERROR_BODY);
    return body.source().getBuffer().size();
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(String header) {
    if (header == null) return null;
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}

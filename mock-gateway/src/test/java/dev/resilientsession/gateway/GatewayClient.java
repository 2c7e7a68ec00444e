package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A mock gateway on a real socket, on a {@link TestClock}, with an OkHttp client and the few
 * requests the HTTP tests send over and over: token grants, revocation, introspection, API calls.
 */
final class GatewayClient implements AutoCloseable {
  static final String JWT_APP = "jwt-app";
  static final String OPAQUE_APP = "opaque-app";
  /** May use client_credentials only. */
  static final String CC_ONLY_APP = "cc-app";
  /** May use the password grant only, so it gets no refresh tokens. */
  static final String PASSWORD_ONLY_APP = "password-only-app";
  static final String SECRET = "secret";

  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "alice-pw";
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "bob-pw";

  /** What WSO2 says on every 401 from an API, whatever the reason. */
  static final String OAUTH2_CHALLENGE = "OAuth2 realm=\"WSO2 API Manager\", error=\"invalid_token\", "
      + "error_description=\"The access token expired\"";

  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .followRedirects(false)
      .build();
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  final TestClock clock;
  final MockGateway gateway;
  final MockGatewayServer server;

  private GatewayClient(GatewayConfig config, String adminToken) throws IOException {
    this.clock = new TestClock();
    this.gateway = MockGateway.builder(config).clock(clock).adminToken(adminToken).build();
    this.server = MockGatewayServer.builder(gateway).start();
  }

  /**
   * Users alice (orders:read, orders:write), bob (no scopes) and admin (the applications' owner);
   * a JWT and an OPAQUE application allowing every grant, a client_credentials-only one and a
   * password-only one, all with secret {@value #SECRET}.
   */
  static GatewayConfig.Builder config() {
    return GatewayConfig.builder()
        .user(User.of(ALICE, ALICE_PASSWORD, "orders:read", "orders:write"))
        .user(User.of(BOB, BOB_PASSWORD))
        .user(User.of("admin", "admin"))
        .application(Application.builder(JWT_APP, SECRET).tokenType(TokenType.JWT).build())
        .application(Application.builder(OPAQUE_APP, SECRET).tokenType(TokenType.OPAQUE).build())
        .application(Application.builder(CC_ONLY_APP, SECRET).tokenType(TokenType.OPAQUE)
            .grantTypes(GrantType.CLIENT_CREDENTIALS).build())
        .application(Application.builder(PASSWORD_ONLY_APP, SECRET).tokenType(TokenType.JWT)
            .grantTypes(GrantType.PASSWORD).build());
  }

  static GatewayClient start() throws IOException {
    return start(config().build());
  }

  static GatewayClient start(GatewayConfig config) throws IOException {
    return new GatewayClient(config, null);
  }

  /** A gateway of {@link #config()} whose {@code /admin} requires {@code adminToken}. */
  static GatewayClient startWithAdminToken(String adminToken) throws IOException {
    return new GatewayClient(config().build(), adminToken);
  }

  HttpUrl url(String path) {
    return server.url(path);
  }

  /** Moves the gateway's time forward. */
  void advance(Duration amount) {
    clock.advance(amount);
  }

  // Token endpoint

  Reply password(String app, String user, String password, String scope) {
    return token(app, "grant_type", "password", "username", user, "password", password, "scope", scope);
  }

  /** Alice's password grant on {@code app}; fails the test unless it succeeds. */
  Reply login(String app, String scope) {
    Reply reply = password(app, ALICE, ALICE_PASSWORD, scope);
    assertThat(reply.status()).as("login: %s", reply).isEqualTo(200);
    return reply;
  }

  Reply refresh(String app, String refreshToken) {
    return token(app, "grant_type", "refresh_token", "refresh_token", refreshToken);
  }

  Reply clientCredentials(String app, String scope) {
    return token(app, "grant_type", "client_credentials", "scope", scope);
  }

  /** A token request from {@code app} (Basic authentication) with the given form fields. */
  Reply token(String app, String... fields) {
    return postForm("/oauth2/token", basic(app, SECRET), form(fields));
  }

  // Revocation and introspection

  Reply revoke(String app, String token, String tokenTypeHint) {
    return postForm("/oauth2/revoke", basic(app, SECRET), form("token", token, "token_type_hint", tokenTypeHint));
  }

  Reply introspect(String token) {
    return postForm("/oauth2/introspect", basic(JWT_APP, SECRET), form("token", token));
  }

  // APIs

  /** GET {@code path} with {@code Authorization: Bearer accessToken} (no header when null). */
  Reply call(String path, String accessToken) {
    Request.Builder request = new Request.Builder().url(url(path));
    if (accessToken != null) request.header("Authorization", "Bearer " + accessToken);
    return send(request);
  }

  // Plain HTTP

  Reply get(String path) {
    return send(new Request.Builder().url(url(path)));
  }

  /** POSTs an already encoded form body; {@code authorization} null sends no Authorization header. */
  Reply postForm(String path, String authorization, String encodedForm) {
    return post(path, authorization, RequestBody.create(encodedForm, FORM));
  }

  Reply post(String path, String authorization, RequestBody body) {
    Request.Builder request = new Request.Builder().url(url(path)).post(body);
    if (authorization != null) request.header("Authorization", authorization);
    return send(request);
  }

  Reply send(Request.Builder request) {
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return new Reply(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** URL-encodes name/value pairs into a form body; pairs whose value is null are left out. */
  static String form(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values must pair up");
    StringJoiner form = new StringJoiner("&");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) continue;
      form.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return form.toString();
  }

  static Map<String, Object> parseJson(String json) {
    try {
      Map<String, Object> map = JSON.fromJson(json);
      if (map == null) throw new AssertionError("JSON null instead of an object");
      return map;
    } catch (IOException e) {
      throw new AssertionError("not a JSON object: " + json, e);
    }
  }

  /**
   * Asserts that an API call was refused as WSO2 refuses unknown, revoked, replaced and expired
   * tokens: 401, code 900901, and the OAuth2 challenge.
   */
  static void assertInvalidCredentials(Reply reply) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(401);
    assertThat(reply.json()).containsEntry("code", "900901").containsEntry("message", "Invalid Credentials");
    assertThat(reply.headers().values("WWW-Authenticate")).containsExactly(OAUTH2_CHALLENGE);
  }

  /** Asserts an OAuth error answer: the status and the {@code error} code, with a description. */
  static void assertOAuthError(Reply reply, int status, String error) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.json()).containsEntry("error", error).containsKey("error_description");
  }

  @Override public void close() throws IOException {
    server.close();
  }

  /** One HTTP response, read whole. */
  record Reply(int status, Headers headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    Map<String, Object> json() {
      return parseJson(body);
    }

    /** A string field of the JSON body; fails the test when it is absent or not a string. */
    String string(String field) {
      Object value = json().get(field);
      assertThat(value).as("field %s of %s", field, body).isInstanceOf(String.class);
      return (String) value;
    }

    /** A whole-number field of the JSON body. */
    long number(String field) {
      Object value = json().get(field);
      assertThat(value).as("field %s of %s", field, body).isInstanceOf(Number.class);
      double number = ((Number) value).doubleValue();
      assertThat(number % 1).as("field %s of %s is a whole number", field, body).isZero();
      return (long) number;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String field) {
      Object value = json().get(field);
      assertThat(value).as("field %s of %s", field, body).isInstanceOf(List.class);
      return (List<Object>) value;
    }

    String accessToken() {
      return string("access_token");
    }

    String refreshToken() {
      return string("refresh_token");
    }

    @Override public String toString() {
      return status + " " + body;
    }
  }
}

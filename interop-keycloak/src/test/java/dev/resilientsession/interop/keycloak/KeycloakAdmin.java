package dev.resilientsession.interop.keycloak;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What the tests ask of Keycloak's admin REST API, as the master realm's bootstrap admin: users of
 * the test realm, their passwords, their sessions, and what brute-force detection counted. Its
 * access token (60 s in the master realm) is renewed before it expires.
 */
final class KeycloakAdmin {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Renew the admin's token this long before it expires. */
  private static final long RENEWAL_MARGIN_NANOS = 10_000_000_000L;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String username;
  private final String password;
  private String token;
  private long tokenExpiresNanos;

  KeycloakAdmin(OkHttpClient http, HttpUrl baseUrl, String username, String password) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.username = username;
    this.password = password;
  }

  /** A new user of the test realm with a random name and password, as {@link #createUser(String, String)}. */
  TestUser createUser() throws IOException {
    return createUser("user-" + randomText(6), randomText(12));
  }

  /**
   * A new user of the test realm, complete enough (an email, a first and a last name) that
   * Keycloak's user profile asks nothing more of them before they sign in: it refuses the password
   * grant to an incomplete one ("Account is not fully set up").
   */
  TestUser createUser(String username, String password) throws IOException {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", username);
    user.put("email", username + "@example.com");
    user.put("emailVerified", true);
    user.put("firstName", "Test");
    user.put("lastName", "User");
    user.put("enabled", true);
    user.put("credentials", List.of(passwordCredential(password)));
    try (Response response = send("POST", "users", Json.write(user))) {
      String location = response.header("Location");
      if (location == null) throw new IOException("Keycloak created " + username + " without a Location");
      List<String> path = HttpUrl.get(location).pathSegments();
      return new TestUser(path.get(path.size() - 1), username, password);
    }
  }

  /** Sets a new random password, as an administrator does; returns the user with it. */
  TestUser resetPassword(TestUser user) throws IOException {
    String newPassword = randomText(12);
    send("PUT", "users/" + user.id() + "/reset-password", Json.write(passwordCredential(newPassword))).close();
    return user.withPassword(newPassword);
  }

  /** Ends every session of {@code user} ("Sign out" on the user's Sessions tab). */
  void logOut(TestUser user) throws IOException {
    send("POST", "users/" + user.id() + "/logout", null).close();
  }

  /** How many sessions {@code user} has at Keycloak now: one per sign-in until it ends. */
  int sessions(TestUser user) throws IOException {
    try (Response response = send("GET", "users/" + user.id() + "/sessions", null)) {
      return Json.array(response.body().string()).size();
    }
  }

  /** What brute-force detection holds against {@code user}. */
  LoginFailures loginFailures(TestUser user) throws IOException {
    try (Response response = send("GET", "attack-detection/brute-force/users/" + user.id(), null)) {
      Map<String, Object> status = Json.object(response.body().string());
      return new LoginFailures(((Number) status.get("numFailures")).intValue(), Boolean.TRUE.equals(status.get("disabled")));
    }
  }

  /** Failed sign-ins counted since the last good one, and whether the user is locked out for now. */
  record LoginFailures(int count, boolean lockedOut) {
  }

  private Response send(String method, String path, String json) throws IOException {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("admin/realms/" + Keycloak.REALM + "/" + path).build();
    RequestBody body = json == null ? (method.equals("POST") ? RequestBody.create(new byte[0]) : null)
        : RequestBody.create(json, JSON);
    Request request = new Request.Builder().url(url).method(method, body).header("Authorization", "Bearer " + token())
        .build();
    Response response = http.newCall(request).execute();
    if (!response.isSuccessful()) {
      String answer = response.body().string();
      response.close();
      throw new IOException("Keycloak's admin API answered " + response.code() + " to " + method + " " + url.encodedPath()
          + ": " + answer);
    }
    return response;
  }

  private synchronized String token() throws IOException {
    if (token != null && tokenExpiresNanos - System.nanoTime() > RENEWAL_MARGIN_NANOS) return token;
    HttpUrl tokenUrl = baseUrl.newBuilder().addPathSegments("realms/master/protocol/openid-connect/token").build();
    Request request = new Request.Builder().url(tokenUrl).post(new FormBody.Builder()
        .add("grant_type", "password")
        .add("client_id", "admin-cli")
        .add("username", username)
        .add("password", password)
        .build()).build();
    long asked = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) throw new IOException("Keycloak refused its bootstrap admin: HTTP " + response.code());
      Map<String, Object> grant = Json.object(response.body().string());
      token = (String) grant.get("access_token");
      tokenExpiresNanos = asked + ((Number) grant.get("expires_in")).longValue() * 1_000_000_000L;
      return token;
    }
  }

  private static Map<String, Object> passwordCredential(String password) {
    return Map.of("type", "password", "value", password, "temporary", false);
  }

  private static String randomText(int length) {
    String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return text.toString();
  }
}

package dev.resilientsession.benchmarks;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * The common OkHttp recipe the SDK is measured against: a synchronized authenticator that renews on
 * every 401 (refresh token, else the password grant) without asking whether another thread already
 * did, and gives up after one retry per call.
 */
final class NaiveAuthenticator implements Authenticator, Interceptor {
  private final OkHttpClient tokenClient;
  private final HttpUrl tokenUrl;
  private final String basic;
  private final String username;
  private final String password;
  private volatile String accessToken;
  private volatile String refreshToken;

  NaiveAuthenticator(OkHttpClient tokenClient, HttpUrl tokenUrl, String clientId, String clientSecret,
      String username, String password) {
    this.tokenClient = tokenClient;
    this.tokenUrl = tokenUrl;
    this.basic = okhttp3.Credentials.basic(clientId, clientSecret);
    this.username = username;
    this.password = password;
  }

  void signIn() throws IOException {
    if (!grant(new FormBody.Builder().add("grant_type", "password").add("username", username)
        .add("password", password).build())) {
      throw new IOException("naive sign-in failed");
    }
  }

  @Override public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + accessToken).build());
  }

  @Override public synchronized Request authenticate(Route route, Response response) throws IOException {
    if (response.priorResponse() != null) return null;
    boolean renewed = refreshToken != null && grant(new FormBody.Builder().add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken).build());
    if (!renewed) {
      renewed = grant(new FormBody.Builder().add("grant_type", "password").add("username", username)
          .add("password", password).build());
    }
    if (!renewed) return null;
    return response.request().newBuilder().header("Authorization", "Bearer " + accessToken).build();
  }

  private boolean grant(FormBody form) throws IOException {
    Request request = new Request.Builder().url(tokenUrl).header("Authorization", basic).post(form).build();
    try (Response response = tokenClient.newCall(request).execute()) {
      if (!response.isSuccessful()) return false;
      String body = response.body().string();
      accessToken = field(body, "access_token");
      refreshToken = field(body, "refresh_token");
      return accessToken != null;
    }
  }

  private static String field(String json, String name) {
    int key = json.indexOf("\"" + name + "\":\"");
    if (key == -1) return null;
    int start = key + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }
}

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
 * did, and gives up after one retry per call. A public client signed in in the browser has no
 * password to fall back on: it can only refresh.
 */
final class NaiveAuthenticator implements Authenticator, Interceptor {
  private final OkHttpClient tokenClient;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String basic; // null for a public client, which sends client_id in the form
  private final String username;
  private final String password;
  private volatile String accessToken;
  private volatile String refreshToken;

  private NaiveAuthenticator(OkHttpClient tokenClient, HttpUrl tokenUrl, String clientId, String basic,
      String username, String password) {
    this.tokenClient = tokenClient;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.basic = basic;
    this.username = username;
    this.password = password;
  }

  /** A confidential client that signs in with the password grant and replays it when refreshing fails. */
  static NaiveAuthenticator withPassword(OkHttpClient tokenClient, HttpUrl tokenUrl, String clientId,
      String clientSecret, String username, String password) throws IOException {
    NaiveAuthenticator naive = new NaiveAuthenticator(tokenClient, tokenUrl, clientId,
        okhttp3.Credentials.basic(clientId, clientSecret), username, password);
    if (!naive.grant(naive.passwordGrant())) throw new IOException("naive sign-in failed");
    return naive;
  }

  /**
   * A public client holding the tokens of a browser sign-in that another library (AppAuth, in an
   * app) performed.
   */
  static NaiveAuthenticator withBrowserTokens(OkHttpClient tokenClient, HttpUrl tokenUrl, String clientId,
      String accessToken, String refreshToken) {
    NaiveAuthenticator naive = new NaiveAuthenticator(tokenClient, tokenUrl, clientId, null, null, null);
    naive.accessToken = accessToken;
    naive.refreshToken = refreshToken;
    return naive;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + accessToken).build());
  }

  @Override public synchronized Request authenticate(Route route, Response response) throws IOException {
    if (response.priorResponse() != null) return null;
    boolean renewed = refreshToken != null && grant(new FormBody.Builder().add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken));
    if (!renewed && password != null) renewed = grant(passwordGrant());
    if (!renewed) return null;
    return response.request().newBuilder().header("Authorization", "Bearer " + accessToken).build();
  }

  private FormBody.Builder passwordGrant() {
    return new FormBody.Builder().add("grant_type", "password").add("username", username).add("password", password);
  }

  private boolean grant(FormBody.Builder form) throws IOException {
    Request.Builder request = new Request.Builder().url(tokenUrl);
    if (basic != null) {
      request.header("Authorization", basic);
    } else {
      form.add("client_id", clientId);
    }
    try (Response response = tokenClient.newCall(request.post(form.build()).build()).execute()) {
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

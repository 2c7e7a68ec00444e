package dev.resilientsession.benchmarks;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;
import dev.resilientsession.client.StoredTokens;
import java.io.IOException;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * The peer measured beside the SDK: Google's google-auth-library-java wired as its documentation
 * wires a signed-in user. {@code UserCredentials} holds the client id and secret, the user's refresh
 * token and the access token of the sign-in, and refreshes against the gateway's token endpoint
 * with the refresh-token grant; API calls go through google-http-client with {@code
 * HttpCredentialsAdapter}, whose answer to a 401 is one refresh and a retry of the call. The
 * library has no password grant: the sign-in is the SDK's, whose tokens are handed over.
 */
final class GoogleAuthPeer {
  /** The library's default transport (the JDK's HttpURLConnection), one for the JVM as an app has one. */
  private static final HttpTransport TRANSPORT = new NetHttpTransport();
  /** Held so that its level sticks: java.util.logging keeps loggers weakly. */
  private static final Logger ADAPTER_LOG = Logger.getLogger(HttpCredentialsAdapter.class.getName());

  private GoogleAuthPeer() {
  }

  /**
   * Keeps up to {@code connections} idle keep-alive connections per host (the JDK keeps 5 unless
   * told, where the SDK's client pools as many as the harness needs), and silences the adapter's
   * SEVERE log line with a stack trace for every refresh that fails. Call first thing in main,
   * before any {@code HttpURLConnection} exists: the JDK reads the property once.
   */
  static void configure(int connections) {
    System.setProperty("http.maxConnections", Integer.toString(connections));
    ADAPTER_LOG.setLevel(Level.OFF);
  }

  /** A confidential client's credentials holding the tokens of a sign-in. */
  static UserCredentials credentials(String clientId, String clientSecret, StoredTokens tokens, HttpUrl tokenUrl) {
    return UserCredentials.newBuilder()
        .setClientId(clientId)
        .setClientSecret(clientSecret)
        .setRefreshToken(tokens.refreshToken())
        .setAccessToken(new AccessToken(tokens.accessToken(), Date.from(tokens.expiresAt())))
        .setTokenServerUri(tokenUrl.uri())
        .setHttpTransportFactory(() -> TRANSPORT)
        .build();
  }

  /** The app's API client: every request carries the credentials' token, and a 401 refreshes it once. */
  static HttpRequestFactory client(UserCredentials credentials) {
    return TRANSPORT.createRequestFactory(new HttpCredentialsAdapter(credentials));
  }

  /**
   * GETs {@code url}: the final answer's status, after any refresh and retry (-1 when none came),
   * and whether the call met a 401 on the way, as the adapter's 401 handler saw it.
   */
  static Answer get(HttpRequestFactory client, HttpUrl url) {
    boolean[] unauthorized = {false};
    try {
      HttpRequest request = client.buildGetRequest(new GenericUrl(url.uri()));
      HttpUnsuccessfulResponseHandler adapter = request.getUnsuccessfulResponseHandler();
      request.setUnsuccessfulResponseHandler((retried, response, supportsRetry) -> {
        if (response.getStatusCode() == 401) unauthorized[0] = true;
        return adapter.handleResponse(retried, response, supportsRetry);
      });
      HttpResponse response = request.execute();
      try {
        return new Answer(response.getStatusCode(), unauthorized[0]);
      } finally {
        response.ignore(); // reads the body to its end, so the connection stays alive
      }
    } catch (HttpResponseException e) {
      return new Answer(e.getStatusCode(), unauthorized[0] || e.getStatusCode() == 401);
    } catch (IOException e) {
      return new Answer(-1, unauthorized[0]);
    }
  }

  /** A call's outcome: the final status (-1: no answer), and whether a 401 came first. */
  record Answer(int status, boolean sawUnauthorized) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }
}

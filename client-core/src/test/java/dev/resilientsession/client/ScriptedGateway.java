package dev.resilientsession.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A gateway for MockWebServer whose answers a test scripts. By default it behaves like WSO2 with
 * one device: the token endpoint issues {@code at-N}/{@code rt-N} with rotation, and the API accepts
 * only the latest access token with 200, answering anything else 401 900901.
 */
final class ScriptedGateway extends Dispatcher {
  final AtomicInteger tokenRequests = new AtomicInteger();
  final AtomicInteger apiRequests = new AtomicInteger();
  final List<RecordedRequest> tokenCalls = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> revokeCalls = new CopyOnWriteArrayList<>();
  private final Deque<MockResponse> scriptedTokenResponses = new ArrayDeque<>();
  private final AtomicInteger issued = new AtomicInteger();
  volatile String validAccessToken;
  volatile String validRefreshToken;
  volatile long expiresIn = 3600;
  volatile MockResponse apiRejection = unauthorized900901();
  volatile MockResponse revokeResponse = new MockResponse();
  /** When true the API refuses every token, even fresh ones: a misbehaving gateway. */
  volatile boolean rejectEveryToken;

  /** The next token requests get these, in order, before the default behaviour resumes. */
  synchronized void enqueueTokenResponse(MockResponse response) {
    scriptedTokenResponses.add(response);
  }

  /** As if another device signed out (OPAQUE) or signed in (JWT): the current tokens die. */
  void revokeCurrentTokens() {
    validAccessToken = null;
    validRefreshToken = null;
  }

  @Override public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (path.startsWith("/oauth2/token")) {
      tokenRequests.incrementAndGet();
      tokenCalls.add(request);
      MockResponse scripted;
      synchronized (this) {
        scripted = scriptedTokenResponses.poll();
      }
      return scripted != null ? scripted : issue(request);
    }
    if (path.startsWith("/oauth2/revoke")) {
      revokeCalls.add(request);
      revokeCurrentTokens();
      return revokeResponse;
    }
    apiRequests.incrementAndGet();
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    if (!rejectEveryToken && token != null && token.equals(validAccessToken)) {
      return new MockResponse().setBody("{\"ok\":true}");
    }
    return apiRejection;
  }

  private MockResponse issue(RecordedRequest request) {
    String form = request.getBody().clone().readUtf8();
    if (form.contains("grant_type=refresh_token")) {
      String presented = form.replaceAll(".*refresh_token=([^&]*).*", "$1");
      if (!presented.equals(validRefreshToken)) {
        return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Persisted access token data not found\"}");
      }
    }
    int n = issued.incrementAndGet();
    validAccessToken = "at-" + n;
    validRefreshToken = "rt-" + n;
    String scope = form.contains("scope=") ? form.replaceAll(".*scope=([^&]*).*", "$1").replace('+', ' ') : "default";
    return json(200, "{\"access_token\":\"" + validAccessToken + "\",\"refresh_token\":\"" + validRefreshToken
        + "\",\"scope\":\"" + scope + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static MockResponse unauthorized900901() {
    return json(401, "{\"code\":\"900901\",\"message\":\"Invalid Credentials\",\"description\":\"expired\"}")
        .setHeader("WWW-Authenticate", "Bearer realm=\"WSO2 API Manager\", error=\"invalid_token\"");
  }
}

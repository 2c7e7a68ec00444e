package dev.resilientsession.client;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Recovers from the gateway's 401: retries once with a token the session already has or obtains
 * silently. OkHttp calls it only for 401 and 407, so a 403 (a scope problem) never refreshes. A
 * 401 for a call the session did not sign goes to the client's own authenticator, if it had one.
 */
final class SessionAuthenticator implements Authenticator {
  private static final long MAX_FAULT_BODY = 8 * 1024;

  private final SessionCore core;
  private final BearerInterceptor interceptor;
  private final Authenticator fallback;

  SessionAuthenticator(SessionCore core, BearerInterceptor interceptor, Authenticator fallback) {
    this.core = core;
    this.interceptor = interceptor;
    this.fallback = fallback;
  }

  /** This authenticator for a client whose own authenticator was {@code fallback}. */
  SessionAuthenticator withFallback(Authenticator fallback) {
    if (fallback == this || fallback == this.fallback) return this;
    return new SessionAuthenticator(core, interceptor, fallback);
  }

  @Override public Request authenticate(Route route, Response response) throws IOException {
    Request request = response.request();
    // Only calls this session signed: never one that brought its own credentials, never another host.
    if (request.tag(SessionCore.class) != core) return fallback.authenticate(route, response);
    if (response.code() != 401) return null;
    String failedToken = bearerToken(request.header("Authorization"));
    if (failedToken == null) return null;
    if (retriedAfter401(response)) {
      core.recoveryDidNotHelp(failedToken);
      return null; // At most one recovery per call.
    }
    String code = GatewayFault.code(response.peekBody(MAX_FAULT_BODY).string());
    if (!GatewayFault.isTokenRejection(code)) return null;
    HeldTokens renewed = core.recover(failedToken, code);
    if (renewed == null) return null;
    if (request.body() != null && request.body().isOneShot()) return null; // Renewed for the next call.
    return interceptor.signed(request, renewed);
  }

  private static boolean retriedAfter401(Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) return true;
    }
    return false;
  }

  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) return null;
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}

package dev.resilientsession.client;

import java.io.IOException;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Attaches {@code Authorization: Bearer} to calls for the gateway's hosts, renewing the token
 * first when it is due. Calls that carry their own Authorization header, calls to other hosts, and
 * plain-HTTP calls when the token endpoint is HTTPS pass untouched: the token never leaks.
 */
final class BearerInterceptor implements Interceptor {
  private final SessionCore core;
  private final Set<String> hosts;
  private final boolean httpsOnly;

  BearerInterceptor(SessionCore core, Set<String> hosts, boolean httpsOnly) {
    this.core = core;
    this.hosts = hosts;
    this.httpsOnly = httpsOnly;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    if (chain.connection() != null) {
      throw new IllegalStateException(
          "ResilientSession's interceptor is an application interceptor: add it with addInterceptor()");
    }
    Request request = chain.request();
    if (request.header("Authorization") != null || !hosts.contains(request.url().host())
        || (httpsOnly && !request.isHttps())) {
      return chain.proceed(request);
    }
    HeldTokens tokens = core.tokensForCall();
    if (tokens == null) {
      if (core.state() == SessionState.SIGNED_IN) return expiredLocally(request);
      return chain.proceed(request);
    }
    Response response = chain.proceed(signed(request, tokens));
    if (response.code() != 401) core.callSucceeded();
    return response;
  }

  /**
   * {@code request} carrying {@code tokens}' access token, tagged as signed by this session: the
   * authenticator recovers only calls so tagged, never a call that brought its own credentials.
   * Every call pays for this, so the header's value is made and checked once per token, not per
   * call: OkHttp would otherwise check each character of a JWT, some 800 of them, on every call.
   */
  Request signed(Request request, HeldTokens tokens) {
    Request.Builder signed = request.newBuilder().tag(SessionCore.class, core);
    if (!tokens.headerSafe) return signed.header("Authorization", tokens.authorization).build(); // OkHttp says why
    Headers withToken = request.headers().newBuilder()
        .removeAll("Authorization") // a retry carries the failed token
        .addUnsafeNonAscii("Authorization", tokens.authorization)
        .build();
    return signed.headers(withToken).build();
  }

  /**
   * The token has expired and cannot be renewed for now: answer 401 here, as OkHttp's cache answers
   * 504 for an unsatisfiable request, rather than send a token the gateway can only refuse.
   */
  private static Response expiredLocally(Request request) {
    long now = System.currentTimeMillis();
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(401)
        .message("Token expired and not renewable for now")
        .body(ResponseBody.create("", null))
        .sentRequestAtMillis(now)
        .receivedResponseAtMillis(now)
        .build();
  }
}

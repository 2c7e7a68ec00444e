package dev.resilientsession.client;

import java.io.IOException;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Attaches {@code Authorization: Bearer} to calls for the gateway's hosts, renewing the token
 * first when it is about to expire. Calls that carry their own Authorization header, and calls to
 * other hosts, pass untouched: the token never leaks to a third party.
 */
final class BearerInterceptor implements Interceptor {
  private final SessionCore core;
  private final Set<String> hosts;

  BearerInterceptor(SessionCore core, Set<String> hosts) {
    this.core = core;
    this.hosts = hosts;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null || !hosts.contains(request.url().host())) {
      return chain.proceed(request);
    }
    String accessToken = core.accessTokenForCall();
    if (accessToken == null) return chain.proceed(request);
    Response response = chain.proceed(signed(request, accessToken));
    if (response.code() != 401) core.callSucceeded();
    return response;
  }

  /**
   * {@code request} carrying {@code accessToken}, tagged as signed by this session: the
   * authenticator recovers only calls so tagged, never a call that brought its own credentials.
   */
  Request signed(Request request, String accessToken) {
    return request.newBuilder()
        .header("Authorization", "Bearer " + accessToken)
        .tag(SessionCore.class, core)
        .build();
  }
}

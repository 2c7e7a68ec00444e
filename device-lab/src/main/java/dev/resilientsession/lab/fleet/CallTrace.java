package dev.resilientsession.lab.fleet;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tags one user call, so that the network interceptor can mark that the gateway answered it 401
 * before the session recovered it: the tag survives the session's and the authenticator's
 * rebuilt requests, which copy it.
 */
final class CallTrace {
  volatile boolean sawUnauthorized;

  /** The network interceptor that marks the tagged call on a 401 from the gateway. */
  static final Interceptor UNAUTHORIZED_MARKER = new Interceptor() {
    @Override public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      CallTrace trace = chain.request().tag(CallTrace.class);
      if (trace != null && response.code() == 401) trace.sawUnauthorized = true;
      return response;
    }
  };
}

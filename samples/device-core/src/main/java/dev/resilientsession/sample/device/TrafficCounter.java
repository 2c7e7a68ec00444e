package dev.resilientsession.sample.device;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that counts what crossed the wire into a device's {@link DeviceStats}: token
 * requests, and 401s from the API. It reads no body, so it may watch token requests too.
 */
public final class TrafficCounter implements Interceptor {
  private final DeviceStats stats;

  public TrafficCounter(DeviceStats stats) {
    this.stats = stats;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    boolean tokenRequest = chain.request().url().encodedPath().endsWith("/token");
    if (tokenRequest) stats.tokenRequests.incrementAndGet();
    Response response = chain.proceed(chain.request());
    if (!tokenRequest && response.code() == 401) stats.unauthorized.incrementAndGet();
    return response;
  }
}

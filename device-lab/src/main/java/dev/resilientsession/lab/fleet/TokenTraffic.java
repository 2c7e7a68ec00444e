package dev.resilientsession.lab.fleet;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A device's requests to the token endpoint, counted on the device: each one sent, and each one
 * that could not even connect, and whether the endpoint refused it (429, 5xx) or never answered.
 * Nothing here asks the server, so it counts the same against the mock and a real gateway.
 */
final class TokenTraffic {
  private final DeviceLog log;
  /** Token requests under way that reached the network. */
  private final Set<Call> sent = ConcurrentHashMap.newKeySet();

  /**
   * On the network: every token request sent (OkHttp's own retries too, as the gateway sees
   * them), and its answer.
   */
  final Interceptor network = this::onNetwork;

  /** On the device, after its network switch: a token request that failed before reaching the network. */
  final Interceptor device = this::onDevice;

  TokenTraffic(DeviceLog log) {
    this.log = log;
  }

  private Response onNetwork(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    if (!isTokenRequest(request)) return chain.proceed(request);
    sent.add(chain.call());
    log.tokenRequest("POST " + request.url().encodedPath());
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log.tokenUnanswered(why(chain.call(), e));
      throw e;
    }
    if (response.code() == 429 || response.code() >= 500) {
      String retryAfter = response.header("Retry-After");
      log.tokenRejected("HTTP " + response.code() + (retryAfter == null ? ", no Retry-After" : ", Retry-After "
          + retryAfter));
    }
    return response;
  }

  private Response onDevice(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    if (!isTokenRequest(request)) return chain.proceed(request);
    try {
      return chain.proceed(request);
    } catch (IOException e) {
      if (!sent.contains(chain.call()) && !chain.call().isCanceled()) {
        log.tokenRequest("POST " + request.url().encodedPath() + ": could not connect");
        log.tokenUnanswered(why(chain.call(), e));
      }
      throw e;
    } finally {
      sent.remove(chain.call());
    }
  }

  private static boolean isTokenRequest(Request request) {
    return request.url().encodedPath().endsWith("/token");
  }

  private static String why(Call call, IOException e) {
    if (call.isCanceled()) return "abandoned by the session before an answer came";
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}

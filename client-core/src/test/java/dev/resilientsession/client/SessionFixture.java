package dev.resilientsession.client;

import dev.resilientsession.gateway.junit.TestClock;

import dev.resilientsession.gateway.server.NoDelayServerSocketFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A scripted gateway on MockWebServer and sessions wired to it: test clock, listener events on the
 * calling thread, recorded backoff sleeps that move the clock (nothing really sleeps).
 */
final class SessionFixture implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final ScriptedGateway gateway = new ScriptedGateway();
  final RecordingListener listener = new RecordingListener();
  final TestClock clock = new TestClock();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final InMemoryTokenStore store = new InMemoryTokenStore();

  SessionFixture() throws IOException {
    server.setDispatcher(gateway);
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start();
  }

  /** A builder with this fixture's gateway, clock, listener, store and sleeper; device "desktop". */
  ResilientSession.Builder builder() {
    return ResilientSession.builder()
        .tokenUrl(server.url("/oauth2/token"))
        .client("app", "app-secret")
        .deviceIdentity(DeviceIdentity.of("desktop"))
        .tokenStore(store)
        .clock(clock)
        .listener(listener)
        .listenerExecutor(Runnable::run)
        .sleeper(this::sleep);
  }

  /** Backoff sleeps take no real time, but the session's clock moves on as if they had. */
  private void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  Response get(OkHttpClient client, String path) throws IOException {
    return client.newCall(new Request.Builder().url(server.url(path)).build()).execute();
  }

  /** The status of a GET through {@code client}, the response closed. */
  int status(OkHttpClient client, String path) throws IOException {
    try (Response response = get(client, path)) {
      return response.code();
    }
  }

  /** A call to the gateway as {@code session}'s interceptor signs it with {@code accessToken}. */
  Request signed(ResilientSession session, String accessToken) {
    Request call = new Request.Builder().url(server.url("/orders")).build();
    Instant now = Instant.now();
    StoredTokens tokens = new StoredTokens(accessToken, null, now, now.plusSeconds(3600), Set.of());
    return ((BearerInterceptor) session.interceptor()).signed(call, HeldTokens.restored(tokens, now, 0, Duration.ZERO));
  }

  /** The gateway's 401 900901 for {@code request}, as the authenticator receives it. */
  static Response.Builder unauthorized(Request request) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(401)
        .message("Unauthorized")
        .body(ResponseBody.create("{\"code\":\"900901\"}", MediaType.get("application/json")));
  }

  @Override public void close() throws IOException {
    server.shutdown();
  }
}

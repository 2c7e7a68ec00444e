package dev.resilientsession.benchmarks;

import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.gateway.server.NoDelayServerSocketFactory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session's cost per call on the happy path (a valid token). {@code chain*} runs the
 * interceptor against an in-memory chain, which isolates its own cost; {@code http*} makes real
 * loopback calls to a MockWebServer dispatcher, bare and session-aware, for context.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterceptorOverheadBenchmark {
  private MockWebServer server;
  private ResilientSession session;
  private OkHttpClient bareClient;
  private OkHttpClient sessionClient;
  private Request apiRequest;
  private Interceptor interceptor;
  private CannedChain chain;

  @Setup(Level.Trial) public void setUp() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith("/oauth2/token")) {
          return new MockResponse().setHeader("Content-Type", "application/json")
              .setBody("{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"scope\":\"device_bench\","
                  + "\"token_type\":\"Bearer\",\"expires_in\":86400}");
        }
        return new MockResponse().setBody("ok");
      }
    });
    server.start();
    session = ResilientSession.builder()
        .tokenUrl(server.url("/oauth2/token"))
        .client("bench", "bench-secret")
        .deviceIdentity(DeviceIdentity.of("bench"))
        .build();
    session.signIn("bench", "pw".toCharArray());
    bareClient = new OkHttpClient();
    sessionClient = session.newClient(bareClient);
    apiRequest = new Request.Builder().url(server.url("/orders")).build();
    interceptor = session.interceptor();
    chain = new CannedChain(apiRequest);
  }

  @TearDown(Level.Trial) public void tearDown() throws IOException {
    session.close();
    server.shutdown();
  }

  @Benchmark public Response chainBare() throws IOException {
    return chain.proceed(apiRequest);
  }

  @Benchmark public Response chainWithSession() throws IOException {
    return interceptor.intercept(chain);
  }

  @Benchmark public int httpBare() throws IOException {
    try (Response response = bareClient.newCall(apiRequest).execute()) {
      return response.code();
    }
  }

  @Benchmark public int httpWithSession() throws IOException {
    try (Response response = sessionClient.newCall(apiRequest).execute()) {
      return response.code();
    }
  }

  /** A chain whose next step answers 200 at once: what is left is the interceptor's own work. */
  static final class CannedChain implements Interceptor.Chain {
    private final Request request;
    private final ResponseBody body = ResponseBody.create("ok", MediaType.get("text/plain"));

    CannedChain(Request request) {
      this.request = request;
    }

    @Override public Request request() {
      return request;
    }

    @Override public Response proceed(Request request) {
      return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
          .body(body).build();
    }

    @Override public Connection connection() {
      return null;
    }

    @Override public Call call() {
      throw new UnsupportedOperationException();
    }

    @Override public int connectTimeoutMillis() {
      return 10_000;
    }

    @Override public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override public int readTimeoutMillis() {
      return 10_000;
    }

    @Override public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override public int writeTimeoutMillis() {
      return 10_000;
    }

    @Override public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }
}

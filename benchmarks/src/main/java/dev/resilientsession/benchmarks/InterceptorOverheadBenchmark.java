package dev.resilientsession.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.InMemoryTokenStore;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.StoredTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The session's cost per call on the happy path (a valid token): {@code session.interceptor()}
 * against an in-memory chain that answers at once, beside an interceptor that only proceeds.
 *
 * <p>One benchmark method runs every {@link Arm}: each fork switches arm from one iteration to the
 * next in {@link Arms#ORDER}, so that its arms share one JIT state and one stretch of the machine's
 * load, and each iteration counts the CPU time and the allocation of the thread that ran it
 * ({@link Arms}' counters). CPU time leaves out what a loaded machine adds to the wall clock, the
 * time the thread waits for a core. {@link OverheadHarness} reads the iterations back.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = InterceptorOverheadBenchmark.Arms.BLOCK, time = 150, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = InterceptorOverheadBenchmark.Arms.BLOCK, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 16, jvmArgs = {"-Xms512m", "-Xmx512m", "-Xmn384m", "-XX:+UseSerialGC"})
public class InterceptorOverheadBenchmark {
  private static final int JWT_LENGTH = 792;

  /** What a call goes through in an iteration. */
  public enum Arm {
    /** An interceptor that only proceeds: what the harness and the chain cost by themselves. */
    BARE,
    /** The session's interceptor, holding an OPAQUE token: a UUID, 36 characters. */
    OPAQUE,
    /** The session's interceptor, holding a JWT as long as the mock gateway's (792 characters). */
    JWT
  }

  @Benchmark public Response call(Arms arms) throws IOException {
    arms.calls++;
    return arms.interceptor.intercept(arms.chain);
  }

  /**
   * The arms, the tokens and the counters of one fork's iterations. JMH reports the public fields
   * of each iteration; it zeroes them after {@link #begin}, so all but {@code calls} are written in
   * {@link #end}.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Arms {
    /**
     * Half the time on the judged arm; symmetric about the middle, so that a steady drift in the
     * machine's speed weighs alike on every arm.
     */
    static final Arm[] ORDER = {Arm.BARE, Arm.OPAQUE, Arm.OPAQUE, Arm.JWT, Arm.JWT, Arm.OPAQUE, Arm.OPAQUE, Arm.BARE};
    /** ORDER's length, as a constant the annotations can use: warm-up and measurement are one block each. */
    static final int BLOCK = 8;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The iteration's {@link Arm}, by ordinal. */
    public long arm;
    public long calls;
    public long cpuNanos;
    public long wallNanos;
    public long allocatedBytes;

    CannedChain chain;
    Interceptor interceptor;
    private Interceptor[] interceptors;
    private ResilientSession[] sessions;
    private int iteration;
    private Arm current;
    private long cpuStart;
    private long wallStart;
    private long allocatedStart;

    @Setup(Level.Trial) public void setUp() {
      if (!THREADS.isCurrentThreadCpuTimeSupported() || !THREADS.isThreadAllocatedMemorySupported()) {
        throw new IllegalStateException("this JVM cannot measure a thread's CPU time and allocation");
      }
      THREADS.setThreadCpuTimeEnabled(true);
      THREADS.setThreadAllocatedMemoryEnabled(true);
      chain = new CannedChain(new Request.Builder().url("https://api.example.com/orders").build());
      sessions = new ResilientSession[] {signedIn(opaqueToken()), signedIn(jwtShapedToken())};
      interceptors = new Interceptor[] {
          next -> next.proceed(next.request()), sessions[0].interceptor(), sessions[1].interceptor()};
    }

    @TearDown(Level.Trial) public void tearDown() {
      for (ResilientSession session : sessions) session.close();
    }

    @Setup(Level.Iteration) public void begin() {
      current = ORDER[iteration++ % BLOCK];
      interceptor = interceptors[current.ordinal()];
      calls = 0;
      allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
      wallStart = System.nanoTime();
      cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration) public void end() {
      cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
      wallNanos = System.nanoTime() - wallStart;
      allocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocatedStart;
      arm = current.ordinal();
    }
  }

  /**
   * A session signed in with {@code accessToken}, valid for a day, restored from its store: no
   * token request, no server, and no thread of its own (its listener runs on the caller).
   */
  static ResilientSession signedIn(String accessToken) {
    Instant now = Instant.now();
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.save(new StoredTokens(accessToken, "refresh", now, now.plus(Duration.ofDays(1)), Set.of("device_bench")));
    return ResilientSession.builder()
        .tokenUrl("https://api.example.com/oauth2/token")
        .client("bench", "bench-secret")
        .deviceIdentity(DeviceIdentity.of("bench"))
        .tokenStore(store)
        .listenerExecutor(Runnable::run)
        .build();
  }

  /** An OPAQUE access token as WSO2 issues it: a UUID, 36 characters. */
  static String opaqueToken() {
    return UUID.nameUUIDFromBytes("bench".getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A JWT's characters at the length of the mock gateway's JWT access tokens (792). */
  static String jwtShapedToken() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder token = new StringBuilder("eyJ");
    for (int i = token.length(); i < JWT_LENGTH; i++) {
      token.append(i == 100 || i == 449 ? '.' : alphabet.charAt((i * 31 + 7) % alphabet.length()));
    }
    return token.toString();
  }

  /**
   * A chain whose next step answers 200 at once with one response built beforehand: what is left
   * is the interceptor's own work. It keeps the request it is given, as OkHttp's chain does, so
   * that the JIT cannot drop the session's signed copy of it.
   */
  static final class CannedChain implements Interceptor.Chain {
    private final Request request;
    private final Response response;
    Request proceeded;

    CannedChain(Request request) {
      this.request = request;
      this.response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
          .body(ResponseBody.create("ok", MediaType.get("text/plain"))).build();
    }

    @Override public Request request() {
      return request;
    }

    @Override public Response proceed(Request request) {
      proceeded = request;
      return response;
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

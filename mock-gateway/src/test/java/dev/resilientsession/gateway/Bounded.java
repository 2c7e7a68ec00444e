package dev.resilientsession.gateway;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input on a worker thread and fails it when it uses more than {@link #LIMIT} of CPU
 * time, or has no answer within {@link #BACKSTOP}, so a hang is a finding like a crash, in
 * regression runs as in fuzzing runs. The worker's exception is rethrown as it is, so the fuzzer
 * sees the parser's own stack.
 */
public final class Bounded {
  /**
   * An input takes microseconds, the first a second or two while classes load. CPU time, not wall
   * time, because a shared two-core CI machine can leave the worker waiting for a core or for GC.
   */
  public static final Duration LIMIT = Duration.ofSeconds(5);

  /** For an input that blocks without using CPU, as in a deadlock. */
  public static final Duration BACKSTOP = Duration.ofSeconds(60);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long POLL_MILLIS = 50;
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private static ExecutorService worker = newWorker();

  /** The worker's thread and its CPU time when the current input started. */
  private static volatile Thread workerThread;
  private static volatile long startCpuNanos = NOT_STARTED;

  private Bounded() {
  }

  public static <T> T call(Callable<T> task) throws Exception {
    return call(task, LIMIT, BACKSTOP);
  }

  static synchronized <T> T call(Callable<T> task, Duration limit, Duration backstop) throws Exception {
    startCpuNanos = NOT_STARTED;
    Future<T> result = worker.submit(() -> {
      workerThread = Thread.currentThread();
      startCpuNanos = THREADS.getCurrentThreadCpuTime();
      return task.call();
    });
    long start = System.nanoTime();
    try {
      while (true) {
        try {
          return result.get(POLL_MILLIS, MILLISECONDS);
        } catch (TimeoutException e) {
          Duration wall = Duration.ofNanos(System.nanoTime() - start);
          Duration cpu = cpuTime(wall);
          if (cpu.compareTo(limit) > 0) {
            throw hung("Used more than " + limit.toMillis() + " ms of CPU without an answer ("
                + wall.toMillis() + " ms wall clock)");
          }
          if (wall.compareTo(backstop) > 0) {
            throw hung("No answer within " + backstop.toMillis() + " ms wall clock, having used "
                + cpu.toMillis() + " ms of CPU");
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) throw (Exception) cause;
      throw (Error) cause;
    }
  }

  /** The current input's CPU time so far: zero until it starts, {@code wall} where the JVM can't tell. */
  private static Duration cpuTime(Duration wall) {
    long started = startCpuNanos;
    Thread thread = workerThread;
    if (started == NOT_STARTED || thread == null) return Duration.ZERO;
    long now = THREADS.getThreadCpuTime(thread.getId());
    if (started < 0 || now < 0) return wall;
    return Duration.ofNanos(now - started);
  }

  private static AssertionError hung(String message) {
    // The hung thread can't be taken back; later inputs get a fresh one.
    worker.shutdownNow();
    worker = newWorker();
    return new AssertionError(message);
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz-input");
      thread.setDaemon(true);
      return thread;
    });
  }
}

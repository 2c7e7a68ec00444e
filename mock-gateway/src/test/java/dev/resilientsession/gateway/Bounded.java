package dev.resilientsession.gateway;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input on a worker thread and fails it when it has no answer within {@link #LIMIT},
 * so a hang is a finding like a crash, in regression runs as in fuzzing runs. The worker's
 * exception is rethrown as it is, so the fuzzer sees the parser's own stack.
 */
public final class Bounded {
  /** An input takes microseconds; a shared two-core CI machine can stall for a while, a hang can't end. */
  public static final Duration LIMIT = Duration.ofSeconds(5);

  private static ExecutorService worker = newWorker();

  private Bounded() {
  }

  public static synchronized <T> T call(Callable<T> task) throws Exception {
    Future<T> result = worker.submit(task);
    try {
      return result.get(LIMIT.toMillis(), MILLISECONDS);
    } catch (TimeoutException e) {
      // The hung thread can't be taken back; later inputs get a fresh one.
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionError("No answer within " + LIMIT.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) throw (Exception) cause;
      throw (Error) cause;
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz-input");
      thread.setDaemon(true);
      return thread;
    });
  }
}

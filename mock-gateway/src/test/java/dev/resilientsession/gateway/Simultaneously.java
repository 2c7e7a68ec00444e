package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Races for the concurrency tests: a task run on many threads released at once. Public for the
 * token and browser packages' tests.
 */
public final class Simultaneously {
  private Simultaneously() {
  }

  /** Runs {@code task} on {@code threads} threads released together; returns what each returned. */
  public static <T> List<T> run(int threads, Callable<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      return run(executor, threads, task);
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Like {@link #run(int, Callable)}, on {@code executor}, which has at least {@code threads} threads. */
  public static <T> List<T> run(ExecutorService executor, int threads, Callable<T> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(executor.submit(() -> {
        ready.countDown();
        go.await();
        return task.call();
      }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) results.add(future.get(30, TimeUnit.SECONDS));
    return results;
  }
}

package dev.resilientsession.client;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads sessions run on when the app gives none: daemons, named, idle ones let go. */
final class SessionThreads {
  private SessionThreads() {
  }

  /**
   * Where recoveries run, shared by every session of the process like OkHttp's dispatcher threads:
   * a thread per recovery in flight, none while nothing recovers.
   */
  static Executor recoveries() {
    return Recoveries.EXECUTOR;
  }

  static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Created on first use. */
  private static final class Recoveries {
    static final Executor EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), named("resilient-session-recovery"));
  }
}

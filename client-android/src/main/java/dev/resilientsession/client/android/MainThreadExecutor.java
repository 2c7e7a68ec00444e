package dev.resilientsession.client.android;

import android.os.Handler;
import android.os.Looper;
import java.util.concurrent.Executor;

/**
 * Runs on the main thread: give it to {@code ResilientSession.Builder.listenerExecutor} and
 * session events can touch views directly.
 */
public final class MainThreadExecutor implements Executor {
  private final Handler handler = new Handler(Looper.getMainLooper());

  @Override public void execute(Runnable command) {
    if (!handler.post(command)) {
      throw new java.util.concurrent.RejectedExecutionException("the main looper is shutting down");
    }
  }

  @Override public String toString() {
    return "MainThreadExecutor";
  }
}

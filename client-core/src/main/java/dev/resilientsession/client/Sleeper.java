package dev.resilientsession.client;

import java.time.Duration;

/** Waits between token-request retries; tests replace it so that nothing really sleeps. */
interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}

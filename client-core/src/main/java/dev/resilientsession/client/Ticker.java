package dev.resilientsession.client;

import java.time.Clock;

/**
 * Elapsed time for token lifetimes and backoff windows. The system ticker is monotonic, so a
 * device whose wall clock is changed neither expires its token early nor sends it past expiry.
 */
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanoTime();

  /** Time as {@code clock} tells it: for tests and simulations that move their clock by hand. */
  static Ticker of(Clock clock) {
    return () -> clock.millis() * 1_000_000L;
  }
}

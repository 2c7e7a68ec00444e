package dev.resilientsession.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many token requests an overloaded key manager takes on: a token bucket that refills at
 * {@code perSecond} requests a second and holds one second's worth, so a burst after a quiet spell
 * gets through up to that many and a steady stream at most that many a second. Time is the
 * gateway's clock, so a test clock or an advance refills it without waiting.
 *
 * <p>Lock-free, as every token request asks it: the bucket is a single number, the time at which
 * it would be full again (GCRA, the generic cell rate algorithm), moved forward by compare-and-set
 * for each request admitted. A request shed writes only its count. The clock is read after that
 * number, so however long a thread waits for a core, a time it reads is never older than the
 * bucket's.
 */
final class TokenCapacity {
  /** The most {@link Fault#capacity(int)} allows; a refill interval of a whole number of nanoseconds stays exact enough. */
  static final int MAX_PER_SECOND = 1_000_000;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Keeps nanoseconds from the start in a long, whatever the clock is advanced by: 285 years. */
  private static final long MAX_SECONDS = 9_000_000_000L;

  private final int perSecond;
  private final Clock clock;
  private final long startSecond;
  private final int startNano;
  /** Nanoseconds per request: rounded down, so a second refills at least {@code perSecond}. */
  private final long interval;
  /** How far ahead of now the bucket may be full again and still admit a request: one second's worth, less that request. */
  private final long tolerance;
  /** Nanoseconds from the start at which the bucket is full again; at or before now it is full. */
  private final AtomicLong fullAt = new AtomicLong(Long.MIN_VALUE / 2);
  private final LongAdder admitted = new LongAdder();
  private final LongAdder shed = new LongAdder();

  /** A full bucket, from now on {@code clock}. */
  TokenCapacity(int perSecond, Clock clock) {
    if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException("capacity must be 1 to " + MAX_PER_SECOND + " requests per second: " + perSecond);
    }
    this.perSecond = perSecond;
    this.clock = clock;
    Instant start = clock.instant();
    this.startSecond = start.getEpochSecond();
    this.startNano = start.getNano();
    this.interval = NANOS_PER_SECOND / perSecond;
    this.tolerance = (perSecond - 1) * interval;
  }

  /** Whether a request arriving now may go on; counts it either way. */
  boolean admit() {
    while (true) {
      long full = fullAt.get();
      long nanos = nanosSinceStart(clock.instant());
      long from = Math.max(full, nanos);
      if (from - nanos > tolerance) {
        if (from - nanos <= tolerance + interval) {
          shed.increment();
          return false;
        }
        // Further ahead than a full second's worth: the clock went back. That says nothing of
        // the load, so start again with a full bucket rather than shed until it catches up.
        fullAt.compareAndSet(full, nanos);
        continue;
      }
      if (fullAt.compareAndSet(full, from + interval)) {
        admitted.increment();
        return true;
      }
    }
  }

  int perSecond() {
    return perSecond;
  }

  /** Requests admitted so far. */
  long admitted() {
    return admitted.sum();
  }

  /** Requests shed so far. */
  long shed() {
    return shed.sum();
  }

  private long nanosSinceStart(Instant now) {
    long seconds = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, now.getEpochSecond() - startSecond));
    return seconds * NANOS_PER_SECOND + (now.getNano() - startNano);
  }
}

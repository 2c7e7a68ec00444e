package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fleet's counts per second of the timeline, for the time chart, and call latencies per group.
 * Lock-free: thousands of devices report into it at once.
 */
final class FleetMeter {
  enum Series {
    CALLS, UNAUTHORIZED, RECOVERIES, TOKEN_REQUESTS, REJECTED_TOKEN_REQUESTS, UNANSWERED_TOKEN_REQUESTS, FAILURES,
    PROMPTS
  }

  /** Latency bucket bounds (see {@link Latency}): 1..100 ms, then by 10 to 1 s, by 100 to 60 s. */
  private static final int BUCKETS = 100 + 90 + 590 + 1;

  private final int seconds;
  private final AtomicLongArray[] series = new AtomicLongArray[Series.values().length];
  private final AtomicLongArray[] latencyByGroup;
  /** The timeline's start once started; before that, when the fleet was built. */
  private volatile long startNanos = System.nanoTime();
  private volatile boolean started;

  FleetMeter(int seconds, int groups) {
    this.seconds = seconds;
    for (int i = 0; i < series.length; i++) series[i] = new AtomicLongArray(seconds);
    latencyByGroup = new AtomicLongArray[groups];
    for (int i = 0; i < groups; i++) latencyByGroup[i] = new AtomicLongArray(BUCKETS);
  }

  /** The timeline starts now; what happened before (the first sign-ins) counts in second 0. */
  void start() {
    startNanos = System.nanoTime();
    started = true;
  }

  double elapsedSeconds() {
    return started ? (System.nanoTime() - startNanos) / 1e9 : 0;
  }

  /** A {@link System#nanoTime()} in seconds into the timeline, to the millisecond; negative before it. */
  double secondsAt(long nanos) {
    return Math.round((nanos - startNanos) / 1e6) / 1000.0;
  }

  void count(Series what) {
    int second = (int) Math.min(seconds - 1, Math.max(0, elapsedSeconds()));
    series[what.ordinal()].incrementAndGet(second);
  }

  void latency(int group, long millis) {
    latencyByGroup[group].incrementAndGet(indexOf(Latency.bucketOf(millis)));
  }

  Latency latency(int group) {
    AtomicLongArray counts = latencyByGroup[group];
    List<long[]> buckets = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      long count = counts.get(i);
      if (count > 0) buckets.add(new long[] {boundOf(i), count});
    }
    return new Latency(buckets);
  }

  /** Seconds 0 to {@code through}, inclusive. */
  List<SecondCounts> seconds(int through) {
    List<SecondCounts> result = new ArrayList<>();
    for (int s = 0; s <= Math.min(through, seconds - 1); s++) {
      result.add(new SecondCounts(s, get(Series.CALLS, s), get(Series.UNAUTHORIZED, s), get(Series.RECOVERIES, s),
          get(Series.TOKEN_REQUESTS, s), get(Series.REJECTED_TOKEN_REQUESTS, s),
          get(Series.UNANSWERED_TOKEN_REQUESTS, s), get(Series.FAILURES, s), get(Series.PROMPTS, s)));
    }
    return result;
  }

  private long get(Series what, int second) {
    return series[what.ordinal()].get(second);
  }

  private static int indexOf(long bound) {
    if (bound <= 100) return (int) bound - 1;
    if (bound <= 1000) return 100 + (int) (bound - 110) / 10;
    if (bound <= 60_000) return 190 + (int) (bound - 1100) / 100;
    return BUCKETS - 1;
  }

  private static long boundOf(int index) {
    if (index < 100) return index + 1;
    if (index < 190) return 110 + (index - 100) * 10L;
    if (index < BUCKETS - 1) return 1100 + (index - 190) * 100L;
    return 60_100;
  }
}

package dev.resilientsession.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * User-call latencies as a histogram that shards can add up: 1 ms buckets to 100 ms, 10 ms buckets
 * to 1 s, 100 ms buckets beyond. Percentiles are a bucket's upper bound, never below the truth.
 *
 * @param buckets pairs of (upper bound in ms, calls), in increasing bound order, empty buckets left out
 */
public record Latency(List<long[]> buckets) {
  public Latency {
    buckets = List.copyOf(buckets);
  }

  public static final Latency EMPTY = new Latency(List.of());

  /** The bucket bound {@code millis} falls in. */
  public static long bucketOf(long millis) {
    if (millis <= 0) return 1;
    if (millis <= 100) return millis;
    if (millis <= 1000) return (millis + 9) / 10 * 10;
    return (millis + 99) / 100 * 100;
  }

  public long count() {
    long count = 0;
    for (long[] bucket : buckets) count += bucket[1];
    return count;
  }

  /** The latency {@code percent} of calls were no slower than, in ms; 0 without calls. */
  public long percentile(double percent) {
    long total = count();
    if (total == 0) return 0;
    long rank = (long) Math.ceil(total * percent / 100.0);
    long seen = 0;
    for (long[] bucket : buckets) {
      seen += bucket[1];
      if (seen >= rank) return bucket[0];
    }
    return buckets.get(buckets.size() - 1)[0];
  }

  public Latency plus(Latency other) {
    List<long[]> merged = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < buckets.size() || j < other.buckets.size()) {
      long[] a = i < buckets.size() ? buckets.get(i) : null;
      long[] b = j < other.buckets.size() ? other.buckets.get(j) : null;
      if (b == null || (a != null && a[0] < b[0])) {
        merged.add(a.clone());
        i++;
      } else if (a == null || b[0] < a[0]) {
        merged.add(b.clone());
        j++;
      } else {
        merged.add(new long[] {a[0], a[1] + b[1]});
        i++;
        j++;
      }
    }
    return new Latency(merged);
  }
}

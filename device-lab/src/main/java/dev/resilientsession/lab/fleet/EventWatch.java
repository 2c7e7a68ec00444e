package dev.resilientsession.lab.fleet;

import java.util.List;

/**
 * The scenario's named events as the timeline plays them, and what each device's calls say about
 * them. A device's first call that starts after an event (and before the next named one) and meets
 * a 401 or fails is where the event hit it; its first successful call from then on that returns
 * after the event's end is where it is back.
 *
 * <p>Public so that a harness playing a fleet of its own (the benchmarks' google-auth peer) marks
 * hits by the same rule; times are {@code System.nanoTime()} or any other one scale.
 */
public final class EventWatch {
  /** Not hit, or not back. */
  public static final long NONE = Long.MIN_VALUE;

  private final List<String> names;
  private final long[] starts;
  private final long[] ends;
  /** How many named events have started; published after their times. */
  private volatile int played;

  public EventWatch(List<String> names) {
    this.names = List.copyOf(names);
    this.starts = new long[names.size()];
    this.ends = new long[names.size()];
  }

  public int size() {
    return names.size();
  }

  public String name(int index) {
    return names.get(index);
  }

  /** Named event {@code index} started at {@code startNanos} and ends at {@code endNanos}; in timeline order. */
  public void started(int index, long startNanos, long endNanos) {
    starts[index] = startNanos;
    ends[index] = endNanos;
    played = index + 1;
  }

  /**
   * One call of a device, from {@code start} to {@code end} (nanoTime), marked in the device's own
   * {@code hitAt} and {@code backAt}, one slot per named event.
   *
   * @param troubled whether the call met a 401 or failed
   * @param succeeded whether the user got the answer (after a silent recovery, maybe)
   */
  public void observe(long[] hitAt, long[] backAt, long start, long end, boolean troubled, boolean succeeded) {
    int count = played;
    for (int i = 0; i < count; i++) {
      if (hitAt[i] == NONE && troubled && start >= starts[i] && (i + 1 == count || start < starts[i + 1])) {
        hitAt[i] = start;
      }
      if (hitAt[i] != NONE && backAt[i] == NONE && succeeded && start >= hitAt[i] && end >= ends[i]) {
        backAt[i] = end;
      }
    }
  }
}

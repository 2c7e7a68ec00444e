package dev.resilientsession.gateway;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The injected faults still to strike, consumed one request at a time. Time is the caller's (the
 * gateway's clock), so a fault injected {@link Fault#during} a window ends when that clock passes it.
 */
final class FaultPlan {
  /** Guarded by this. */
  private final List<Entry> pending = new ArrayList<>();
  private volatile boolean empty = true;

  synchronized void add(Fault fault, Instant now) {
    pending.add(new Entry(fault, fault.duration() == null ? null : end(now, fault.duration())));
    empty = false;
  }

  synchronized void clear() {
    pending.clear();
    empty = true;
  }

  /** The faults still to strike: counted ones with their count left, timed ones with their time left. */
  synchronized List<Fault> pending(Instant now) {
    expire(now);
    List<Fault> result = new ArrayList<>(pending.size());
    for (Entry entry : pending) {
      if (entry.until != null) {
        result.add(entry.fault.remaining(Duration.between(now, entry.until)));
      } else if (entry.left != Fault.UNLIMITED) {
        result.add(entry.fault.times(entry.left));
      } else {
        result.add(entry.fault);
      }
    }
    return result;
  }

  /**
   * The fault that strikes this request to {@code target} at {@code stage}, or null; counts it
   * down. Faults of other stages are left for later in the request, or for another request.
   */
  Fault strike(Fault.Target target, Fault.Stage stage, Instant now) {
    if (empty) return null; // the common case costs no lock
    synchronized (this) {
      expire(now);
      for (Iterator<Entry> i = pending.iterator(); i.hasNext(); ) {
        Entry entry = i.next();
        if (entry.fault.target() != target || entry.fault.kind().stage() != stage) continue;
        if (entry.left == 1) {
          i.remove();
        } else if (entry.left != Fault.UNLIMITED) {
          entry.left--;
        }
        empty = pending.isEmpty();
        return entry.fault;
      }
      return null;
    }
  }

  private void expire(Instant now) {
    pending.removeIf(entry -> entry.until != null && !now.isBefore(entry.until));
    empty = pending.isEmpty();
  }

  /** {@code now + duration}, or the end of time for a window too long to add up. */
  private static Instant end(Instant now, Duration duration) {
    try {
      return now.plus(duration);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  private static final class Entry {
    final Fault fault;
    /** When a timed fault stops striking; null for a counted one. */
    final Instant until;
    /** Requests left to strike, or UNLIMITED. Guarded by the plan. */
    int left;

    Entry(Fault fault, Instant until) {
      this.fault = fault;
      this.until = until;
      this.left = fault.count();
    }
  }
}

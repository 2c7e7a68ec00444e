package dev.resilientsession.gateway;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The injected faults still to strike, consumed one request at a time, and the overloads in force.
 * Time is the caller's (the gateway's clock), so a fault injected {@link Fault#during} a window
 * ends when that clock passes it.
 */
final class FaultPlan {
  /** Counted and timed faults, which strike requests. Guarded by this. */
  private final List<Entry> pending = new ArrayList<>();
  private volatile boolean empty = true;
  /**
   * {@code OVERLOADED} faults, oldest first, which admit or shed token requests: replaced whole
   * under the lock and read without it, since every token request asks.
   */
  private volatile List<Entry> overloads = List.of();

  /** {@code capacity} is what an {@code OVERLOADED} fault admits by; null for other kinds. */
  synchronized void add(Fault fault, Instant now, TokenCapacity capacity) {
    Entry entry = new Entry(fault, fault.duration() == null ? null : end(now, fault.duration()), capacity);
    if (capacity != null) {
      List<Entry> more = new ArrayList<>(overloads);
      more.add(entry);
      overloads = List.copyOf(more);
    } else {
      pending.add(entry);
      empty = false;
    }
  }

  synchronized void clear() {
    pending.clear();
    empty = true;
    overloads = List.of();
  }

  /** The faults still to strike or in force: counted ones with their count left, timed ones with their time left. */
  synchronized List<Listed> pending(Instant now) {
    expire(now);
    List<Listed> result = new ArrayList<>(pending.size() + overloads.size());
    for (Entry entry : pending) {
      if (entry.until != null) {
        result.add(new Listed(entry.fault.remaining(Duration.between(now, entry.until)), null));
      } else if (entry.left != Fault.UNLIMITED) {
        result.add(new Listed(entry.fault.times(entry.left), null));
      } else {
        result.add(new Listed(entry.fault, null));
      }
    }
    for (Entry entry : overloads) {
      Fault fault = entry.until != null ? entry.fault.remaining(Duration.between(now, entry.until)) : entry.fault;
      result.add(new Listed(fault, entry.capacity));
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

  /**
   * The newest {@code OVERLOADED} fault in force at {@code now}, or null. Takes no lock: one whose
   * window has passed is skipped here and dropped at the next listing or injection.
   */
  Entry overload(Instant now) {
    List<Entry> current = overloads;
    for (int i = current.size() - 1; i >= 0; i--) {
      Entry entry = current.get(i);
      if (entry.until == null || now.isBefore(entry.until)) return entry;
    }
    return null;
  }

  private void expire(Instant now) {
    pending.removeIf(entry -> entry.expired(now));
    empty = pending.isEmpty();
    if (overloads.stream().anyMatch(entry -> entry.expired(now))) {
      List<Entry> left = new ArrayList<>(overloads);
      left.removeIf(entry -> entry.expired(now));
      overloads = List.copyOf(left);
    }
  }

  /** {@code now + duration}, or the end of time for a window too long to add up. */
  private static Instant end(Instant now, Duration duration) {
    try {
      return now.plus(duration);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  /** An injected fault, as the plan keeps it. */
  static final class Entry {
    final Fault fault;
    /** When a timed fault stops striking; null for a counted one. */
    final Instant until;
    /** What an {@code OVERLOADED} fault admits; null for other kinds. */
    final TokenCapacity capacity;
    /** Requests left to strike, or UNLIMITED. Guarded by the plan. */
    int left;

    Entry(Fault fault, Instant until, TokenCapacity capacity) {
      this.fault = fault;
      this.until = until;
      this.capacity = capacity;
      this.left = fault.count();
    }

    boolean expired(Instant now) {
      return until != null && !now.isBefore(until);
    }
  }

  /** A fault as listed: with its count or time left, and for an overload, what it admitted and shed. */
  static final class Listed {
    final Fault fault;
    /** Null unless the fault is {@code OVERLOADED}. */
    final TokenCapacity capacity;

    Listed(Fault fault, TokenCapacity capacity) {
      this.fault = fault;
      this.capacity = capacity;
    }
  }
}

package dev.resilientsession.gateway;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The injected faults still to strike, consumed one request at a time. */
final class FaultPlan {
  /** Guarded by this. */
  private final List<Fault> pending = new ArrayList<>();
  private volatile boolean empty = true;

  synchronized void add(Fault fault) {
    pending.add(fault);
    empty = false;
  }

  synchronized void clear() {
    pending.clear();
    empty = true;
  }

  synchronized List<Fault> pending() {
    return List.copyOf(pending);
  }

  /** The fault that strikes this request to {@code target}, or null; counts it down. */
  Fault strike(Fault.Target target) {
    if (empty) return null; // the common case costs no lock
    synchronized (this) {
      for (Iterator<Fault> i = pending.iterator(); i.hasNext(); ) {
        Fault fault = i.next();
        if (fault.target() != target) continue;
        if (fault.count() == 1) {
          i.remove();
        } else if (fault.count() != Fault.UNLIMITED) {
          pending.set(pending.indexOf(fault), fault.times(fault.count() - 1));
        }
        empty = pending.isEmpty();
        return fault;
      }
      return null;
    }
  }
}

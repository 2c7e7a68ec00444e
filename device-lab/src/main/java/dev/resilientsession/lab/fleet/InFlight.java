package dev.resilientsession.lab.fleet;

/** The fleet's user calls still running, so the end of a run can wait for their outcomes. */
final class InFlight {
  private int running;

  synchronized void begin() {
    running++;
  }

  synchronized void end() {
    running--;
    if (running == 0) notifyAll();
  }

  /** Waits until no call runs or {@code millis} pass; returns how many still run. */
  synchronized int awaitNone(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (running > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) break;
      wait(left);
    }
    return running;
  }
}

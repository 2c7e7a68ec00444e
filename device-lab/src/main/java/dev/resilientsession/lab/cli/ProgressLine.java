package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.fleet.LabProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The run's progress on one line: redrawn every second in a terminal, printed as a plain line every
 * ten seconds otherwise (a CI log keeps every line, so it must not get one per second).
 */
final class ProgressLine implements AutoCloseable {
  private final PrintWriter out;
  private final boolean terminal;
  private final Supplier<LabProgress> progress;
  /** Not a daemon: {@link #close()} ends it, and the run closes it however it ends. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  ProgressLine(PrintWriter out, boolean terminal, Supplier<LabProgress> progress) {
    this.out = out;
    this.terminal = terminal;
    this.progress = progress;
  }

  ProgressLine start() {
    long period = terminal ? 1 : 10;
    timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
    return this;
  }

  static String format(LabProgress p) {
    return String.format(Locale.ROOT, "%4.0f/%.0f s  signed in %d/%d  calls %d  401s %d  recoveries %d  prompts %d  failures %d",
        p.elapsedSeconds(), p.totalSeconds(), p.signedIn(), p.devices(), p.calls(), p.unauthorized(), p.recoveries(),
        p.prompts(), p.failures());
  }

  private void print() {
    String line = format(progress.get());
    synchronized (out) {
      if (terminal) {
        out.print("\r" + line + "\u001b[K");
      } else {
        out.println(line);
      }
      out.flush();
    }
  }

  @Override public void close() {
    timer.shutdownNow();
    if (terminal) {
      print();
      out.println();
    }
  }
}

package dev.resilientsession.demo;

import java.io.PrintStream;
import java.time.Duration;

/** Prints what happens, as it happens: time since the scenario began, who, what. */
final class Timeline {
  private final PrintStream out;
  private long startNanos = System.nanoTime();

  Timeline(PrintStream out) {
    this.out = out;
  }

  void restart() {
    startNanos = System.nanoTime();
  }

  synchronized void record(String who, String event) {
    long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    out.printf("  %6.3fs  %-8s %s%n", millis / 1000.0, who, event);
  }

  void print(String line) {
    out.println(line);
  }
}

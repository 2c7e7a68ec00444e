package dev.resilientsession.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mistakes found in a scenario file so far. The parser reads on past a table it cannot read,
 * so that a file with several mistakes is refused with all of them at once, not one per attempt.
 */
final class Problems {
  /** Beyond this many, the rest are counted: a generated file can repeat one mistake a million times. */
  static final int MAX_TOLD = 50;

  private final List<String> found = new ArrayList<>();
  private int untold;

  /** Something read from the file that may refuse it. */
  interface Reading<T> {
    T read() throws ScenarioException;
  }

  /** Something checked in the file that may refuse it. */
  interface Check {
    void run() throws ScenarioException;
  }

  /** What {@code reading} answers, or null when it refused the file: its mistakes are kept. */
  <T> @Nullable T read(Reading<T> reading) {
    try {
      return reading.read();
    } catch (ScenarioException e) {
      add(e);
      return null;
    }
  }

  /** Whether {@code check} passed; its mistakes are kept when it did not. */
  boolean check(Check check) {
    try {
      check.run();
      return true;
    } catch (ScenarioException e) {
      add(e);
      return false;
    }
  }

  void add(ScenarioException e) {
    for (String problem : e.problems()) {
      if (found.size() < MAX_TOLD) {
        found.add(problem);
      } else {
        untold++;
      }
    }
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Refuses the file with every mistake found, if any. */
  void throwIfAny() throws ScenarioException {
    if (found.isEmpty()) return;
    List<String> told = new ArrayList<>(found);
    if (untold > 0) told.add("... and " + untold + " more mistakes");
    throw new ScenarioException(told);
  }
}

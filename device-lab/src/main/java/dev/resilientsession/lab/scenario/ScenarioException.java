package dev.resilientsession.lab.scenario;

import java.util.List;

/**
 * A scenario file that cannot be played, said as "file:line: key: what is wrong" before anything
 * starts; one line per mistake when the file has several, every one of them found in one reading.
 * The lab exits 2 with it.
 */
public final class ScenarioException extends Exception {
  private final List<String> problems;

  public ScenarioException(String message) {
    this(List.of(message));
  }

  /** @param problems each mistake, "file:line: key: what is wrong", in the order the file was read */
  public ScenarioException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) throw new IllegalArgumentException("no problem");
    this.problems = List.copyOf(problems);
  }

  /** Every mistake found, one line each. */
  public List<String> problems() {
    return problems;
  }
}

package dev.resilientsession.lab.scenario;

/**
 * A scenario file that cannot be played, said as "file:line: key: what is wrong" before anything
 * starts. The lab exits 2 with it.
 */
public final class ScenarioException extends Exception {
  public ScenarioException(String message) {
    super(message);
  }
}

package dev.resilientsession.lab.fleet;

/**
 * Hears a run as it happens, for a narrated console (the demo) or a live view. Called from the
 * lab's threads; keep it quick. Every method has an empty default.
 */
public interface RunObserver {
  RunObserver NONE = new RunObserver() { };

  /** A device saw something: a call and its outcome, a 401, a recovery, a prompt, a sign-in. */
  default void onDeviceEvent(String deviceId, String kind, String detail) {
  }

  /** A scenario event started, or the gateway said something ({@code who} is "gateway" or "lab"). */
  default void onNote(String who, String text) {
  }

  /**
   * The timeline ended and every call has returned; the devices' sessions are still open, until
   * this returns (a benchmark weighs the fleet's heap here).
   */
  default void onTimelineEnded() {
  }
}

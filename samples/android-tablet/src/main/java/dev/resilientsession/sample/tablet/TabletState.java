package dev.resilientsession.sample.tablet;

import dev.resilientsession.client.SessionState;
import java.util.List;

/** Everything the tablet screen shows, as one immutable value: render it, never edit it. */
final class TabletState {
  private final SessionState status;
  private final boolean busy;
  private final String signInPrompt;
  private final List<String> events;
  private final int calls;
  private final int failedCalls;

  TabletState(SessionState status, boolean busy, String signInPrompt, List<String> events, int calls, int failedCalls) {
    this.status = status;
    this.busy = busy;
    this.signInPrompt = signInPrompt;
    this.events = List.copyOf(events);
    this.calls = calls;
    this.failedCalls = failedCalls;
  }

  SessionState status() {
    return status;
  }

  /** A call or sign-in is running; disable the buttons. */
  boolean busy() {
    return busy;
  }

  /** Why the sign-in form must be shown again, or null when it need not. */
  String signInPrompt() {
    return signInPrompt;
  }

  /** The event log, oldest first, at most the last 100. */
  List<String> events() {
    return events;
  }

  int calls() {
    return calls;
  }

  int failedCalls() {
    return failedCalls;
  }

  @Override public String toString() {
    return "TabletState{" + status + (busy ? ", busy" : "") + (signInPrompt != null ? ", prompt" : "")
        + ", events=" + events.size() + "}";
  }
}

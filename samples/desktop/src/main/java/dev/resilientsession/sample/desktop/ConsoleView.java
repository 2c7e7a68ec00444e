package dev.resilientsession.sample.desktop;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.sample.device.DeviceView;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;

/** A device's screen as console lines: time, device, event. */
final class ConsoleView implements DeviceView {
  private final PrintStream out;
  private final String device;
  private final Clock clock;

  ConsoleView(PrintStream out, String device, Clock clock) {
    this.out = out;
    this.device = device;
    this.clock = clock;
  }

  @Override public void showEvent(String event) {
    print(event);
  }

  @Override public void showStatus(SessionState state) {
    print("status: " + state);
  }

  @Override public void promptSignIn(String reason) {
    print("PROMPTS THE USER TO SIGN IN: " + reason);
  }

  private void print(String line) {
    out.printf("%s  %-8s %s%n", LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()), device, line);
  }
}

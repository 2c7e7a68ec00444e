package dev.resilientsession.demo;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.sample.device.DeviceView;

/** A device's screen, as lines of the timeline. */
final class TimelineView implements DeviceView {
  private final Timeline timeline;
  private final String device;

  TimelineView(Timeline timeline, String device) {
    this.timeline = timeline;
    this.device = device;
  }

  @Override public void showEvent(String event) {
    timeline.record(device, event);
  }

  @Override public void showStatus(SessionState state) {
    timeline.record(device, "status: " + state);
  }

  @Override public void promptSignIn(String reason) {
    timeline.record(device, "PROMPTS THE USER TO SIGN IN: " + reason);
  }
}

package dev.resilientsession.client;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event with the full text of its argument, in order, as an app that logs events would. */
final class RecordingListener implements SessionListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override public void onSignedIn(Set<String> scopes) {
    events.add("signedIn " + scopes);
  }

  @Override public void onTokenRefreshed(Rung rung) {
    events.add("refreshed " + rung);
  }

  @Override public void onSessionDisplaced(String gatewayCode) {
    events.add("displaced " + gatewayCode);
  }

  @Override public void onReauthenticated() {
    events.add("reauthenticated");
  }

  @Override public void onSessionLost(LossReason reason) {
    events.add("lost " + reason);
  }

  @Override public void onSignedOut(SignOutResult result) {
    events.add("signedOut " + result);
  }

  @Override public void onWarning(SessionWarning warning) {
    events.add("warning " + warning);
  }

  long count(String prefix) {
    return events.stream().filter(event -> event.startsWith(prefix)).count();
  }
}

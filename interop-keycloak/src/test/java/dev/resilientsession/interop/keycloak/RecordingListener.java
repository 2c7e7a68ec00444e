package dev.resilientsession.interop.keycloak;

import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.Rung;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SessionWarning;
import dev.resilientsession.client.SignOutResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every event of a session, in order, as an app that logs them would see them. */
final class RecordingListener implements SessionListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override public void onSignedIn(Set<String> scopes) {
    events.add("signedIn");
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
}

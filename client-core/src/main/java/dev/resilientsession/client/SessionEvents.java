package dev.resilientsession.client;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Delivers listener calls on the listener executor; a listener that throws is contained. */
final class SessionEvents {
  private final SessionListener listener;
  private final Executor executor;

  SessionEvents(SessionListener listener, Executor executor) {
    this.listener = listener;
    this.executor = executor;
  }

  void signedIn(Set<String> scopes) {
    deliver(() -> listener.onSignedIn(scopes));
  }

  void tokenRefreshed(Rung rung) {
    deliver(() -> listener.onTokenRefreshed(rung));
  }

  void displaced(String gatewayCode) {
    deliver(() -> listener.onSessionDisplaced(gatewayCode));
  }

  void reauthenticated() {
    deliver(listener::onReauthenticated);
  }

  void lost(LossReason reason) {
    deliver(() -> listener.onSessionLost(reason));
  }

  void signedOut(SignOutResult result) {
    deliver(() -> listener.onSignedOut(result));
  }

  void warning(SessionWarning warning) {
    deliver(() -> listener.onWarning(warning));
  }

  private void deliver(Runnable event) {
    try {
      executor.execute(() -> {
        try {
          event.run();
        } catch (RuntimeException e) {
          // The app's listener failed; the session must not. Nothing to log to: no logging framework.
        }
      });
    } catch (RejectedExecutionException e) {
      // The app shut its executor down; events have nowhere to go.
    }
  }
}

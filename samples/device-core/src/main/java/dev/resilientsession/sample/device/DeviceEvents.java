package dev.resilientsession.sample.device;

import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.Rung;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SessionWarning;
import dev.resilientsession.client.SignOutResult;
import java.util.Objects;
import java.util.Set;

/**
 * A device's {@link SessionListener}: tells the device's screen what its session does and counts it
 * in the device's {@link DeviceStats}. Give it to {@code ResilientSession.Builder.listener}, then to
 * the {@link Device}; the screen attaches itself with {@link Device#showOn}.
 */
public final class DeviceEvents implements SessionListener {
  private static final DeviceView NO_SCREEN = new DeviceView() {
    @Override public void showEvent(String event) {
    }

    @Override public void showStatus(SessionState state) {
    }

    @Override public void promptSignIn(String reason) {
    }
  };

  private final DeviceStats stats;
  private volatile DeviceView view = NO_SCREEN;

  public DeviceEvents(DeviceStats stats) {
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  DeviceStats stats() {
    return stats;
  }

  DeviceView view() {
    return view;
  }

  void showOn(DeviceView view) {
    this.view = Objects.requireNonNull(view, "view");
  }

  /** The user must sign in again, for {@code reason}: counted, and shown. */
  void prompt(String reason) {
    stats.prompts.incrementAndGet();
    view.promptSignIn(reason);
  }

  @Override public void onSignedIn(Set<String> scopes) {
    view.showEvent("signed in, granted scope " + String.join(" ", scopes));
  }

  @Override public void onSessionDisplaced(String gatewayCode) {
    stats.displacements.incrementAndGet();
    view.showEvent("gateway refused the token (" + (gatewayCode != null ? gatewayCode : "401")
        + "): revoked, replaced or expired there");
  }

  @Override public void onTokenRefreshed(Rung rung) {
    stats.silentRecoveries.incrementAndGet();
    if (rung == Rung.PASSWORD_REPLAY) stats.passwordReplays.incrementAndGet();
    view.showEvent(rung == Rung.REFRESH_TOKEN ? "renewed silently with the refresh token"
        : "renewed silently by replaying the password grant from memory");
  }

  @Override public void onSessionLost(LossReason reason) {
    view.showStatus(SessionState.SIGN_IN_REQUIRED);
    prompt("sign-in required: " + reason);
  }

  @Override public void onSignedOut(SignOutResult result) {
    view.showEvent(result.revoked() ? "signed out, token revoked at the gateway"
        : "signed out locally; revocation failed: " + result.failure());
  }

  @Override public void onWarning(SessionWarning warning) {
    view.showEvent("warning: " + warning);
  }
}

package dev.resilientsession.sample.device;

import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.Rung;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SessionWarning;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.SignOutResult;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * One device of the user, in plain Java: the presenter behind the desktop window, the tablet
 * screen and the headless runs. It signs in, calls the orders API through Retrofit and the SDK,
 * signs out, and tells its {@link DeviceView} everything that happens, with counts in {@link #stats()}.
 * Calls block: run them off the UI thread.
 */
public final class Device implements Closeable {
  private final DeviceSettings settings;
  private final DeviceView view;
  private final DeviceStats stats = new DeviceStats();
  private final ResilientSession session;
  private final OrdersApi orders;

  public Device(DeviceSettings settings, DeviceView view) {
    this.settings = settings;
    this.view = view;
    OkHttpClient.Builder base = new OkHttpClient.Builder().addNetworkInterceptor(new TrafficCounter(stats));
    if (settings.trustedCertificatePem() != null) {
      HandshakeCertificates trust = new HandshakeCertificates.Builder()
          .addTrustedCertificate(Certificates.decodeCertificatePem(settings.trustedCertificatePem()))
          .build();
      base.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    OkHttpClient client = base.build();
    this.session = ResilientSession.builder()
        .tokenUrl(settings.gateway().resolve("/oauth2/token"))
        .client(settings.clientId(), settings.clientSecret())
        .deviceIdentity(DeviceIdentity.of(settings.deviceName()))
        .deviceScope(settings.deviceScope())
        .clock(settings.clock())
        .okHttpClient(client)
        // Token requests skip the app's interceptors unless the app says otherwise: TrafficCounter
        // only counts, never reads a body, so it may see them.
        .tokenHttpClient(client)
        .listener(new Listener())
        .listenerExecutor(Runnable::run)
        .build();
    this.orders = new Retrofit.Builder()
        .baseUrl(settings.gateway())
        .client(session.newClient(client))
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);
  }

  public String name() {
    return settings.deviceName();
  }

  public DeviceStats stats() {
    return stats;
  }

  public SessionState state() {
    return session.state();
  }

  /** Signs in; a refusal is shown as a sign-in prompt. Returns whether it worked. */
  public boolean signIn(String username, char[] password) {
    view.showEvent("signs in as " + username + (session.deviceScope() != null ? " with " + session.deviceScope() : ""));
    try {
      session.signIn(username, password);
      view.showStatus(session.state());
      return true;
    } catch (SignInException e) {
      stats.prompts.incrementAndGet();
      view.promptSignIn(e.getMessage());
      return false;
    }
  }

  /** One user call to the orders API. Returns whether the user saw it succeed. */
  public boolean loadOrders() {
    stats.calls.incrementAndGet();
    try {
      Response<Map<String, Object>> response = orders.orders().execute();
      if (response.isSuccessful()) {
        view.showEvent("GET /orders -> " + response.code());
        return true;
      }
      stats.failedCalls.incrementAndGet();
      view.showEvent("GET /orders -> " + response.code() + " (failed)");
      return false;
    } catch (IOException e) {
      stats.failedCalls.incrementAndGet();
      view.showEvent("GET /orders failed: " + e.getClass().getSimpleName());
      return false;
    }
  }

  /** Signs out: revokes this device's token and forgets it. */
  public SignOutResult signOut() {
    view.showEvent("signs out");
    SignOutResult result = session.signOut();
    view.showStatus(session.state());
    return result;
  }

  @Override public void close() {
    session.close();
  }

  @Override public String toString() {
    return "Device{" + settings.deviceName() + ", " + session.state() + "}";
  }

  private final class Listener implements SessionListener {
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
      stats.prompts.incrementAndGet();
      view.showStatus(SessionState.SIGN_IN_REQUIRED);
      view.promptSignIn("sign-in required: " + reason);
    }

    @Override public void onSignedOut(SignOutResult result) {
      view.showEvent(result.revoked() ? "signed out, token revoked at the gateway"
          : "signed out locally; revocation failed: " + result.failure());
    }

    @Override public void onWarning(SessionWarning warning) {
      view.showEvent("warning: " + warning);
    }
  }
}

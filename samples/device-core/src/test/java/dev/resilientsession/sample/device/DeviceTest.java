package dev.resilientsession.sample.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** A sample device's counts are what crossed the wire and what the user saw. */
class DeviceTest {
  @RegisterExtension final MockGatewayExtension gateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private final List<String> screen = new CopyOnWriteArrayList<>();
  private Device device;

  @AfterEach void close() {
    if (device != null) device.close();
  }

  /** The desktop's wiring (DesktopMain), on the embedded gateway. */
  private Device device(String key, String secret) {
    DeviceStats stats = new DeviceStats();
    OkHttpClient http = new OkHttpClient.Builder().addNetworkInterceptor(new TrafficCounter(stats)).build();
    DeviceEvents events = new DeviceEvents(stats);
    ResilientSession session = ResilientSession.builder()
        .tokenUrl(gateway.url("/oauth2/token"))
        .client(key, secret)
        .deviceIdentity(DeviceIdentity.of("tablet"))
        .okHttpClient(http)
        .tokenHttpClient(http)
        .listener(events)
        .listenerExecutor(Runnable::run)
        .build();
    OrdersApi orders = new Retrofit.Builder()
        .baseUrl(gateway.url("/"))
        .client(session.newClient(http))
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);
    device = new Device("tablet", session, orders, events);
    device.showOn(new DeviceView() {
      @Override public void showEvent(String event) {
        screen.add(event);
      }

      @Override public void showStatus(SessionState state) {
        screen.add("status " + state);
      }

      @Override public void promptSignIn(String reason) {
        screen.add("prompt " + reason);
      }
    });
    return device;
  }

  @Test void countsTokenRequests401sAndSilentRecoveries() {
    Device tablet = device(GatewayConfig.DEFAULT_JWT_KEY, GatewayConfig.DEFAULT_JWT_SECRET);
    tablet.signIn("admin", "admin".toCharArray());
    gateway.gateway().revokeAllTokens("admin");

    assertThat(tablet.loadOrders()).isTrue();

    DeviceStats stats = tablet.stats();
    assertThat(stats.calls()).isEqualTo(1);
    assertThat(stats.failedCalls()).isZero();
    assertThat(stats.unauthorized()).isEqualTo(1);
    assertThat(stats.tokenRequests()).as("sign-in and one replay").isEqualTo(2);
    assertThat(stats.displacements()).isEqualTo(1);
    assertThat(stats.silentRecoveries()).isEqualTo(1);
    assertThat(stats.passwordReplays()).isEqualTo(1);
    assertThat(stats.prompts()).isZero();
  }

  @Test void aLostSessionIsOnePromptAndEveryLaterCallFails() {
    Device tablet = device(GatewayConfig.DEFAULT_JWT_KEY, GatewayConfig.DEFAULT_JWT_SECRET);
    tablet.signIn("admin", "admin".toCharArray());
    gateway.gateway().changePassword("admin", "changed");

    assertThat(tablet.loadOrders()).isFalse();
    assertThat(tablet.loadOrders()).isFalse();

    assertThat(tablet.stats().prompts()).isEqualTo(1);
    assertThat(tablet.stats().failedCalls()).isEqualTo(2);
    assertThat(screen).contains("prompt sign-in required: CREDENTIALS_REJECTED");
  }

  @Test void aRejectedClientIsAPromptWithAClearReason() {
    Device tablet = device(GatewayConfig.DEFAULT_JWT_KEY, "wrong-secret");

    assertThat(tablet.signIn("admin", "admin".toCharArray())).isFalse();

    assertThat(screen).anyMatch(line -> line.startsWith("prompt The gateway refused this client"));
    assertThat(String.join("\n", screen)).doesNotContain("wrong-secret").doesNotContain("admin\n");
  }
}

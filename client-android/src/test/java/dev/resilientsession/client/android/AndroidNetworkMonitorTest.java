package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.NetworkInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowNetwork;
import org.robolectric.shadows.ShadowNetworkInfo;

@RunWith(RobolectricTestRunner.class)
public class AndroidNetworkMonitorTest {
  private final ConnectivityManager connectivity =
      (ConnectivityManager) RuntimeEnvironment.getApplication().getSystemService(Context.CONNECTIVITY_SERVICE);
  private final AndroidNetworkMonitor monitor = AndroidNetworkMonitor.create(RuntimeEnvironment.getApplication());

  @After public void close() {
    monitor.close();
  }

  @Test public void aConnectedNetworkIsOnline() throws Exception {
    connect(true);

    assertThat(monitor.isOnline()).isTrue();
    assertThat(monitor.awaitOnline(Duration.ofSeconds(10))).isTrue();
  }

  @Test public void noNetworkIsOffline() throws Exception {
    connect(false);

    assertThat(monitor.isOnline()).isFalse();
    assertThat(monitor.awaitOnline(Duration.ofMillis(20))).as("gives up at the timeout").isFalse();
  }

  @Test public void aWaitEndsWhenANetworkBecomesAvailable() throws Exception {
    connect(false);
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return monitor.awaitOnline(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    connect(true);
    shadowOf(connectivity).getNetworkCallbacks().forEach(callback -> callback.onAvailable(ShadowNetwork.newInstance(1)));

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test public void closingStopsListening() {
    monitor.close();

    assertThat(shadowOf(connectivity).getNetworkCallbacks()).isEmpty();
  }

  private void connect(boolean connected) {
    shadowOf(connectivity).setActiveNetworkInfo(connected
        ? ShadowNetworkInfo.newInstance(NetworkInfo.DetailedState.CONNECTED, ConnectivityManager.TYPE_WIFI, 0, true,
            NetworkInfo.State.CONNECTED)
        : null);
  }
}

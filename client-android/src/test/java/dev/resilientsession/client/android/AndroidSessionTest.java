package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.os.Looper;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SessionWarning;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowLooper;

/** The Android pieces wired into a real session against the mock gateway. */
@RunWith(RobolectricTestRunner.class)
public class AndroidSessionTest {
  private static final String PASSWORD = "p4ssw0rd-that-must-never-be-stored";

  private final Context context = RuntimeEnvironment.getApplication();
  private final JceKeyProvider keys = new JceKeyProvider();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Thread> eventThreads = new CopyOnWriteArrayList<>();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private MockGateway gateway;
  private MockGatewayServer server;

  @Before public void startGateway() throws Exception {
    GatewayConfig config = GatewayConfig.defaults().newBuilder()
        .user(dev.resilientsession.gateway.token.User.of("alice", PASSWORD))
        .build();
    gateway = MockGateway.create(config);
    server = MockGatewayServer.builder(gateway).start();
  }

  @After public void stop() throws Exception {
    background.shutdownNow();
    server.close();
  }

  private ResilientSession session() {
    return ResilientSession.builder()
        .tokenUrl(server.url("/oauth2/token"))
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .deviceIdentity(AndroidDeviceIdentity.create(context, "tablet"))
        .tokenStore(EncryptedTokenStore.create(context, "session_test", keys))
        .listenerExecutor(new MainThreadExecutor())
        .listener(new SessionListener() {
          @Override public void onSignedIn(Set<String> scopes) {
            events.add("signedIn " + scopes);
            eventThreads.add(Thread.currentThread());
          }

          @Override public void onWarning(SessionWarning warning) {
            events.add("warning " + warning);
          }
        })
        .build();
  }

  @Test public void eventsArriveOnTheMainThread() throws Exception {
    ResilientSession session = session();

    background.submit(() -> {
      session.signIn("alice", PASSWORD.toCharArray());
      return null;
    }).get(30, TimeUnit.SECONDS);
    assertThat(events).as("nothing before the main looper runs").isEmpty();
    ShadowLooper.idleMainLooper();

    assertThat(events).hasSize(1);
    assertThat(events.get(0)).startsWith("signedIn [device_tablet_");
    assertThat(eventThreads).containsExactly(Looper.getMainLooper().getThread());
  }

  @Test public void aRestartedAppIsStillSignedInWithoutThePassword() throws Exception {
    session().signIn("alice", PASSWORD.toCharArray());

    ResilientSession afterRestart = session();

    assertThat(afterRestart.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test public void thePasswordNeverReachesDisk() throws Exception {
    session().signIn("alice", PASSWORD.toCharArray());

    File preferencesDirectory = new File(context.getApplicationInfo().dataDir, "shared_prefs");
    File[] files = preferencesDirectory.listFiles();
    assertThat(files).isNotEmpty();
    for (File file : files) {
      assertThat(Files.readString(file.toPath(), StandardCharsets.UTF_8)).as(file.getName()).doesNotContain(PASSWORD);
    }
    assertThat(String.valueOf(context.getSharedPreferences("session_test", Context.MODE_PRIVATE).getAll()))
        .doesNotContain(PASSWORD);
  }

  @Test public void anUndecryptableStoreStartsSignedOutInsteadOfCrashing() throws Exception {
    session().signIn("alice", PASSWORD.toCharArray());
    keys.delete(); // as when a lock-screen change invalidates the key

    ResilientSession afterKeyLoss = session();
    ShadowLooper.idleMainLooper();

    assertThat(afterKeyLoss.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(events).contains("warning TOKEN_STORE_FAILED");
    assertThat(context.getSharedPreferences("session_test", Context.MODE_PRIVATE).getAll()).isEmpty();
  }
}

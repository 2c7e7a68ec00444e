package dev.resilientsession.sample.tablet;

import android.app.Activity;
import android.content.Intent;
import android.graphics.Typeface;
import android.os.Bundle;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.android.AndroidDeviceIdentity;
import dev.resilientsession.client.android.AndroidKeyStoreKeyProvider;
import dev.resilientsession.client.android.AndroidNetworkMonitor;
import dev.resilientsession.client.android.EncryptedTokenStore;
import dev.resilientsession.client.android.MainThreadExecutor;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceEvents;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.OrdersApi;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The tablet screen: sign-in, load orders, status, event log, sign-out. {@link #onCreate} is the
 * whole SDK wiring of an Android app: the device identity, the encrypted token store, events on the
 * main thread, the network monitor, OkHttp and Retrofit. Network work runs on a background thread.
 * The gateway and the application come as intent extras; the app's manifest needs the {@code
 * INTERNET} and {@code ACCESS_NETWORK_STATE} permissions.
 */
public final class TabletActivity extends Activity {
  public static final String EXTRA_GATEWAY = "gateway";
  public static final String EXTRA_CLIENT_ID = "client_id";
  public static final String EXTRA_CLIENT_SECRET = "client_secret";
  /** false shares the token with the user's other devices; true (the default) requests device_<id>. */
  public static final String EXTRA_DEVICE_SCOPE = "device_scope";

  private AndroidNetworkMonitor network;
  private ExecutorService background;
  private TabletPresenter presenter;
  EditText username;
  EditText password;
  Button signIn;
  Button loadOrders;
  Button signOut;
  TextView status;
  TextView prompt;
  TextView log;

  @Override protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(layout());
    Intent intent = getIntent();
    HttpUrl gateway = HttpUrl.parse(String.valueOf(intent.getStringExtra(EXTRA_GATEWAY)));
    if (gateway == null) {
      status.setText("No gateway: start this screen with the \"" + EXTRA_GATEWAY + "\" extra");
      signIn.setEnabled(false);
      return;
    }

    DeviceEvents events = new DeviceEvents(new DeviceStats()); // tells the screen what the session does
    network = AndroidNetworkMonitor.create(this);
    OkHttpClient http = new OkHttpClient(); // an app makes one and shares it across its screens
    ResilientSession session = ResilientSession.builder()
        .tokenUrl(gateway.resolve("/oauth2/token"))
        .client(intent.getStringExtra(EXTRA_CLIENT_ID), intent.getStringExtra(EXTRA_CLIENT_SECRET))
        // device_tablet_3f2a9c: a token of this install's own, its suffix made once and kept
        .deviceIdentity(AndroidDeviceIdentity.create(this, "tablet"))
        .deviceScope(intent.getBooleanExtra(EXTRA_DEVICE_SCOPE, true))
        // The tokens outlive the screen, encrypted under a key that never leaves the AndroidKeyStore (API 23+).
        .tokenStore(EncryptedTokenStore.create(this, "tablet_session",
            new AndroidKeyStoreKeyProvider("tablet-session-tokens")))
        .networkMonitor(network) // offline, token requests wait for a network instead of failing
        .okHttpClient(http)
        .listener(events)
        .listenerExecutor(new MainThreadExecutor()) // events may touch views
        .build();

    OrdersApi orders = new Retrofit.Builder()
        .baseUrl(gateway)
        .client(session.newClient(http)) // calls carry the user's token and recover from 401s
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);

    background = Executors.newSingleThreadExecutor();
    // runOnUiThread runs at once on the main thread, so events keep their order with the device's own.
    presenter = new TabletPresenter(new Device("tablet", session, orders, events), background, this::runOnUiThread,
        this::render);
    signIn.setOnClickListener(view -> {
      char[] typed = new char[password.length()];
      password.getText().getChars(0, typed.length, typed, 0);
      password.setText("");
      presenter.onSignInClicked(username.getText().toString(), typed);
    });
    loadOrders.setOnClickListener(view -> presenter.onLoadOrdersClicked());
    signOut.setOnClickListener(view -> presenter.onSignOutClicked());
    render(presenter.state());
  }

  @Override protected void onDestroy() {
    if (presenter != null) presenter.close();
    if (background != null) background.shutdown();
    if (network != null) network.close();
    super.onDestroy();
  }

  /** Waits, at most 30 s, until the background work queued so far is done; for tests. */
  void awaitBackgroundWork() throws Exception {
    background.submit(() -> { }).get(30, TimeUnit.SECONDS);
  }

  private void render(TabletState state) {
    status.setText("Session: " + state.status() + "   calls " + state.calls() + ", failed " + state.failedCalls());
    boolean signedIn = state.status() == SessionState.SIGNED_IN;
    signIn.setEnabled(!state.busy());
    loadOrders.setEnabled(!state.busy() && signedIn);
    signOut.setEnabled(!state.busy() && signedIn);
    prompt.setVisibility(state.signInPrompt() != null ? View.VISIBLE : View.GONE);
    prompt.setText(state.signInPrompt() != null ? "Please sign in again: " + state.signInPrompt() : "");
    log.setText(String.join("\n", state.events()));
  }

  private View layout() {
    LinearLayout column = new LinearLayout(this);
    column.setOrientation(LinearLayout.VERTICAL);
    username = new EditText(this);
    username.setHint("User");
    password = new EditText(this);
    password.setHint("Password");
    password.setInputType(InputType.TYPE_CLASS_TEXT | InputType.TYPE_TEXT_VARIATION_PASSWORD);
    signIn = button("Sign in");
    loadOrders = button("Load orders");
    signOut = button("Sign out");
    status = new TextView(this);
    status.setTypeface(Typeface.DEFAULT_BOLD);
    prompt = new TextView(this);
    prompt.setVisibility(View.GONE);
    log = new TextView(this);
    log.setTypeface(Typeface.MONOSPACE);
    ScrollView scroll = new ScrollView(this);
    scroll.addView(log);
    for (View view : new View[] {username, password, signIn, loadOrders, signOut, status, prompt, scroll}) {
      column.addView(view);
    }
    return column;
  }

  private Button button(String label) {
    Button button = new Button(this);
    button.setText(label);
    return button;
  }
}

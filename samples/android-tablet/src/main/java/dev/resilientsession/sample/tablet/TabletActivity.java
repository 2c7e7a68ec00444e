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
import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.android.AndroidDeviceIdentity;
import dev.resilientsession.client.android.AndroidKeyStoreKeyProvider;
import dev.resilientsession.client.android.AndroidNetworkMonitor;
import dev.resilientsession.client.android.BrowserSignIn;
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
 * The tablet screen: sign-in with a password or in the browser, load orders, status, event log,
 * sign-out. {@link #onCreate} is the whole SDK wiring of an Android app: the device identity, the
 * encrypted token store, events on the main thread, the network monitor, OkHttp and Retrofit; the
 * browser sign-in is the button's listener and {@link #onActivityResult}. Network work runs on a
 * background thread. The gateway and the application come as intent extras.
 *
 * <p>The app's manifest needs the {@code INTERNET} and {@code ACCESS_NETWORK_STATE} permissions,
 * and for the browser sign-in declares client-android's {@code BrowserSignInActivity} and {@code
 * RedirectReceiverActivity}, the latter for the scheme of {@link #REDIRECT_URI}: see this
 * sample's {@code AndroidManifest.xml}.
 */
public final class TabletActivity extends Activity {
  public static final String EXTRA_GATEWAY = "gateway";
  /** The application's consumer key; {@code public-client}, the mock gateway's public application, by default. */
  public static final String EXTRA_CLIENT_ID = "client_id";
  /** Only for a confidential application, which signs in with a password only; a public one has none. */
  public static final String EXTRA_CLIENT_SECRET = "client_secret";
  /** false shares the token with the user's other devices; true (the default) requests device_<id>. */
  public static final String EXTRA_DEVICE_SCOPE = "device_scope";
  /** The mock gateway's public application: an app on users' devices keeps no secret. */
  static final String PUBLIC_CLIENT_ID = "public-client";
  /** Where the browser comes back: registered for the application, its scheme claimed in the manifest. */
  static final String REDIRECT_URI = "dev.resilientsession.sample:/callback";
  static final int BROWSER_SIGN_IN = 1;

  private AndroidNetworkMonitor network;
  private ExecutorService background;
  private TabletPresenter presenter;
  EditText username;
  EditText password;
  Button signIn;
  Button signInInBrowser;
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
      signInInBrowser.setEnabled(false);
      return;
    }

    DeviceEvents events = new DeviceEvents(new DeviceStats()); // tells the screen what the session does
    network = AndroidNetworkMonitor.create(this);
    OkHttpClient http = new OkHttpClient(); // an app makes one and shares it across its screens
    String clientId = intent.hasExtra(EXTRA_CLIENT_ID) ? intent.getStringExtra(EXTRA_CLIENT_ID) : PUBLIC_CLIENT_ID;
    String clientSecret = intent.getStringExtra(EXTRA_CLIENT_SECRET);
    ResilientSession.Builder builder = ResilientSession.builder().tokenUrl(gateway.resolve("/oauth2/token"));
    if (clientSecret != null) {
      builder.client(clientId, clientSecret); // a confidential application: its secret goes with every token request
    } else {
      builder.publicClient(clientId); // an app in users' hands keeps no secret; PKCE guards its browser sign-in
    }
    ResilientSession session = builder
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
    // Step 1 of a browser sign-in: a new request, opened in the browser (step 2); onActivityResult is step 3.
    signInInBrowser.setOnClickListener(view -> {
      AuthorizationRequest request = presenter.onBrowserSignInClicked(REDIRECT_URI);
      startActivityForResult(BrowserSignIn.intent(this, request), BROWSER_SIGN_IN);
    });
    loadOrders.setOnClickListener(view -> presenter.onLoadOrdersClicked());
    signOut.setOnClickListener(view -> presenter.onSignOutClicked());
    render(presenter.state());
  }

  /**
   * Step 3 of a browser sign-in: the browser came back, or the user left it. The result carries the
   * request, so this works on a screen recreated after Android killed the app meanwhile.
   */
  @Override protected void onActivityResult(int requestCode, int resultCode, Intent data) {
    if (requestCode != BROWSER_SIGN_IN || presenter == null) return;
    try {
      BrowserSignIn signIn = BrowserSignIn.fromResult(resultCode, data);
      presenter.onBrowserRedirect(signIn.request(), signIn.redirect()); // exchanges the code on the background thread
    } catch (SignInException cancelled) {
      presenter.onBrowserSignInFailed(cancelled);
    }
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
    signInInBrowser.setEnabled(!state.busy());
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
    signInInBrowser = button("Sign in in the browser");
    LinearLayout signInButtons = new LinearLayout(this);
    signInButtons.addView(signIn);
    signInButtons.addView(signInInBrowser);
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
    for (View view : new View[] {username, password, signInButtons, loadOrders, signOut, status, prompt, scroll}) {
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

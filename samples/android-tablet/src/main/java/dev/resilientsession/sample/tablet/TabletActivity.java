package dev.resilientsession.sample.tablet;

import android.app.Activity;
import android.graphics.Typeface;
import android.os.Bundle;
import android.text.InputType;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import dev.resilientsession.client.android.AndroidDeviceIdentity;
import dev.resilientsession.client.android.MainThreadExecutor;
import dev.resilientsession.sample.device.DeviceSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.HttpUrl;

/**
 * The tablet screen: sign-in, load orders, status, event log, sign-out, bound to a
 * {@link TabletPresenter}. Network work runs on a background thread; the presenter's states arrive
 * on the main thread. The gateway and the application come as intent extras.
 */
public final class TabletActivity extends Activity {
  public static final String EXTRA_GATEWAY = "gateway";
  public static final String EXTRA_CLIENT_ID = "client_id";
  public static final String EXTRA_CLIENT_SECRET = "client_secret";
  /** false shares the token with the user's other devices; true (the default) requests device_<id>. */
  public static final String EXTRA_DEVICE_SCOPE = "device_scope";

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
    HttpUrl gateway = HttpUrl.parse(String.valueOf(getIntent().getStringExtra(EXTRA_GATEWAY)));
    if (gateway == null) {
      status.setText("No gateway: start this screen with the \"" + EXTRA_GATEWAY + "\" extra");
      signIn.setEnabled(false);
      return;
    }
    DeviceSettings settings = DeviceSettings.builder()
        .gateway(gateway)
        .client(getIntent().getStringExtra(EXTRA_CLIENT_ID), getIntent().getStringExtra(EXTRA_CLIENT_SECRET))
        .deviceName(AndroidDeviceIdentity.create(this, "tablet").deviceId())
        .deviceScope(getIntent().getBooleanExtra(EXTRA_DEVICE_SCOPE, true))
        .build();
    background = Executors.newSingleThreadExecutor();
    presenter = new TabletPresenter(settings, background, new MainThreadExecutor(), this::render);
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
    super.onDestroy();
  }

  /** Waits, at most 30 s, until the background work queued so far is done; for tests. */
  void awaitBackgroundWork() throws Exception {
    background.submit(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private void render(TabletState state) {
    status.setText("Session: " + state.status() + "   calls " + state.calls() + ", failed " + state.failedCalls());
    boolean signedIn = state.status() == dev.resilientsession.client.SessionState.SIGNED_IN;
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

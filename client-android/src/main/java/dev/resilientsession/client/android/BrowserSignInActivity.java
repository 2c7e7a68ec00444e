package dev.resilientsession.client.android;

import android.app.Activity;
import android.content.ActivityNotFoundException;
import android.content.Intent;
import android.net.Uri;
import android.os.Bundle;
import dev.resilientsession.client.AuthorizationRequest;
import org.jspecify.annotations.Nullable;

/**
 * Runs one browser sign-in started with {@link BrowserSignIn#intent}: opens the authorization URL
 * in the browser and stays beneath it. When the browser comes back to the redirect URI ({@link
 * RedirectReceiverActivity} forwards it here) it finishes with {@code RESULT_OK}, the redirect and
 * the request; when the user comes back without one (closed the tab, pressed back) it finishes
 * cancelled. The request lives only in the intents and in this activity's saved instance state, so
 * a sign-in survives the app's process being killed while the user is in the browser.
 *
 * <p>The app declares it, not exported, in its manifest: see {@link BrowserSignIn}. Modelled on
 * AppAuth's {@code AuthorizationManagementActivity}.
 */
public final class BrowserSignInActivity extends Activity {
  private static final String KEY_BROWSER_OPENED = "browser_opened";

  private AuthorizationRequest request;
  private boolean browserOpened;

  @Override protected void onCreate(@Nullable Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    Bundle state = savedInstanceState != null ? savedInstanceState : getIntent().getExtras();
    String encoded = state != null ? state.getString(BrowserSignIn.EXTRA_REQUEST) : null;
    if (encoded == null) {
      finish(); // a redirect with no sign-in under way, such as a stale link: there is no one to answer
      return;
    }
    request = AuthorizationRequest.decode(encoded);
    browserOpened = state.getBoolean(KEY_BROWSER_OPENED);
  }

  @Override protected void onNewIntent(Intent intent) {
    super.onNewIntent(intent);
    setIntent(intent);
  }

  @Override protected void onResume() {
    super.onResume();
    if (request == null) return;
    if (!browserOpened) {
      try {
        startActivity(BrowserIntent.forUrl(getPackageManager(), Uri.parse(request.url())));
        browserOpened = true;
      } catch (ActivityNotFoundException e) {
        answer(RESULT_CANCELED, new Intent().putExtra(BrowserSignIn.EXTRA_NO_BROWSER, true));
      }
      return;
    }
    // Back from the browser: with the redirect, or because the user closed it.
    Uri redirect = getIntent().getData();
    if (redirect != null) {
      answer(RESULT_OK, new Intent()
          .putExtra(BrowserSignIn.EXTRA_REQUEST, request.encode())
          .putExtra(BrowserSignIn.EXTRA_REDIRECT, redirect.toString()));
    } else {
      answer(RESULT_CANCELED, new Intent());
    }
  }

  @Override protected void onSaveInstanceState(Bundle outState) {
    super.onSaveInstanceState(outState);
    if (request == null) return;
    outState.putString(BrowserSignIn.EXTRA_REQUEST, request.encode());
    outState.putBoolean(KEY_BROWSER_OPENED, browserOpened);
  }

  private void answer(int resultCode, Intent data) {
    setResult(resultCode, data);
    request = null;
    finish();
  }
}

package dev.resilientsession.client.android;

import android.app.Activity;
import android.content.Intent;
import android.net.Uri;
import android.os.Bundle;
import org.jspecify.annotations.Nullable;

/**
 * Where the browser comes back: the app's redirect URI (a private-use scheme such as {@code
 * com.example.app:/callback}) opens this activity, which hands the redirect to the {@link
 * BrowserSignInActivity} waiting beneath the browser and finishes. Bringing that activity back to
 * the top closes a Custom Tab. The app declares it, exported, with an intent filter for its
 * scheme: see {@link BrowserSignIn}. Modelled on AppAuth's {@code RedirectUriReceiverActivity}.
 *
 * <p>Any app can open this activity with any URI; the session checks that a redirect answers its
 * own request ({@code state}), so a forged one fails as {@code STATE_MISMATCH}.
 */
public final class RedirectReceiverActivity extends Activity {
  @Override protected void onCreate(@Nullable Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    Uri redirect = getIntent().getData();
    if (redirect != null) {
      // Only the URI goes on: nothing else of what the sender put in its intent.
      startActivity(new Intent(this, BrowserSignInActivity.class)
          .setData(redirect)
          .addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP | Intent.FLAG_ACTIVITY_SINGLE_TOP));
    }
    finish();
  }
}

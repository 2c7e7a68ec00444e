package dev.resilientsession.client.android;

import android.app.Activity;
import android.content.Context;
import android.content.Intent;
import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.SignInException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A browser sign-in on Android, without AndroidX: {@link #intent} starts it in the user's browser
 * (a Custom Tab when the browser offers them), and {@link #fromResult} reads how it ended: the
 * request and the redirect to hand to {@code ResilientSession.completeSignIn}, or a cancelled
 * {@link SignInException}. The result carries the request, so an app whose process was killed
 * while the user was in the browser still completes the sign-in, with a new session.
 *
 * <pre>{@code
 * AuthorizationRequest request = session.authorizationRequest("com.example.app:/callback");
 * startActivityForResult(BrowserSignIn.intent(this, request), SIGN_IN);
 *
 * // in onActivityResult(requestCode, resultCode, data), for requestCode SIGN_IN:
 * try {
 *   BrowserSignIn signIn = BrowserSignIn.fromResult(resultCode, data);
 *   background.submit(() -> {   // ExecutorService; completeSignIn blocks and throws SignInException
 *     session.completeSignIn(signIn.request(), signIn.redirect());
 *     return null;
 *   });
 * } catch (SignInException cancelled) {
 *   showSignInScreen(cancelled.getMessage());
 * }
 * }</pre>
 *
 * <p>This library is a jar, so nothing is merged into the app's manifest: the app declares the two
 * activities, the redirect receiver with its own scheme, and on API 30+ the {@code <queries>}
 * that let it see the default browser and its Custom Tabs (without them it opens a plain browser
 * page):
 *
 * <pre>{@code
 * <activity android:name="dev.resilientsession.client.android.BrowserSignInActivity"
 *     android:exported="false"
 *     android:launchMode="singleTask"
 *     android:theme="@android:style/Theme.Translucent.NoTitleBar"
 *     android:configChanges="screenSize|smallestScreenSize|screenLayout|orientation|keyboard|keyboardHidden" />
 * <activity android:name="dev.resilientsession.client.android.RedirectReceiverActivity"
 *     android:exported="true"
 *     android:theme="@android:style/Theme.Translucent.NoTitleBar">
 *   <intent-filter>
 *     <action android:name="android.intent.action.VIEW" />
 *     <category android:name="android.intent.category.DEFAULT" />
 *     <category android:name="android.intent.category.BROWSABLE" />
 *     <data android:scheme="com.example.app" />
 *   </intent-filter>
 * </activity>
 *
 * <queries>
 *   <intent>
 *     <action android:name="android.intent.action.VIEW" />
 *     <category android:name="android.intent.category.BROWSABLE" />
 *     <data android:scheme="http" />
 *   </intent>
 *   <intent>
 *     <action android:name="android.support.customtabs.action.CustomTabsService" />
 *   </intent>
 * </queries>
 * }</pre>
 *
 * {@code singleTask} lets the redirect come back to the sign-in beneath the browser and close the
 * Custom Tab above it. {@link #toString()} shows neither the redirect's code nor the verifier.
 */
public final class BrowserSignIn {
  static final String EXTRA_REQUEST = "dev.resilientsession.client.android.REQUEST";
  static final String EXTRA_REDIRECT = "dev.resilientsession.client.android.REDIRECT";
  static final String EXTRA_NO_BROWSER = "dev.resilientsession.client.android.NO_BROWSER";

  private final AuthorizationRequest request;
  private final String redirect;

  private BrowserSignIn(AuthorizationRequest request, String redirect) {
    this.request = request;
    this.redirect = redirect;
  }

  /** Starts {@code request} in the browser: pass it to {@code startActivityForResult}. */
  public static Intent intent(Context context, AuthorizationRequest request) {
    Objects.requireNonNull(request, "request");
    return new Intent(context, BrowserSignInActivity.class).putExtra(EXTRA_REQUEST, request.encode());
  }

  /**
   * How the sign-in started with {@link #intent} ended, from {@code onActivityResult}.
   *
   * @throws SignInException {@link SignInException.Reason#CANCELLED CANCELLED} when the user came
   *     back without signing in, or no browser is installed.
   * @throws IllegalArgumentException for a result that is not this sign-in's.
   */
  public static BrowserSignIn fromResult(int resultCode, @Nullable Intent data) throws SignInException {
    if (resultCode == Activity.RESULT_CANCELED) {
      if (data != null && data.getBooleanExtra(EXTRA_NO_BROWSER, false)) {
        throw SignInException.cancelled("No browser is installed to sign in with");
      }
      throw SignInException.cancelled("The sign-in in the browser was cancelled");
    }
    String request = data != null ? data.getStringExtra(EXTRA_REQUEST) : null;
    String redirect = data != null ? data.getStringExtra(EXTRA_REDIRECT) : null;
    if (resultCode != Activity.RESULT_OK || request == null || redirect == null) {
      throw new IllegalArgumentException("not the result of a BrowserSignIn intent");
    }
    return new BrowserSignIn(AuthorizationRequest.decode(request), redirect);
  }

  /** The sign-in's request, as made before the browser opened. */
  public AuthorizationRequest request() {
    return request;
  }

  /** The URI the browser came back to, with {@code code} and {@code state}, or {@code error}. */
  public String redirect() {
    return redirect;
  }

  @Override public String toString() {
    return "BrowserSignIn{" + request + "}";
  }
}

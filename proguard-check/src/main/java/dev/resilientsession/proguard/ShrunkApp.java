package dev.resilientsession.proguard;

import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.Rung;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.SignOutResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A tiny app that uses the SDK as an Android app would, through its public API only. It is shrunk and
 * obfuscated together with the SDK and its libraries (ProGuard, with only the consumer rules the jars
 * ship and a -keep for this class), then run against a mock gateway that someone else started:
 *
 * <ol>
 *   <li>the tablet signs in (password grant: Retrofit's {@code TokenApi.token}, Moshi reads {@code TokenJson});
 *   <li>one API call with its token;
 *   <li>the desktop signs in with the same OPAQUE application and user, so the gateway hands it the
 *       tablet's token, and signs out, which revokes that token ({@code TokenApi.revoke});
 *   <li>the tablet's next API call gets a 401 and must recover silently: a refused refresh (Moshi reads
 *       the error body) and the password replayed from memory.
 * </ol>
 *
 * <p>Usage: {@code java -jar shrunk.jar <gateway base URL>}. Prints one {@code key=value} line per step
 * and a final {@code shrunk-app result=pass|fail ...} line; exits 0 only when every step held.
 */
public final class ShrunkApp {
  private static final String CLIENT_ID = "opaque-client";
  private static final String CLIENT_SECRET = "opaque-client-secret";

  private ShrunkApp() {
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ShrunkApp <gateway base URL, such as http://127.0.0.1:8080/>");
      System.exit(2);
    }
    int status;
    try {
      status = run(HttpUrl.get(args[0]));
    } catch (Throwable t) {
      // A shrinking mistake shows here: the exception's class and message name what was removed.
      System.out.println("shrunk-app result=fail exception=" + t);
      t.printStackTrace(System.out);
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }

  private static int run(HttpUrl gateway) throws IOException {
    HttpUrl tokenUrl = gateway.resolve("/oauth2/token");
    HttpUrl orders = gateway.resolve("/orders");
    Events tabletEvents = new Events();
    ResilientSession tablet = session(tokenUrl, tabletEvents);
    ResilientSession desktop = session(tokenUrl, new Events());

    try {
      tablet.signIn("admin", "admin".toCharArray());
    } catch (SignInException e) {
      System.out.println("sign_in=failed reason=" + e.reason() + " message=" + e.getMessage());
      System.out.println("shrunk-app result=fail step=sign_in");
      return 1;
    }
    System.out.println("sign_in=ok state=" + tablet.state());

    OkHttpClient api = tablet.newClient(new OkHttpClient());
    int first = call(api, orders);
    System.out.println("first_call=" + first);
    if (first != 200) {
      System.out.println("shrunk-app result=fail step=first_call");
      return 1;
    }

    try {
      desktop.signIn("admin", "admin".toCharArray());
    } catch (SignInException e) {
      System.out.println("other_device_sign_in=failed reason=" + e.reason());
      System.out.println("shrunk-app result=fail step=other_device_sign_in");
      return 1;
    }
    SignOutResult signOut = desktop.signOut();
    System.out.println("other_device_sign_out=" + signOut);
    if (!signOut.revoked()) {
      System.out.println("shrunk-app result=fail step=other_device_sign_out");
      return 1;
    }

    int second = call(api, orders);
    boolean displaced = tabletEvents.has("displaced");
    boolean recovered = tabletEvents.hasPrefix("refreshed:") || tabletEvents.has("reauthenticated");
    boolean lost = tabletEvents.hasPrefix("lost");
    System.out.println("second_call=" + second + " displaced=" + displaced + " recovered=" + recovered
        + " session_lost=" + lost + " events=" + tabletEvents);
    tablet.close();
    if (second != 200 || !displaced || !recovered || lost) {
      System.out.println("shrunk-app result=fail step=recovery");
      return 1;
    }
    System.out.println("shrunk-app result=pass sign_in=ok recovery=ok");
    return 0;
  }

  private static ResilientSession session(HttpUrl tokenUrl, Events events) {
    return ResilientSession.builder()
        .tokenUrl(tokenUrl)
        .client(CLIENT_ID, CLIENT_SECRET)
        // No device scope: both "devices" get the one OPAQUE token, so the desktop's sign-out revokes
        // the tablet's token too (the README's scenario 1).
        .deviceScope(false)
        .listener(events)
        .listenerExecutor(Runnable::run)
        .build();
  }

  private static int call(OkHttpClient client, HttpUrl url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    }
  }

  /** The session's events in order, as words. */
  private static final class Events implements SessionListener {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Override public void onSignedIn(Set<String> scopes) {
      seen.add("signed_in");
    }

    @Override public void onTokenRefreshed(Rung rung) {
      seen.add("refreshed:" + rung);
    }

    @Override public void onSessionDisplaced(String gatewayCode) {
      seen.add("displaced");
    }

    @Override public void onReauthenticated() {
      seen.add("reauthenticated");
    }

    @Override public void onSessionLost(LossReason reason) {
      seen.add("lost:" + reason);
    }

    @Override public void onSignedOut(SignOutResult result) {
      seen.add("signed_out");
    }

    boolean has(String event) {
      return seen.contains(event);
    }

    boolean hasPrefix(String prefix) {
      return seen.stream().anyMatch(e -> e.startsWith(prefix));
    }

    @Override public String toString() {
      return String.join(",", seen);
    }
  }
}

package dev.resilientsession.lab.fleet;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.InMemoryTokenStore;
import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.Rung;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SessionWarning;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.SignOutResult;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.GroupSpec.SignInFlow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One simulated device, wired as an app would wire the SDK: its own {@link ResilientSession}, with
 * its own {@link DeviceIdentity} and token store, on a client derived from the fleet's shared one
 * (one connection pool, one dispatcher). Everything it learns comes through the SDK's public API:
 * the listener, the session's state, and interceptors on its own clients.
 *
 * <p>A device of a browser group has a browser of its own too (its own cookies, so its own single
 * sign-on session), on the shared client's connection pool: a robot user at it types the password
 * into the gateway's login page, and the browser's redirect back to the app completes the sign-in.
 */
final class SimulatedDevice {
  final DeviceLog log;
  final int userPosition;
  final String user;
  final GroupSpec group;
  /** Which of its user's devices of the group this is, from 1. */
  final int ordinal;
  private final ResilientSession session;
  private final OkHttpClient client;
  private final OfflineSwitch network = new OfflineSwitch();
  private final HttpUrl callUrl;
  private final InFlight inFlight;
  private final @Nullable BrowserRobot browser;
  private final String redirectUri;
  private final List<String> scopes;
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean signingOut;
  private volatile boolean askedToSignIn;
  private volatile @Nullable String signInProblem;
  private volatile Set<String> grantedScopes = Set.of();

  SimulatedDevice(DeviceLog log, int userPosition, String user, String deviceName, GroupSpec group, int ordinal,
      ApplicationSpec application, Fleet.Wiring wiring) {
    this.log = log;
    this.ordinal = ordinal;
    this.userPosition = userPosition;
    this.user = user;
    this.group = group;
    this.inFlight = wiring.inFlight();
    Endpoints endpoints = wiring.endpoints();
    this.callUrl = endpoints.api().resolve(group.callPath().substring(1));
    TokenTraffic tokenTraffic = new TokenTraffic(log);
    ResilientSession.Builder builder = ResilientSession.builder()
        .tokenUrl(endpoints.token())
        .apiHosts(callUrl.host())
        .scopes(application.scopes().toArray(new String[0]));
    if (endpoints.revoke() != null) builder.revokeUrl(endpoints.revoke());
    if (endpoints.authorization() != null) builder.authorizationUrl(endpoints.authorization().toString());
    if (application.publicClient()) {
      builder.publicClient(application.consumerKey());
    } else {
      builder.client(application.consumerKey(), application.consumerSecret());
    }
    this.session = builder
        .deviceIdentity(DeviceIdentity.of(deviceName))
        .deviceScope(group.deviceScope())
        .passwordReplay(group.passwordReplay())
        .tokenStore(new InMemoryTokenStore())
        .clock(wiring.clock())
        .listener(new Listener())
        .listenerExecutor(Runnable::run)
        .networkMonitor(network)
        .tokenHttpClient(wiring.shared().newBuilder()
            .addInterceptor(network)
            .addInterceptor(tokenTraffic.device)
            .addNetworkInterceptor(tokenTraffic.network)
            .build())
        .build();
    this.client = session.newClient(wiring.shared().newBuilder()
        .addInterceptor(network)
        .addNetworkInterceptor(CallTrace.UNAUTHORIZED_MARKER)
        .build());
    this.browser = group.signInFlow() == SignInFlow.BROWSER
        ? BrowserRobot.create(wiring.shared().newBuilder().addInterceptor(network).build()) : null;
    this.redirectUri = application.redirectUri();
    this.scopes = application.scopes();
  }

  boolean isSignedIn() {
    return !signingOut && session.state() == SessionState.SIGNED_IN;
  }

  /**
   * Signs in on the calling thread, with the password grant or in the browser, as the group says; a
   * failure is logged, as the app would show it. A browser sign-in the user could not complete (the
   * login page refused the password, the user declined or left) is a prompt: the app asks again.
   *
   * @return null when signed in; otherwise why not, such as "sign-in failed: invalid_credentials
   *     (invalid_grant): Wrong username or password"
   */
  @Nullable String signIn(char[] password) {
    signingOut = false;
    askedToSignIn = true;
    String problem;
    try {
      problem = browser != null ? signInInTheBrowser(browser, password) : signInWithThePassword(password);
    } catch (SignInException e) {
      String reason = e.reason().name().toLowerCase(Locale.ROOT);
      if (e.reason() == SignInException.Reason.ACCESS_DENIED || e.reason() == SignInException.Reason.CANCELLED) {
        problem = "the browser sign-in ended without a code: " + reason;
        log.prompted(problem);
      } else {
        String why = reason + (e.oauthError() == null ? "" : " (" + e.oauthError() + ")");
        log.signInFailed(why);
        boolean deviceScopeRefused = "invalid_scope".equals(e.oauthError()) && session.deviceScope() != null;
        problem = "sign-in failed: " + why + ": " + e.getMessage() + (deviceScopeRefused
            ? " (device_ scopes are WSO2's: set device_scope = false on the application or the group)" : "");
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    if (problem != null) signInProblem = problem;
    return problem;
  }

  private @Nullable String signInWithThePassword(char[] password) throws SignInException {
    session.signIn(user, password);
    return null;
  }

  /** The browser flow's three steps: the request, the user at the browser, the redirect back to the app. */
  private @Nullable String signInInTheBrowser(BrowserRobot browser, char[] password) throws SignInException {
    AuthorizationRequest request = session.authorizationRequest(redirectUri);
    String redirect;
    try {
      redirect = browser.signIn(request.url(), user, new String(password));
    } catch (BrowserRobot.SignInRefused e) {
      String problem = "the browser sign-in was refused: " + e.getMessage();
      log.prompted(problem);
      return problem;
    } catch (IOException e) {
      String problem = "the browser could not reach the gateway: " + e.getMessage();
      log.signInFailed(problem);
      return "sign-in failed: " + problem;
    }
    log.note("browser", "back at the app with a code");
    session.completeSignIn(request, redirect);
    return null;
  }

  /** Whether the scenario had this device sign in, whatever came of it. */
  boolean askedToSignIn() {
    return askedToSignIn;
  }

  /** Why its last sign-in that did not succeed did not, or null when none failed. */
  @Nullable String signInProblem() {
    return signInProblem;
  }

  /** As an app does: its screen's calls are cancelled, then the session signs out. */
  SignOutResult signOut() {
    signingOut = true;
    for (Call call : calls) call.cancel();
    return session.signOut();
  }

  /** The scopes the token endpoint said it granted at the last sign-in; empty when it did not say. */
  Set<String> grantedScopes() {
    return grantedScopes;
  }

  /** The scopes the session asks for, its device scope included. */
  List<String> scopesAsked() {
    String device = session.deviceScope();
    if (device == null) return scopes;
    List<String> asked = new ArrayList<>(scopes);
    asked.add(device);
    return asked;
  }

  /** The URL each of its calls goes to. */
  HttpUrl callUrl() {
    return callUrl;
  }

  void network(boolean online) {
    network.set(!online);
    log.note(online ? "online" : "offline", online ? "the network is back" : "the device lost its network");
  }

  /** One user call, asynchronous on the shared dispatcher; completes when its outcome is logged. */
  CompletableFuture<CallOutcome> call() {
    CompletableFuture<CallOutcome> done = new CompletableFuture<>();
    CallTrace trace = new CallTrace();
    Request request = new Request.Builder().url(callUrl).tag(CallTrace.class, trace).build();
    long start = System.nanoTime();
    inFlight.begin();
    Call pending = client.newCall(request);
    calls.add(pending);
    pending.enqueue(new Callback() {
      @Override public void onResponse(Call call, Response response) {
        try (response) {
          response.body().source().skip(Long.MAX_VALUE);
        } catch (IOException | RuntimeException ignored) {
          // The status is what counts; a body cut short does not change the call's outcome.
        }
        String detail = "HTTP " + response.code();
        if (response.isSuccessful()) {
          log.callSucceeded(start, trace.sawUnauthorized, response.code());
        } else {
          log.callFailed(start, trace.sawUnauthorized, detail);
        }
        finish(call, done, new CallOutcome(response.code(), detail, trace.sawUnauthorized));
      }

      @Override public void onFailure(Call call, IOException e) {
        String detail;
        if (call.isCanceled()) {
          detail = "cancelled";
          log.note("cancelled", "the user signed out while the call ran");
        } else if (e instanceof OfflineSwitch.OfflineException) {
          detail = "offline";
          log.callOffline();
        } else {
          detail = e.getClass().getSimpleName() + ": " + e.getMessage();
          log.callFailed(start, trace.sawUnauthorized, detail);
        }
        finish(call, done, new CallOutcome(0, detail, trace.sawUnauthorized));
      }
    });
    return done;
  }

  void close() {
    session.close();
  }

  private void finish(Call call, CompletableFuture<CallOutcome> done, CallOutcome outcome) {
    calls.remove(call);
    inFlight.end();
    done.complete(outcome);
  }

  /** The SDK's events, in the report's words. */
  private final class Listener implements SessionListener {
    @Override public void onSignedIn(Set<String> scopes) {
      grantedScopes = Set.copyOf(scopes);
      log.signedIn("scopes " + String.join(" ", scopes));
    }

    @Override public void onTokenRefreshed(Rung rung) {
      log.recovered(rung == Rung.PASSWORD_REPLAY ? "password replayed from memory" : "refresh token");
    }

    @Override public void onReauthenticated() {
      log.passwordReplayed();
    }

    @Override public void onSessionDisplaced(@Nullable String gatewayCode) {
      log.displaced(gatewayCode);
    }

    @Override public void onSessionLost(LossReason reason) {
      log.prompted(reason.name().toLowerCase(Locale.ROOT));
    }

    @Override public void onSignedOut(SignOutResult result) {
      log.signedOut(result.revoked() ? "token revoked" : "revocation failed: " + result.failure());
    }

    @Override public void onWarning(SessionWarning warning) {
      log.note("warning", warning.name().toLowerCase(Locale.ROOT));
    }
  }
}

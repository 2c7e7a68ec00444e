package dev.resilientsession.benchmarks;

import com.google.api.client.http.HttpRequestFactory;
import com.google.auth.oauth2.UserCredentials;
import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.InMemoryTokenStore;
import dev.resilientsession.client.LossReason;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionListener;
import dev.resilientsession.client.StoredTokens;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The 401 storm over loopback against the mock gateway: N calls in flight when the user's token dies,
 * for the SDK and for the naive recipe, JWT and OPAQUE, token revoked or expired at the gateway, on a
 * session signed in with the password and on one signed in in the browser; and, beside the SDK on a
 * password sign-in, Google's google-auth-library-java ({@link GoogleAuthPeer}). Prints one line per case:
 * {@code storm measure=browser_sign_in type=JWT trigger=revoked cause=sign_in_elsewhere concurrent=256
 * recoverable=true sdk_token_requests=1 sdk_failures=0 sdk_refresh_token_repeats=0 sdk_losses=0 ... pass=true}.
 *
 * <p>Target: one token request per storm and no refresh token sent twice; every call succeeds, except
 * where nothing but the user can mend the session (a browser sign-in whose refresh token was revoked
 * with its access token): there every call fails, and the session is lost once. The naive recipe and
 * the peer are measured, not judged.
 */
public final class StormHarness {
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-pw";
  private static final String CONFIDENTIAL_APP = "storm-app";
  private static final String SECRET = "storm-secret";
  private static final String PUBLIC_APP = "storm-public";
  private static final String REDIRECT_URI = "http://127.0.0.1/callback";

  private final int concurrent;
  private final ExecutorService threads;

  private StormHarness(int concurrent) {
    this.concurrent = concurrent;
    this.threads = Executors.newFixedThreadPool(concurrent);
  }

  public static void main(String[] args) throws Exception {
    int concurrent = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    GoogleAuthPeer.configure(concurrent);
    StormHarness harness = new StormHarness(concurrent);
    boolean pass = true;
    try {
      for (SignIn signIn : SignIn.values()) {
        for (TokenType type : TokenType.values()) {
          for (Trigger trigger : Trigger.values()) {
            pass &= harness.report(new Case(signIn, type, trigger));
          }
        }
      }
    } finally {
      harness.threads.shutdownNow();
    }
    System.exit(pass ? 0 : 1);
  }

  /**
   * Runs the case with the SDK, the naive recipe and the peer, prints its line, and returns whether
   * it passed: the SDK's targets, and a peer run that completed.
   */
  private boolean report(Case c) throws Exception {
    Result sdk = run(c, true);
    Result naive = run(c, false);
    String peer;
    boolean peerRan = true;
    try {
      peer = peerKeys(c, sdk);
    } catch (Exception e) {
      e.printStackTrace();
      peer = " peer=google-auth peer_error=" + e.getClass().getSimpleName();
      peerRan = false;
    }
    boolean pass = peerRan && sdk.tokenRequests == 1 && sdk.refreshTokenRepeats == 0 && (c.recoverable()
        ? sdk.failures == 0 && sdk.losses.isEmpty()
        : sdk.failures == concurrent && sdk.losses.equals(List.of(LossReason.BROWSER_SIGN_IN_REQUIRED)));
    System.out.println("storm measure=" + c.signIn.measure + " type=" + c.type + " trigger=" + c.trigger.label
        + " cause=" + c.cause() + " concurrent=" + concurrent + " recoverable=" + c.recoverable()
        + " sdk_token_requests=" + sdk.tokenRequests + " sdk_failures=" + sdk.failures
        + " sdk_refresh_token_repeats=" + sdk.refreshTokenRepeats + " sdk_losses=" + sdk.losses.size()
        + (sdk.losses.isEmpty() ? "" : " sdk_loss=" + sdk.losses.stream().map(LossReason::name)
            .collect(Collectors.joining(",")))
        + " naive_token_requests=" + naive.tokenRequests + " naive_failures=" + naive.failures
        + " naive_refresh_token_repeats=" + naive.refreshTokenRepeats + peer + " pass=" + pass);
    return pass;
  }

  /**
   * The peer's keys of the line. UserCredentials needs a client secret (its builder refuses a null
   * one, and the gateway refuses a public client's empty one), so a browser sign-in's public client
   * has no peer.
   */
  private String peerKeys(Case c, Result sdk) throws Exception {
    if (c.signIn != SignIn.PASSWORD) return " peer=google-auth peer_result=no_public_client";
    PeerResult peer = runPeer(c);
    return " peer=google-auth peer_token_requests=" + peer.tokenRequests + " peer_failures=" + peer.failures
        + " peer_refresh_token_repeats=" + peer.refreshTokenRepeats + " peer_losses=" + (peer.lost ? 1 : 0)
        + " peer_renewable=" + peer.renewable
        + " ratio_token_requests=" + Ratio.of(sdk.tokenRequests, peer.tokenRequests);
  }

  /**
   * The storm with the peer: signed in with the password (by the SDK, whose tokens it is handed),
   * warmed, its token killed, then the same 256 calls at once. Its token requests are counted at the
   * gateway. Afterwards one more call says whether the session is lost (it cannot get a token it can
   * use), and one more refresh whether it can renew at all: it keeps the refresh token it was built
   * with, and the gateway rotates refresh tokens.
   */
  private PeerResult runPeer(Case c) throws Exception {
    MockGateway gateway = MockGateway.create(config(c.type));
    TokenEndpointTap tap = new TokenEndpointTap(gateway);
    MockGatewayServer server = MockGatewayServer.builder(gateway).handler(tap).start();
    HttpUrl tokenUrl = server.url("/oauth2/token");
    HttpUrl orders = server.url("/orders");
    OkHttpClient signInClient = new OkHttpClient();
    try {
      InMemoryTokenStore store = new InMemoryTokenStore();
      try (ResilientSession signIn = session(SignIn.PASSWORD, tokenUrl, signInClient).tokenStore(store).build()) {
        signIn.signIn(USER, PASSWORD.toCharArray());
      }
      UserCredentials credentials = GoogleAuthPeer.credentials(CONFIDENTIAL_APP, SECRET, store.load(), tokenUrl);
      HttpRequestFactory client = GoogleAuthPeer.client(credentials);
      Callable<Boolean> call = () -> GoogleAuthPeer.get(client, orders).status() == 200;
      int warmFailures = storm(call);
      if (warmFailures != 0) throw new IllegalStateException(warmFailures + " peer calls failed before the token died");
      kill(c, gateway, server, tokenUrl, signInClient);
      List<TokenEndpointTap.Exchange> before = tap.exchanges();
      int failures = storm(call);
      List<TokenEndpointTap.Exchange> all = tap.exchanges();
      List<TokenEndpointTap.Exchange> during = all.subList(before.size(), all.size());
      boolean lost = GoogleAuthPeer.get(client, orders).status() != 200;
      boolean renewable;
      try {
        credentials.refresh();
        renewable = true;
      } catch (IOException e) {
        renewable = false;
      }
      return new PeerResult(during.size(), TokenEndpointTap.refreshTokenRepeats(before, during), failures, lost,
          renewable);
    } finally {
      server.close();
      signInClient.connectionPool().evictAll();
    }
  }

  private Result run(Case c, boolean sdk) throws Exception {
    MockGateway gateway = MockGateway.create(config(c.type));
    MockGatewayServer server = MockGatewayServer.builder(gateway).start();
    HttpUrl tokenUrl = server.url("/oauth2/token");
    // The naive recipe and the SDK (told to use it for token requests) both send through this client.
    TokenRequestCounter tokenRequests = new TokenRequestCounter(tokenUrl.encodedPath());
    OkHttpClient base = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(concurrent, 1, TimeUnit.MINUTES))
        .readTimeout(60, TimeUnit.SECONDS)
        .addNetworkInterceptor(tokenRequests)
        .build();
    List<LossReason> losses = new CopyOnWriteArrayList<>();
    ResilientSession session = null;
    try {
      OkHttpClient client;
      if (sdk) {
        session = session(c.signIn, tokenUrl, base)
            .listener(new SessionListener() {
              @Override public void onSessionLost(LossReason reason) {
                losses.add(reason);
              }
            })
            .listenerExecutor(Runnable::run)
            .build();
        if (c.signIn == SignIn.PASSWORD) {
          session.signIn(USER, PASSWORD.toCharArray());
        } else {
          signInInBrowser(session, server);
        }
        client = session.newClient(base);
      } else {
        NaiveAuthenticator naive;
        if (c.signIn == SignIn.PASSWORD) {
          naive = NaiveAuthenticator.withPassword(base, tokenUrl, CONFIDENTIAL_APP, SECRET, USER, PASSWORD);
        } else {
          StoredTokens tokens = browserTokens(tokenUrl, base, server);
          naive = NaiveAuthenticator.withBrowserTokens(base, tokenUrl, PUBLIC_APP, tokens.accessToken(),
              tokens.refreshToken());
        }
        client = base.newBuilder().addInterceptor(naive).authenticator(naive).build();
      }
      // Warm: every thread holds a connection and the token works.
      OkHttpClient calling = client;
      Callable<Boolean> call = () -> {
        try (Response response = calling.newCall(new Request.Builder().url(server.url("/orders")).build()).execute()) {
          return response.code() == 200;
        } catch (IOException e) {
          return false;
        }
      };
      int warmFailures = storm(call);
      if (warmFailures != 0) throw new IllegalStateException(warmFailures + " calls failed before the token died");
      kill(c, gateway, server, tokenUrl, base);
      tokenRequests.reset();
      int failures = storm(call);
      return new Result(tokenRequests.requests(), tokenRequests.refreshTokenRepeats(), failures, List.copyOf(losses));
    } finally {
      if (session != null) session.close();
      server.close();
      base.connectionPool().evictAll();
    }
  }

  private static GatewayConfig config(TokenType type) {
    return GatewayConfig.builder()
        .user(User.of(USER, PASSWORD))
        .application(Application.builder(CONFIDENTIAL_APP, SECRET).tokenType(type).build())
        .application(Application.builder(PUBLIC_APP, null).tokenType(type).publicClient(true).pkceMandatory(true)
            .redirectUris(REDIRECT_URI).build())
        .build();
  }

  /**
   * No device scope: every session of the user with one application shares the gateway's key (one
   * ACTIVE token), which is what lets another device kill this one's token.
   */
  private static ResilientSession.Builder session(SignIn signIn, HttpUrl tokenUrl, OkHttpClient base) {
    ResilientSession.Builder builder = ResilientSession.builder()
        .tokenUrl(tokenUrl)
        .deviceScope(false)
        .okHttpClient(base)
        .tokenHttpClient(base);
    return signIn == SignIn.PASSWORD
        ? builder.client(CONFIDENTIAL_APP, SECRET)
        : builder.publicClient(PUBLIC_APP).scopes("openid");
  }

  /** The three steps, the login page filled in by a new browser. */
  private static void signInInBrowser(ResilientSession session, MockGatewayServer server) throws IOException {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT_URI);
    session.completeSignIn(request, server.browserRobot().signIn(request.url(), USER, PASSWORD));
  }

  /**
   * The tokens of a browser sign-in for the naive recipe, which cannot sign in by itself: an app
   * using it gets them from a library such as AppAuth; here the SDK's three steps stand in for it.
   */
  private static StoredTokens browserTokens(HttpUrl tokenUrl, OkHttpClient base, MockGatewayServer server)
      throws IOException {
    InMemoryTokenStore store = new InMemoryTokenStore();
    try (ResilientSession signIn = session(SignIn.BROWSER, tokenUrl, base).tokenStore(store).build()) {
      signInInBrowser(signIn, server);
    }
    return store.load();
  }

  /** Makes the gateway refuse the token every thread holds; see {@link Case#cause()}. */
  private static void kill(Case c, MockGateway gateway, MockGatewayServer server, HttpUrl tokenUrl,
      OkHttpClient base) throws IOException {
    if (c.trigger == Trigger.EXPIRED) {
      gateway.advanceClock(Duration.ofHours(1));
    } else if (c.signIn == SignIn.PASSWORD) {
      gateway.revokeAllTokens(USER);
    } else {
      try (ResilientSession elsewhere = session(SignIn.BROWSER, tokenUrl, base).build()) {
        signInInBrowser(elsewhere, server);
        if (c.type == TokenType.OPAQUE && !elsewhere.signOut().revoked()) {
          throw new IllegalStateException("the other device's sign-out revoked nothing");
        }
      }
    }
  }

  /** Fires {@link #concurrent} calls at once; returns how many did not end in 200. */
  private int storm(Callable<Boolean> call) throws Exception {
    CountDownLatch ready = new CountDownLatch(concurrent);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      calls.add(threads.submit(() -> {
        ready.countDown();
        go.await();
        return call.call();
      }));
    }
    if (!ready.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("threads did not start");
    go.countDown();
    int failures = 0;
    for (Future<Boolean> outcome : calls) {
      if (!outcome.get(120, TimeUnit.SECONDS)) failures++;
    }
    return failures;
  }

  /** How the session signed in, which decides what it may recover with: a password it holds, or the refresh token alone. */
  private enum SignIn {
    PASSWORD("password_sign_in"),
    BROWSER("browser_sign_in");

    final String measure;

    SignIn(String measure) {
      this.measure = measure;
    }
  }

  private enum Trigger {
    REVOKED,
    EXPIRED;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final class Case {
    final SignIn signIn;
    final TokenType type;
    final Trigger trigger;

    Case(SignIn signIn, TokenType type, Trigger trigger) {
      this.signIn = signIn;
      this.type = type;
      this.trigger = trigger;
    }

    /**
     * What kills the token. Expired: the gateway's clock passes an hour, the device's does not, and
     * the refresh token lives on. Revoked, password sign-in: the gateway revokes the user's tokens
     * with their refresh tokens (the password replay mends it). Revoked, browser sign-in: another
     * device of the user signs in in the browser with the same application. A new JWT revokes the
     * previous one of its key and inherits its refresh token, which still works here; an OPAQUE sign-in
     * shares the token, and that device's sign-out revokes it with its refresh token.
     */
    String cause() {
      if (trigger == Trigger.EXPIRED) return "gateway_clock_1h";
      if (signIn == SignIn.PASSWORD) return "revoke_all_tokens";
      return type == TokenType.JWT ? "sign_in_elsewhere" : "sign_out_elsewhere";
    }

    /** False only when the refresh token died with the token and there is no password to replay. */
    boolean recoverable() {
      return signIn == SignIn.PASSWORD || trigger == Trigger.EXPIRED || type == TokenType.JWT;
    }
  }

  private static final class PeerResult {
    final int tokenRequests;
    final int refreshTokenRepeats;
    final int failures;
    final boolean lost;
    final boolean renewable;

    PeerResult(int tokenRequests, int refreshTokenRepeats, int failures, boolean lost, boolean renewable) {
      this.tokenRequests = tokenRequests;
      this.refreshTokenRepeats = refreshTokenRepeats;
      this.failures = failures;
      this.lost = lost;
      this.renewable = renewable;
    }
  }

  private static final class Result {
    final int tokenRequests;
    final int refreshTokenRepeats;
    final int failures;
    final List<LossReason> losses;

    Result(int tokenRequests, int refreshTokenRepeats, int failures, List<LossReason> losses) {
      this.tokenRequests = tokenRequests;
      this.refreshTokenRepeats = refreshTokenRepeats;
      this.failures = failures;
      this.losses = losses;
    }
  }
}

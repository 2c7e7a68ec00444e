package dev.resilientsession.client;

import java.io.Closeable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one user signed in on one device against an OAuth2 API gateway such as WSO2 API Manager.
 *
 * <p>Install it on any {@link OkHttpClient} (and so any Retrofit service) with {@link #newClient};
 * calls then carry the user's bearer token, renewed shortly before it expires. When the gateway
 * answers 401 because another device revoked or replaced the token, the session obtains a new one
 * silently and retries the call once: the refresh token, or for a password sign-in the password
 * grant replayed from memory (first, for a token that died early), the other if the first is
 * refused. N calls failing together cause one token request, not N; an outage of the token endpoint
 * costs it the {@link Backoff} schedule, not a round of retries per call.
 *
 * <p>Sign in in the browser (authorization code + PKCE, the way current practice and WSO2
 * recommend for apps) in three steps, or with the password grant in one:
 *
 * <pre>{@code
 * ResilientSession session = ResilientSession.builder()
 *     .tokenUrl("https://gateway.example.com/oauth2/token")
 *     .publicClient(clientId)
 *     .deviceIdentity(DeviceIdentity.of("desktop"))
 *     .listener(listener)
 *     .build();
 * AuthorizationRequest request = session.authorizationRequest("http://127.0.0.1:" + port + "/callback");
 * openBrowser(request.url());
 * session.completeSignIn(request, redirectTheBrowserCameBackTo);
 * OkHttpClient client = session.newClient(new OkHttpClient());
 * }</pre>
 *
 * <p>The password lives only in memory, as a {@code char[]} wiped on sign-out and {@link #close()};
 * it never reaches the {@link TokenStore}, a log, an exception or an event.
 */
public final class ResilientSession implements Closeable {
  private final SessionCore core;
  private final BearerInterceptor interceptor;
  private final SessionAuthenticator authenticator;
  private final @Nullable String deviceScope;
  private final ExecutorService ownedExecutor;
  private final String clientId;
  private final HttpUrl authorizationUrl;
  private final @Nullable String scope;
  private final SecureRandom random = new SecureRandom();

  private ResilientSession(Builder builder) {
    if (builder.tokenUrl == null) throw new IllegalStateException("tokenUrl is required");
    if (builder.clientId == null) {
      throw new IllegalStateException("client(consumerKey, consumerSecret) or publicClient(clientId) is required");
    }
    if (builder.deviceScope && builder.deviceIdentity == null) {
      throw new IllegalStateException("deviceIdentity is required for the device scope; or call deviceScope(false)");
    }
    this.deviceScope = builder.deviceScope ? DeviceIdentity.scopeFor(builder.deviceIdentity.deviceId()) : null;
    Executor listenerExecutor = builder.listenerExecutor;
    this.ownedExecutor = listenerExecutor == null ? Executors.newSingleThreadExecutor(
        SessionThreads.named("resilient-session-events")) : null;
    if (listenerExecutor == null) listenerExecutor = ownedExecutor;
    SessionEvents events = new SessionEvents(builder.listener, listenerExecutor);

    Ticker ticker = builder.ticker != null ? builder.ticker
        : builder.clock != null ? Ticker.of(builder.clock) : Ticker.SYSTEM;
    Clock clock = builder.clock != null ? builder.clock : Clock.systemUTC();
    HttpUrl revokeUrl = builder.revokeUrl != null ? builder.revokeUrl : siblingOf(builder.tokenUrl, "revoke");
    TokenEndpoint endpoint = builder.tokenEndpoint != null ? builder.tokenEndpoint
        : new RetrofitTokenEndpoint(tokenClient(builder), builder.tokenUrl, revokeUrl,
            builder.clientId, builder.clientSecret, clock);
    RetryingTokenEndpoint retrying = new RetryingTokenEndpoint(endpoint, builder.backoff, builder.sleeper, ticker,
        builder.networkMonitor, builder.joinTimeout);
    SessionPolicy policy = new SessionPolicy(builder.scopes, deviceScope, builder.passwordReplay,
        builder.refreshSkew, builder.joinTimeout, builder.recoveryCooldown, 2);
    Executor recoveries = builder.recoveryExecutor != null ? builder.recoveryExecutor : SessionThreads.recoveries();
    this.clientId = builder.clientId;
    this.authorizationUrl = builder.authorizationUrl != null ? builder.authorizationUrl
        : siblingOf(builder.tokenUrl, "authorize");
    this.scope = policy.scope;
    this.core = new SessionCore(retrying, new StoreGuard(builder.tokenStore, events), policy, clock, ticker, events,
        recoveries);
    Set<String> hosts = builder.apiHosts.isEmpty() ? Set.of(builder.tokenUrl.host()) : Set.copyOf(builder.apiHosts);
    this.interceptor = new BearerInterceptor(core, hosts, builder.tokenUrl.isHttps());
    this.authenticator = new SessionAuthenticator(core, interceptor, Authenticator.NONE);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs in with the password grant on the calling thread (not the main thread). The password is
   * copied; the caller may wipe its array afterwards.
   *
   * @throws SignInException with a {@link SignInException#reason() reason}: wrong credentials,
   *     client rejected, refused, or the token endpoint unavailable after retries.
   */
  public void signIn(String username, char[] password) throws SignInException {
    core.signIn(username, password);
  }

  /**
   * Step 1 of a browser sign-in (authorization code + PKCE): a new request for {@code redirectUri},
   * whose {@link AuthorizationRequest#url() URL} the app opens in the system browser (step 2). It
   * asks for this session's scopes, the device scope included, with a fresh S256 code verifier,
   * {@code state}, and with {@code openid} a {@code nonce}.
   *
   * @param redirectUri registered for this client: a loopback {@code http://127.0.0.1:PORT/...}
   *     (RFC 8252 7.3) on a desktop, a private-use scheme such as {@code com.example.app:/callback}
   *     on Android.
   * @throws IllegalArgumentException for a redirect URI that is not absolute, has a fragment, or is
   *     plain {@code http} to a host other than loopback.
   */
  public AuthorizationRequest authorizationRequest(String redirectUri) {
    return AuthorizationRequest.create(authorizationUrl, clientId, redirectUri, scope, random);
  }

  /**
   * Step 3 of a browser sign-in, on a background thread: hands over the URI the browser was
   * redirected to; the session checks its {@code state}, exchanges the code with the verifier,
   * checks the {@code id_token}, and is signed in. {@code request} may be one {@link
   * AuthorizationRequest#decode decoded} after the app's process was killed.
   *
   * <p>There is no password to replay afterwards: the refresh token keeps the session alive, and
   * when it is refused the session is lost with {@link LossReason#BROWSER_SIGN_IN_REQUIRED}.
   *
   * @throws SignInException with a {@link SignInException#reason() reason}: the user declined
   *     ({@code ACCESS_DENIED}), another authorization error, a redirect that does not answer this
   *     request ({@code STATE_MISMATCH}), the code refused ({@code CODE_REJECTED}), the token
   *     endpoint unavailable, or an id_token that is not for this sign-in.
   */
  public void completeSignIn(AuthorizationRequest request, String redirectUri) throws SignInException {
    core.completeSignIn(Objects.requireNonNull(request, "request"), Objects.requireNonNull(redirectUri, "redirectUri"),
        clientId);
  }

  /**
   * Takes over tokens the app obtained with another library (AppAuth, a WebView) and keeps them
   * alive from now on like its own: saved to the store, attached to calls, refreshed, revoked on
   * sign-out. Ask for {@link #deviceScope()} in that sign-in, or the device shares its token.
   * Whatever this session held before is replaced, not revoked.
   */
  public void adopt(StoredTokens tokens) {
    core.adoptTokens(Objects.requireNonNull(tokens, "tokens"));
  }

  /**
   * Revokes this device's token at the gateway, then wipes the tokens and the password whatever
   * the revocation did. Never throws for a failed revocation: the result and the listener say so.
   */
  public SignOutResult signOut() {
    return core.signOut();
  }

  /**
   * A client like {@code base} whose calls to the gateway carry this session's token and recover
   * from 401s. A 401 for a call the session did not sign still reaches {@code base}'s own
   * authenticator.
   */
  public OkHttpClient newClient(OkHttpClient base) {
    OkHttpClient.Builder builder = base.newBuilder();
    if (!base.interceptors().contains(interceptor)) builder.addInterceptor(interceptor);
    return builder.authenticator(authenticator.withFallback(base.authenticator())).build();
  }

  /**
   * The interceptor that attaches the token, for clients wired by hand: add it with {@link
   * OkHttpClient.Builder#addInterceptor} (an application interceptor; as a network interceptor it
   * throws {@link IllegalStateException}, since it must renew tokens before OkHttp's retries and
   * authenticator run), and pair it with {@link #authenticator()}.
   */
  public Interceptor interceptor() {
    return interceptor;
  }

  /** The authenticator that recovers from 401s, for clients wired by hand; pair it with {@link #interceptor()}. */
  public Authenticator authenticator() {
    return authenticator;
  }

  public SessionState state() {
    return core.state();
  }

  /** This device's {@code device_} scope, or null when the device scope is off. */
  public @Nullable String deviceScope() {
    return deviceScope;
  }

  /** Wipes the password held for replay; the tokens stay usable until they expire or are revoked. */
  @Override public void close() {
    core.close();
    if (ownedExecutor != null) ownedExecutor.shutdown();
  }

  @Override public String toString() {
    return "ResilientSession{state=" + core.state() + (deviceScope != null ? ", device=" + deviceScope : "") + "}";
  }

  /**
   * The client for token requests: the app's connection pool, dispatcher, TLS, proxy and DNS, but
   * none of its interceptors, which would see the password, the refresh token and the client secret,
   * unless the app chose the client with {@link Builder#tokenHttpClient}. Never redirected, never
   * silently re-POSTed, never authenticated again.
   */
  private static OkHttpClient tokenClient(Builder settings) {
    if (settings.tokenHttpClient != null) {
      return settings.tokenHttpClient.newBuilder()
          .authenticator(Authenticator.NONE)
          .retryOnConnectionFailure(false)
          .followRedirects(false)
          .build();
    }
    OkHttpClient.Builder builder = settings.okHttpClient.newBuilder();
    builder.interceptors().clear();
    builder.networkInterceptors().clear();
    return builder
        .cache(null)
        .authenticator(Authenticator.NONE)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(15, TimeUnit.SECONDS)
        .writeTimeout(15, TimeUnit.SECONDS)
        .callTimeout(20, TimeUnit.SECONDS)
        .build();
  }

  /** {@code /oauth2/token} becomes {@code /oauth2/revoke}; {@code /token} becomes {@code /revoke}. */
  static HttpUrl siblingOf(HttpUrl tokenUrl, String endpoint) {
    int last = tokenUrl.pathSize() - 1;
    return tokenUrl.newBuilder().setPathSegment(last, endpoint).query(null).build();
  }

  /** Configures a {@link ResilientSession}. */
  public static final class Builder {
    private HttpUrl tokenUrl;
    private HttpUrl revokeUrl;
    private HttpUrl authorizationUrl;
    private String clientId;
    private String clientSecret;
    private final Set<String> scopes = new LinkedHashSet<>();
    private DeviceIdentity deviceIdentity;
    private boolean deviceScope = true;
    private TokenStore tokenStore = new InMemoryTokenStore();
    private Clock clock;
    private Ticker ticker;
    private Executor recoveryExecutor;
    private OkHttpClient tokenHttpClient;
    private SessionListener listener = new SessionListener() {
    };
    private Executor listenerExecutor;
    private OkHttpClient okHttpClient;
    private Duration refreshSkew = Duration.ofSeconds(60);
    private boolean passwordReplay = true;
    private Backoff backoff = Backoff.defaults();
    private final Set<String> apiHosts = new LinkedHashSet<>();
    private Duration joinTimeout = Duration.ofSeconds(10);
    private Duration recoveryCooldown = Duration.ofSeconds(30);
    private Sleeper sleeper = Sleeper.REAL;
    private NetworkMonitor networkMonitor = NetworkMonitor.ALWAYS_ONLINE;
    private TokenEndpoint tokenEndpoint;

    private Builder() {
    }

    /** The token endpoint, such as {@code https://gateway:9443/oauth2/token}. Required. */
    public Builder tokenUrl(String url) {
      return tokenUrl(HttpUrl.get(url));
    }

    public Builder tokenUrl(HttpUrl url) {
      this.tokenUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The revocation endpoint; by default the token URL with {@code revoke} as its last segment. */
    public Builder revokeUrl(HttpUrl url) {
      this.revokeUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * The authorization endpoint of browser sign-in; by default the token URL with {@code
     * authorize} as its last segment ({@code /oauth2/authorize}).
     */
    public Builder authorizationUrl(String url) {
      this.authorizationUrl = HttpUrl.get(url);
      return this;
    }

    /**
     * A confidential application's consumer key and secret: token and revocation requests
     * authenticate with HTTP Basic. This, or {@link #publicClient}, is required.
     */
    public Builder client(String consumerKey, String consumerSecret) {
      if (consumerKey == null || consumerKey.isEmpty()) throw new IllegalArgumentException("consumerKey is empty");
      this.clientId = consumerKey;
      this.clientSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
      return this;
    }

    /**
     * A public application (no secret, as an app that ships to users must be): token and
     * revocation requests carry {@code client_id} alone. WSO2 calls it "Public Client", or "allow
     * authentication without the client secret".
     */
    public Builder publicClient(String clientId) {
      if (clientId == null || clientId.isEmpty()) throw new IllegalArgumentException("clientId is empty");
      this.clientId = clientId;
      this.clientSecret = null;
      return this;
    }

    /** The scopes to request, besides the device scope. */
    public Builder scopes(String... scopes) {
      for (String scope : scopes) {
        if (scope == null || scope.isEmpty() || scope.contains(" ")) {
          throw new IllegalArgumentException("not a scope: '" + scope + "'");
        }
        this.scopes.add(scope);
      }
      return this;
    }

    /** Names this device; its {@code device_<id>} scope gives it a token of its own. */
    public Builder deviceIdentity(DeviceIdentity identity) {
      this.deviceIdentity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** Whether token requests carry the device scope (default true, which needs a device identity). */
    public Builder deviceScope(boolean enabled) {
      this.deviceScope = enabled;
      return this;
    }

    /** Where tokens are kept between runs; in memory by default. Never given the password. */
    public Builder tokenStore(TokenStore store) {
      this.tokenStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The wall clock, for the instants kept with the tokens. Token lifetimes are measured with
     * {@link System#nanoTime()}, so changing the device's clock neither expires a token early nor
     * keeps one past expiry; a clock given here is used for lifetimes too, so that tests and
     * simulations can move time by hand.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(SessionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Where listener calls run; by default one background thread of the session's own. */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The app's client, whose connection pool, dispatcher, TLS settings, proxy and DNS the token
     * requests share. Not its interceptors: a logging interceptor would see the password.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The client for token and revocation requests, used as given, interceptors included: they see
     * the password, the refresh token and the client secret. The session only turns off its
     * redirects, its silent re-POST after a connection failure, and its authenticator.
     */
    public Builder tokenHttpClient(OkHttpClient client) {
      this.tokenHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Renew this long before expiry (default 60 s); capped at a quarter of the token's lifetime. */
    public Builder refreshSkew(Duration skew) {
      if (skew.isNegative()) throw new IllegalArgumentException("refreshSkew is negative");
      this.refreshSkew = skew;
      return this;
    }

    /** Whether the password grant is replayed from memory when the refresh token fails (default true). */
    public Builder passwordReplay(boolean enabled) {
      this.passwordReplay = enabled;
      return this;
    }

    /** Retries of token requests on network errors, 429 and 5xx. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Hosts whose calls get the token; by default only the token endpoint's host. */
    public Builder apiHosts(String... hosts) {
      for (String host : hosts) apiHosts.add(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * How long a call waits for a new token before taking its 401 (default 10 s), counted from the
     * token request's start. A request that has outlived it is given up on: the next call that needs
     * a token asks afresh, and the late answer is kept only if nothing newer arrived meanwhile.
     */
    public Builder joinTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("joinTimeout must be positive");
      this.joinTimeout = timeout;
      return this;
    }

    /**
     * When fresh tokens keep being refused, token requests pause this long (default 30 s) instead of
     * looping.
     */
    public Builder recoveryCooldown(Duration cooldown) {
      if (cooldown.isNegative()) throw new IllegalArgumentException("recoveryCooldown is negative");
      this.recoveryCooldown = cooldown;
      return this;
    }

    /**
     * Token requests wait (at most the join timeout) for this monitor to say online, instead of
     * failing their retries while the device is offline.
     */
    public Builder networkMonitor(NetworkMonitor monitor) {
      this.networkMonitor = Objects.requireNonNull(monitor, "monitor");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    Builder recoveryExecutor(Executor executor) {
      this.recoveryExecutor = executor;
      return this;
    }

    Builder tokenEndpoint(TokenEndpoint endpoint) {
      this.tokenEndpoint = endpoint;
      return this;
    }

    public ResilientSession build() {
      if (okHttpClient == null) okHttpClient = new OkHttpClient();
      return new ResilientSession(this);
    }
  }
}

package dev.resilientsession.client;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The session's tokens and the one recovery in flight, in plain Java: OkHttp stays in the
 * interceptor and authenticator that call it. Thread-safe.
 *
 * <p>The first call that needs a new token starts a recovery on the recovery executor; it and every
 * other call that needs one join it, and the new token is saved before any of them is released. A
 * caller that is interrupted stops waiting; the recovery goes on for the others.
 *
 * <p>A generation number ties each recovery to the session it began in. Sign-in, sign-out and a
 * lost session start a new generation, and a recovery of an older one changes nothing: it adopts
 * no token, drops no credentials, reports no loss, writes nothing to the store.
 */
final class SessionCore {
  /** WSO2 revokes a token's refresh token with it: after an early death only the password works at once. */
  private static final Rung[] REPLAY_FIRST = {Rung.PASSWORD_REPLAY, Rung.REFRESH_TOKEN};
  private static final Rung[] REFRESH_FIRST = {Rung.REFRESH_TOKEN, Rung.PASSWORD_REPLAY};
  private static final int MAX_COMPLETED_SIGN_INS = 64;

  private final RetryingTokenEndpoint endpoint;
  private final StoreGuard store;
  private final SessionPolicy policy;
  private final Clock clock;
  private final Ticker ticker;
  private final SessionEvents events;
  private final Executor recoveryExecutor;

  private final Object lock = new Object();
  /** Read without the lock on every call; written under it. */
  private volatile HeldTokens tokens;
  private volatile SessionState state = SessionState.SIGNED_OUT;
  /** Written under lock; read by store writes, which must not outlive their session. */
  private volatile long generation;
  /** Guarded by lock. */
  private Credentials credentials;
  /** Guarded by lock: the recovery every call that needs a token joins. */
  private Recovery inFlight;
  /** Guarded by lock: the last recovery given up on after the join timeout; its request may still answer. */
  private Recovery abandoned;
  /** Written under lock; volatile so that {@link #callSucceeded()} can read it without the lock. */
  private volatile int futileRecoveries;
  /** Guarded by lock: the last recovered token that was refused at once, counted once however many calls it failed. */
  private String lastFutileToken;
  /** Guarded by lock: while recovery pauses after futile recoveries, no token request before this tick. */
  private boolean paused;
  private long pausedUntilNanos;
  /** Guarded by lock: the {@code state} of browser sign-ins already completed, so that none spends its code twice. */
  private final Set<String> completedSignIns = new LinkedHashSet<>();
  /** Guarded by lock: the token whose early death the listener has heard of. */
  private String displacementReported;

  SessionCore(RetryingTokenEndpoint endpoint, StoreGuard store, SessionPolicy policy, Clock clock, Ticker ticker,
      SessionEvents events, Executor recoveryExecutor) {
    this.endpoint = endpoint;
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.ticker = ticker;
    this.events = events;
    this.recoveryExecutor = recoveryExecutor;
    StoredTokens restored = store.load();
    if (restored != null) {
      tokens = HeldTokens.restored(restored, clock.instant(), ticker.nanoTime(), policy.refreshSkew);
      state = SessionState.SIGNED_IN;
    }
  }

  SessionState state() {
    return state;
  }

  /** Signs in with the password grant; keeps a copy of the credentials for replay when allowed. */
  void signIn(String username, char[] password) throws SignInException {
    if (username == null || username.isEmpty()) throw new IllegalArgumentException("username is empty");
    if (password == null) throw new IllegalArgumentException("password is null");
    Credentials signingIn = new Credentials(username, password);
    boolean kept = false;
    try {
      TokenOutcome outcome = endpoint.signIn(signingIn.username, signingIn.password(), policy.scope);
      if (outcome.kind != TokenOutcome.Kind.GRANTED) throw signInFailure(outcome);
      kept = policy.passwordReplay;
      begin(received(outcome.grant, SignInMethod.PASSWORD), kept ? signingIn : null);
    } finally {
      if (!kept) signingIn.wipe();
    }
  }

  /**
   * Finishes a browser sign-in: reads the code from the redirect that answers {@code request},
   * exchanges it with the PKCE verifier, checks the id_token, and begins the session. A request
   * completes once; a redirect delivered twice must not spend its code twice, since WSO2 revokes
   * what the first exchange bought when it sees a code again.
   */
  void completeSignIn(AuthorizationRequest request, String redirect, String clientId) throws SignInException {
    String code = AuthorizationRedirect.code(request, redirect);
    synchronized (lock) {
      if (!completedSignIns.add(request.state())) {
        throw new SignInException(SignInException.Reason.STATE_MISMATCH, null,
            "Not the answer to this sign-in: it was already completed", null);
      }
      if (completedSignIns.size() > MAX_COMPLETED_SIGN_INS) completedSignIns.remove(completedSignIns.iterator().next());
    }
    TokenOutcome outcome = endpoint.authorizationCode(code, request.redirectUri(), request.codeVerifier());
    if (outcome.kind != TokenOutcome.Kind.GRANTED) throw codeExchangeFailure(outcome);
    HeldTokens signedIn = received(outcome.grant, SignInMethod.BROWSER);
    if (outcome.grant.idToken != null) {
      try {
        IdTokenCheck.verify(outcome.grant.idToken, clientId, request.nonce());
      } catch (SignInException e) {
        revoke(signedIn.stored); // Not ours to keep, and not to leave live at the gateway either.
        throw e;
      }
    }
    begin(signedIn, null);
  }

  /** Takes over tokens the app obtained elsewhere; from now on they are kept alive like any other. */
  void adoptTokens(StoredTokens adopted) {
    begin(HeldTokens.restored(adopted.withSignInMethod(SignInMethod.ADOPTED), clock.instant(), ticker.nanoTime(),
        policy.refreshSkew), null);
  }

  /** A new session with {@code signedIn}: whatever was in flight belongs to the old one. */
  private void begin(HeldTokens signedIn, Credentials kept) {
    long signedInGeneration;
    synchronized (lock) {
      signedInGeneration = ++generation;
      wipeCredentials();
      credentials = kept;
      tokens = signedIn;
      state = SessionState.SIGNED_IN;
      inFlight = null;
      abandoned = null;
      futileRecoveries = 0;
      lastFutileToken = null;
      paused = false;
    }
    store.save(signedIn.stored, () -> generation == signedInGeneration);
    events.signedIn(signedIn.stored.scopes());
    checkDeviceScope(signedIn);
  }

  /** Wipes local state, then revokes this device's token whatever happens to the revocation. */
  SignOutResult signOut() {
    HeldTokens signedOut;
    synchronized (lock) {
      generation++;
      signedOut = tokens;
      tokens = null;
      state = SessionState.SIGNED_OUT;
      inFlight = null;
      abandoned = null;
      wipeCredentials();
    }
    store.clear();
    SignOutResult result = signedOut == null ? new SignOutResult(false, null) : revoke(signedOut.stored);
    events.signedOut(result);
    return result;
  }

  /** Forgets the password; the session goes on with its tokens but can no longer replay. */
  void close() {
    synchronized (lock) {
      wipeCredentials();
    }
  }

  /**
   * The tokens whose access token an outgoing call carries, renewed first when it is due; null when
   * there is none to send: signed out, or expired and not renewable for now (sending it would only
   * earn a 401).
   */
  HeldTokens tokensForCall() throws InterruptedIOException {
    HeldTokens current = tokens;
    if (current == null) return null;
    if (!current.renewalDue(ticker.nanoTime())) return current;
    HeldTokens renewed = renew(current.accessToken(), false, null);
    if (renewed != null) return renewed;
    // Renewal failed for now: the token serves until it expires.
    HeldTokens latest = tokens;
    return latest != null && !latest.expired(ticker.nanoTime()) ? latest : null;
  }


  /**
   * A token to retry a call that got 401 with {@code failedAccessToken}, or null when the caller
   * must take the 401: signed out, session lost, token endpoint unavailable, or recovery paused.
   */
  HeldTokens recover(String failedAccessToken, String gatewayCode) throws InterruptedIOException {
    return renew(failedAccessToken, true, gatewayCode);
  }

  /** A call retried with a freshly recovered token got 401 again. */
  void recoveryDidNotHelp(String retriedAccessToken) {
    synchronized (lock) {
      HeldTokens current = tokens;
      // Displaced again after a newer token arrived, or counted already for another call.
      if (current == null || !current.accessToken().equals(retriedAccessToken)) return;
      if (retriedAccessToken.equals(lastFutileToken)) return;
      lastFutileToken = retriedAccessToken;
      if (++futileRecoveries < policy.maxFutileRecoveries) return;
      futileRecoveries = 0;
      paused = true;
      pausedUntilNanos = ticker.nanoTime() + policy.recoveryCooldown.toNanos();
    }
    events.warning(SessionWarning.RECOVERY_PAUSED);
  }

  /** A call went through: the gateway accepts the current token. */
  void callSucceeded() {
    if (futileRecoveries != 0) {
      synchronized (lock) {
        futileRecoveries = 0;
        lastFutileToken = null;
      }
    }
  }

  private HeldTokens renew(String staleAccessToken, boolean after401, String gatewayCode)
      throws InterruptedIOException {
    Recovery recovery;
    Recovery givenUp = null;
    boolean lead = false;
    synchronized (lock) {
      if (state != SessionState.SIGNED_IN) return null;
      HeldTokens current = tokens;
      // Another call already replaced it: retry with the current token.
      if (!current.accessToken().equals(staleAccessToken)) return current;
      recovery = inFlight;
      if (recovery != null && mayAbandon(recovery)) {
        givenUp = abandoned = recovery;
        recovery.abandoned = true;
        recovery = inFlight = null;
      }
      if (recovery == null) {
        if (paused && ticker.nanoTime() - pausedUntilNanos < 0) return null;
        paused = false;
        recovery = inFlight = new Recovery(generation, current, after401, gatewayCode, ticker.nanoTime());
        lead = true;
      }
    }
    if (givenUp != null) givenUp.result.complete(null); // Its callers take their 401 now, not at the token client's timeout.
    if (lead) start(recovery);
    return join(recovery);
  }

  /**
   * Caller holds lock. A recovery whose request has outlived the join timeout is given up on, so that
   * this call may ask afresh; but one at a time, so that a session never has more than two requests out.
   */
  private boolean mayAbandon(Recovery recovery) {
    if (ticker.nanoTime() - recovery.startedNanos < policy.joinTimeout.toNanos()) return false;
    return abandoned == null || abandoned.finished.isDone();
  }

  private void start(Recovery recovery) {
    try {
      recoveryExecutor.execute(() -> lead(recovery));
    } catch (RejectedExecutionException e) {
      lead(recovery); // The app shut the executor down: lead on this thread rather than fail.
    }
  }

  private void lead(Recovery recovery) {
    HeldTokens result = null;
    Throwable failure = null;
    try {
      result = climb(recovery);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    synchronized (lock) {
      if (inFlight == recovery) inFlight = null;
    }
    if (failure != null) {
      recovery.result.completeExceptionally(failure);
    } else {
      recovery.result.complete(result);
    }
    recovery.finished.complete(result);
  }

  /** Waits for {@code recovery} until the join timeout, counted from its start: a late joiner waits less. */
  private HeldTokens join(Recovery recovery) throws InterruptedIOException {
    long left = recovery.startedNanos + policy.joinTimeout.toNanos() - ticker.nanoTime();
    try {
      return recovery.result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a new token");
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      // A bug, not a gateway's answer: every waiting call sees it, and the gate is open again.
      Throwable cause = e.getCause();
      if (cause instanceof Error) throw (Error) cause;
      throw (RuntimeException) cause;
    }
  }

  /**
   * The ladder: first the rung that can work in one request, then the other if that one is refused.
   * Returns the new tokens, already saved, or null when the caller must take its 401.
   */
  private HeldTokens climb(Recovery recovery) {
    HeldTokens stale = recovery.stale;
    // A 401 before the renewal point: revoked or displaced, not expired.
    boolean diedEarly = recovery.after401 && !stale.renewalDue(ticker.nanoTime());
    if (diedEarly) reportDisplacement(recovery);
    Credentials replay = heldCredentials(recovery);
    try {
      LossReason loss = null;
      for (Rung rung : diedEarly && replay != null ? REPLAY_FIRST : REFRESH_FIRST) {
        if (recovery.abandoned) return null; // The request that replaced this one climbs now.
        TokenOutcome outcome;
        if (rung == Rung.REFRESH_TOKEN) {
          if (stale.refreshToken() == null) continue;
          outcome = endpoint.refresh(stale.refreshToken());
        } else {
          if (replay == null) continue;
          outcome = endpoint.password(replay.username, replay.password(), policy.scope);
        }
        switch (outcome.kind) {
          case GRANTED:
            return adopt(recovery, outcome.grant, rung);
          case REFUSED:
            if (outcome.isRefusedWith("invalid_client")) return lose(recovery, LossReason.CLIENT_REJECTED);
            if (rung == Rung.REFRESH_TOKEN) {
              // A request given up on may have spent this refresh token: its answer holds the new one.
              HeldTokens rescued = awaitAbandoned(recovery);
              if (rescued != null) return rescued;
              dropRefreshToken(recovery);
              if (loss == null) loss = refreshLoss(stale);
            } else if (outcome.isRefusedWith("invalid_grant")) {
              forgetCredentials(recovery); // Changed or locked: replaying it again could lock the account.
              loss = LossReason.CREDENTIALS_REJECTED;
            } else {
              loss = LossReason.GRANT_REFUSED;
            }
            break;
          default:
            if (!recovery.abandoned) warnForNow(outcome); // Keep tokens and password: the endpoint may answer later.
            return null;
        }
      }
      return lose(recovery, loss != null ? loss : refreshLoss(stale));
    } finally {
      if (replay != null) replay.wipe();
    }
  }

  /**
   * When the refresh token was refused while a recovery given up on had sent the same one, waits for
   * that recovery (as long as a call would) and returns the tokens it brought; null when it brought none.
   */
  private HeldTokens awaitAbandoned(Recovery recovery) {
    Recovery earlier;
    synchronized (lock) {
      earlier = abandoned;
    }
    if (earlier == null || earlier == recovery || earlier.stale.refreshToken() == null
        || !earlier.stale.refreshToken().equals(recovery.stale.refreshToken())) {
      return null;
    }
    try {
      earlier.finished.get(policy.joinTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (TimeoutException | ExecutionException e) {
      return null;
    }
    synchronized (lock) {
      return generation == recovery.generation && renewedSince(recovery) ? tokens : null;
    }
  }

  /** Without the refresh token: only a password sign-in can be mended by asking for the password. */
  private static LossReason refreshLoss(HeldTokens stale) {
    return stale.signInMethod() == SignInMethod.PASSWORD
        ? LossReason.REFRESH_REJECTED : LossReason.BROWSER_SIGN_IN_REQUIRED;
  }

  /** Saves new tokens, then makes them current, unless the session they were asked for has ended. */
  private HeldTokens adopt(Recovery recovery, TokenGrant grant, Rung rung) {
    HeldTokens renewed = received(grant, recovery.stale.signInMethod());
    boolean current = store.save(renewed.stored, () -> wanted(recovery));
    Recovery overtaken = null;
    if (current) {
      synchronized (lock) {
        current = wanted(recovery);
        if (current) tokens = renewed;
        if (current && recovery.abandoned) overtaken = inFlight;
      }
    }
    // The request given up on answered first: the calls waiting for its successor need not wait on.
    if (overtaken != null) overtaken.result.complete(renewed);
    if (!current) {
      // Signed out meanwhile: the new token must not stay live at the gateway. Signed in anew, or
      // renewed by the request that replaced this one: those tokens stand, and may be this very one
      // (WSO2 shares an active token).
      if (state == SessionState.SIGNED_OUT) revoke(renewed.stored);
      return null;
    }
    events.tokenRefreshed(rung);
    if (rung == Rung.PASSWORD_REPLAY) events.reauthenticated();
    checkDeviceScope(renewed);
    return renewed;
  }

  /**
   * Whether a grant for {@code recovery} may become the session's tokens: not once the session it was
   * asked for has ended, and, for a recovery given up on, only while nothing newer has arrived.
   */
  private boolean wanted(Recovery recovery) {
    return generation == recovery.generation && (!recovery.abandoned || !renewedSince(recovery));
  }

  /** Caller holds lock: whether the session holds another access token than the one {@code recovery} replaces. */
  private boolean renewedSince(Recovery recovery) {
    HeldTokens current = tokens;
    return current != null && !current.accessToken().equals(recovery.stale.accessToken());
  }

  /**
   * Ends the session, unless it is no longer this recovery's to end: another session began, or a
   * recovery that ran beside this one renewed the tokens (its tokens are the answer then).
   */
  private HeldTokens lose(Recovery recovery, LossReason reason) {
    synchronized (lock) {
      if (generation != recovery.generation || recovery.abandoned) return null;
      if (renewedSince(recovery)) return tokens;
      generation++;
      tokens = null;
      state = SessionState.SIGN_IN_REQUIRED;
      wipeCredentials();
    }
    store.clear();
    events.lost(reason);
    return null;
  }

  private void dropRefreshToken(Recovery recovery) {
    HeldTokens withoutRefresh;
    synchronized (lock) {
      if (generation != recovery.generation || tokens != recovery.stale || recovery.abandoned) return;
      withoutRefresh = tokens = recovery.stale.withoutRefreshToken();
    }
    store.save(withoutRefresh.stored, () -> tokens == withoutRefresh);
  }

  private Credentials heldCredentials(Recovery recovery) {
    synchronized (lock) {
      if (generation != recovery.generation || credentials == null) return null;
      return new Credentials(credentials.username, credentials.password());
    }
  }

  private void forgetCredentials(Recovery recovery) {
    synchronized (lock) {
      if (generation == recovery.generation && !recovery.abandoned) wipeCredentials();
    }
  }

  /** Once per token, however many calls met its 401 while the endpoint kept them waiting. */
  private void reportDisplacement(Recovery recovery) {
    synchronized (lock) {
      if (recovery.stale.accessToken().equals(displacementReported)) return;
      displacementReported = recovery.stale.accessToken();
    }
    events.displaced(recovery.gatewayCode);
  }

  private void warnForNow(TokenOutcome outcome) {
    switch (outcome.kind) {
      case NOT_OAUTH:
        events.warning(SessionWarning.UNEXPECTED_TOKEN_RESPONSE);
        break;
      case DEFERRED:
        if (endpoint.firstDeferralOfWindow()) events.warning(SessionWarning.RECOVERY_DEFERRED);
        break;
      default:
        events.warning(SessionWarning.TOKEN_ENDPOINT_UNAVAILABLE);
    }
  }

  /** WSO2 keeps access and refresh token as one record: revoking either revokes both. */
  private SignOutResult revoke(StoredTokens revoked) {
    boolean viaRefresh = revoked.refreshToken() != null;
    String failure = endpoint.revoke(viaRefresh ? revoked.refreshToken() : revoked.accessToken(),
        viaRefresh ? "refresh_token" : "access_token");
    return new SignOutResult(failure == null, failure);
  }

  private HeldTokens received(TokenGrant grant, SignInMethod method) {
    return HeldTokens.granted(grant, method, clock.instant(), ticker.nanoTime(), policy.refreshSkew);
  }

  private void checkDeviceScope(HeldTokens granted) {
    if (policy.deviceScope != null && !granted.stored.scopes().contains(policy.deviceScope)) {
      events.warning(SessionWarning.DEVICE_SCOPE_NOT_GRANTED);
    }
  }

  /** Caller holds lock. */
  private void wipeCredentials() {
    if (credentials != null) {
      credentials.wipe();
      credentials = null;
    }
  }

  private static SignInException signInFailure(TokenOutcome outcome) {
    switch (outcome.kind) {
      case UNAVAILABLE:
      case NOT_OAUTH:
      case DEFERRED:
        return new SignInException(SignInException.Reason.UNAVAILABLE, null,
            "The token endpoint is unavailable: " + outcome.description, null);
      default:
        break;
    }
    if (outcome.isRefusedWith("invalid_grant")) {
      return new SignInException(SignInException.Reason.INVALID_CREDENTIALS, outcome.error,
          "Wrong username or password", null);
    }
    if (outcome.isRefusedWith("invalid_client")) {
      return new SignInException(SignInException.Reason.CLIENT_REJECTED, outcome.error,
          "The gateway refused this client: check the consumer key and secret", null);
    }
    return new SignInException(SignInException.Reason.REFUSED, outcome.error,
        "The gateway refused the sign-in: HTTP " + outcome.status + " " + outcome.error
            + (outcome.description != null ? ": " + outcome.description : ""), null);
  }

  /** As {@link #signInFailure}, but {@code invalid_grant} refuses the code, not a password. */
  private static SignInException codeExchangeFailure(TokenOutcome outcome) {
    if (!outcome.isRefusedWith("invalid_grant")) return signInFailure(outcome);
    return new SignInException(SignInException.Reason.CODE_REJECTED, outcome.error,
        "The token endpoint refused the code: " + outcome.description, null);
  }

  /** One recovery: the token it replaces, why, and the result every waiting call gets. */
  private static final class Recovery {
    final long generation;
    final HeldTokens stale;
    final boolean after401;
    final String gatewayCode;
    final long startedNanos;
    /** What the waiting calls get; completed early, with null, when the recovery is given up on. */
    final CompletableFuture<HeldTokens> result = new CompletableFuture<>();
    /** What the recovery itself brought, whenever it ends. */
    final CompletableFuture<HeldTokens> finished = new CompletableFuture<>();
    /** Written under lock: given up on after the join timeout; its grant counts only if nothing newer came. */
    volatile boolean abandoned;

    Recovery(long generation, HeldTokens stale, boolean after401, String gatewayCode, long startedNanos) {
      this.generation = generation;
      this.stale = stale;
      this.after401 = after401;
      this.gatewayCode = gatewayCode;
      this.startedNanos = startedNanos;
    }
  }
}

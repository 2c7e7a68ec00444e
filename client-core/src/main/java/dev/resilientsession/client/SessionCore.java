package dev.resilientsession.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The session's state and its recovery ladder, in plain Java: OkHttp stays in the interceptor and
 * authenticator that call it. Thread-safe. One recovery at a time: the first thread to need a new
 * token leads it on its own thread, every other thread joins its future, and the new token is saved
 * before any of them is released.
 */
final class SessionCore {
  private final TokenEndpoint endpoint;
  private final TokenStore store;
  private final Clock clock;
  private final SessionEvents events;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final String scope;
  private final String deviceScope;
  private final boolean passwordReplay;
  private final Duration refreshSkew;
  private final Duration joinTimeout;
  private final Duration cooldown;
  private final int maxFutileRecoveries;
  private final NetworkMonitor network;

  private final Object lock = new Object();
  /** Read without the lock on every call; written under it. */
  private volatile StoredTokens tokens;
  private volatile SessionState state = SessionState.SIGNED_OUT;
  /** Guarded by lock. */
  private Credentials credentials;
  /** Guarded by lock: the recovery in flight, which every thread that needs a token joins. */
  private CompletableFuture<StoredTokens> inFlight;
  /** Written under lock; volatile so that {@link #callSucceeded()} can read it without the lock. */
  private volatile int futileRecoveries;
  /** Guarded by lock: no token request before this instant. */
  private Instant pausedUntil = Instant.MIN;

  SessionCore(TokenEndpoint endpoint, TokenStore store, Clock clock, SessionEvents events, Backoff backoff,
      Sleeper sleeper, Set<String> scopes, String deviceScope, boolean passwordReplay, Duration refreshSkew,
      Duration joinTimeout, Duration cooldown, int maxFutileRecoveries, NetworkMonitor network) {
    this.endpoint = endpoint;
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.backoff = backoff;
    this.sleeper = sleeper;
    Set<String> requested = new LinkedHashSet<>(scopes);
    if (deviceScope != null) requested.add(deviceScope);
    this.scope = requested.isEmpty() ? null : String.join(" ", requested);
    this.deviceScope = deviceScope;
    this.passwordReplay = passwordReplay;
    this.refreshSkew = refreshSkew;
    this.joinTimeout = joinTimeout;
    this.cooldown = cooldown;
    this.maxFutileRecoveries = maxFutileRecoveries;
    this.network = network;
    restore();
  }

  SessionState state() {
    return state;
  }

  /** The requested {@code scope} parameter, device scope included; null when none. */
  String scope() {
    return scope;
  }

  /** Signs in with the password grant; keeps a copy of the credentials for replay when allowed. */
  void signIn(String username, char[] password) throws SignInException {
    if (username == null || username.isEmpty()) throw new IllegalArgumentException("username is empty");
    if (password == null) throw new IllegalArgumentException("password is null");
    Credentials signingIn = new Credentials(username, password);
    TokenOutcome outcome = withBackoff(() -> endpoint.password(signingIn.username, signingIn.password(), scope));
    if (outcome.kind != TokenOutcome.Kind.GRANTED) {
      signingIn.wipe();
      throw signInFailure(outcome);
    }
    StoredTokens signedIn = toTokens(outcome.grant);
    save(signedIn);
    Credentials previous;
    synchronized (lock) {
      previous = credentials;
      credentials = passwordReplay ? signingIn : null;
      tokens = signedIn;
      state = SessionState.SIGNED_IN;
      futileRecoveries = 0;
      pausedUntil = Instant.MIN;
    }
    if (previous != null) previous.wipe();
    if (!passwordReplay) signingIn.wipe();
    events.signedIn(signedIn.scopes());
    checkDeviceScope(signedIn);
  }

  /** Revokes this device's token, then wipes local state whatever the revocation did. */
  SignOutResult signOut() {
    StoredTokens signedOut;
    synchronized (lock) {
      signedOut = tokens;
      tokens = null;
      state = SessionState.SIGNED_OUT;
      wipeCredentials();
    }
    SignOutResult result;
    if (signedOut == null) {
      result = new SignOutResult(false, null);
    } else {
      // WSO2 keeps access and refresh token as one record: revoking either revokes both.
      boolean viaRefresh = signedOut.refreshToken() != null;
      String failure = endpoint.revoke(viaRefresh ? signedOut.refreshToken() : signedOut.accessToken(),
          viaRefresh ? "refresh_token" : "access_token");
      result = new SignOutResult(failure == null, failure);
    }
    clearStore();
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
   * The access token for an outgoing call, renewed first when it is about to expire; null when
   * signed out. A renewal that fails for now still returns the old token if it has not expired.
   */
  String accessTokenForCall() {
    StoredTokens current = tokens;
    if (current == null) return null;
    if (needsRenewal(current, clock.instant())) {
      StoredTokens renewed = renew(current.accessToken(), false, null);
      if (renewed != null) return renewed.accessToken();
    }
    return current.accessToken();
  }

  /**
   * A token to retry a call that got 401 with {@code failedAccessToken}, or null when the caller
   * must take the 401: signed out, session lost, token endpoint unavailable, or recovery paused.
   */
  StoredTokens recover(String failedAccessToken, String gatewayCode) {
    return renew(failedAccessToken, true, gatewayCode);
  }

  /** A call retried with a freshly recovered token got 401 again. */
  void recoveryDidNotHelp() {
    boolean paused = false;
    synchronized (lock) {
      if (++futileRecoveries >= maxFutileRecoveries) {
        pausedUntil = clock.instant().plus(cooldown);
        futileRecoveries = 0;
        paused = true;
      }
    }
    if (paused) events.warning(SessionWarning.RECOVERY_PAUSED);
  }

  /** A call went through: the gateway accepts the current token. */
  void callSucceeded() {
    if (futileRecoveries != 0) {
      synchronized (lock) {
        futileRecoveries = 0;
      }
    }
  }

  private StoredTokens renew(String staleAccessToken, boolean after401, String gatewayCode) {
    CompletableFuture<StoredTokens> recovery;
    boolean leader = false;
    synchronized (lock) {
      if (state != SessionState.SIGNED_IN) return null;
      StoredTokens current = tokens;
      if (current != null && !current.accessToken().equals(staleAccessToken)) {
        return current; // Another thread already replaced it: retry with the current token.
      }
      if (inFlight != null) {
        recovery = inFlight;
      } else {
        if (clock.instant().isBefore(pausedUntil)) return null;
        recovery = inFlight = new CompletableFuture<>();
        leader = true;
      }
    }
    if (leader) {
      lead(recovery, after401, gatewayCode);
      return recovery.getNow(null);
    }
    return join(recovery);
  }

  private void lead(CompletableFuture<StoredTokens> recovery, boolean after401, String gatewayCode) {
    StoredTokens result = null;
    try {
      StoredTokens current = tokens;
      if (after401 && current != null && clock.instant().isBefore(current.expiresAt())) {
        events.displaced(gatewayCode);
      }
      result = climbLadder(current);
    } finally {
      synchronized (lock) {
        if (inFlight == recovery) inFlight = null;
      }
      recovery.complete(result);
    }
  }

  /** Refresh token, then password replay, then give up. Returns the new tokens, already saved. */
  private StoredTokens climbLadder(StoredTokens current) {
    if (current != null && current.refreshToken() != null) {
      String refreshToken = current.refreshToken();
      TokenOutcome outcome = withBackoff(() -> endpoint.refresh(refreshToken));
      switch (outcome.kind) {
        case GRANTED:
          return adopt(outcome.grant, Rung.REFRESH_TOKEN);
        case TRANSIENT:
          events.warning(SessionWarning.TOKEN_ENDPOINT_UNAVAILABLE);
          return null;
        default:
          if (outcome.isRefusedWith("invalid_client")) return lose(LossReason.CLIENT_REJECTED);
          dropRefreshToken(current);
      }
    }
    Credentials replay;
    synchronized (lock) {
      replay = passwordReplay && credentials != null ? new Credentials(credentials.username, credentials.password()) : null;
    }
    if (replay == null) return lose(LossReason.REFRESH_REJECTED);
    TokenOutcome outcome;
    try {
      outcome = withBackoff(() -> endpoint.password(replay.username, replay.password(), scope));
    } finally {
      replay.wipe();
    }
    switch (outcome.kind) {
      case GRANTED:
        StoredTokens replayed = adopt(outcome.grant, Rung.PASSWORD_REPLAY);
        if (replayed != null) events.reauthenticated();
        return replayed;
      case TRANSIENT:
        events.warning(SessionWarning.TOKEN_ENDPOINT_UNAVAILABLE);
        return null;
      default:
        if (outcome.isRefusedWith("invalid_grant")) return lose(LossReason.CREDENTIALS_REJECTED);
        if (outcome.isRefusedWith("invalid_client")) return lose(LossReason.CLIENT_REJECTED);
        return lose(LossReason.GRANT_REFUSED);
    }
  }

  /** Saves new tokens, then makes them current; returns null if the user signed out meanwhile. */
  private StoredTokens adopt(TokenGrant grant, Rung rung) {
    StoredTokens renewed = toTokens(grant);
    synchronized (lock) {
      if (state != SessionState.SIGNED_IN) return null;
    }
    save(renewed);
    synchronized (lock) {
      if (state != SessionState.SIGNED_IN) {
        clearStore();
        return null;
      }
      tokens = renewed;
    }
    events.tokenRefreshed(rung);
    checkDeviceScope(renewed);
    return renewed;
  }

  private StoredTokens lose(LossReason reason) {
    synchronized (lock) {
      if (state != SessionState.SIGNED_IN) return null;
      tokens = null;
      state = SessionState.SIGN_IN_REQUIRED;
      wipeCredentials();
    }
    clearStore();
    events.lost(reason);
    return null;
  }

  private void dropRefreshToken(StoredTokens current) {
    StoredTokens withoutRefresh = current.withoutRefreshToken();
    synchronized (lock) {
      if (tokens != current) return;
      tokens = withoutRefresh;
    }
    save(withoutRefresh);
  }

  private StoredTokens join(CompletableFuture<StoredTokens> recovery) {
    try {
      return recovery.get(joinTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private TokenOutcome withBackoff(Attempt attempt) {
    TokenOutcome outcome = null;
    for (int tries = 1; tries <= backoff.maxAttempts(); tries++) {
      if (!awaitNetwork()) return TokenOutcome.transientFailure("offline: no network to reach the token endpoint", null);
      outcome = attempt.run();
      if (outcome.kind != TokenOutcome.Kind.TRANSIENT || tries == backoff.maxAttempts()) return outcome;
      Duration delay = backoff.delayAfter(tries, outcome.retryAfter);
      if (delay == null) return outcome;
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return outcome;
      }
    }
    return outcome;
  }

  /** Waits for the network rather than spend a try on a device that is offline. */
  private boolean awaitNetwork() {
    if (network.isOnline()) return true;
    try {
      return network.awaitOnline(joinTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean needsRenewal(StoredTokens current, Instant now) {
    Duration lifetime = Duration.between(current.issuedAt(), current.expiresAt());
    Duration skew = refreshSkew.compareTo(lifetime.dividedBy(4)) < 0 ? refreshSkew : lifetime.dividedBy(4);
    return !now.isBefore(current.expiresAt().minus(skew));
  }

  private StoredTokens toTokens(TokenGrant grant) {
    Instant now = clock.instant();
    Set<String> granted = grant.scope == null || grant.scope.trim().isEmpty()
        ? Collections.emptySet() : new LinkedHashSet<>(Arrays.asList(grant.scope.trim().split("\\s+")));
    return new StoredTokens(grant.accessToken, grant.refreshToken, now, now.plusSeconds(grant.expiresIn), granted);
  }

  private void checkDeviceScope(StoredTokens granted) {
    if (deviceScope != null && !granted.scopes().contains(deviceScope)) {
      events.warning(SessionWarning.DEVICE_SCOPE_NOT_GRANTED);
    }
  }

  private void restore() {
    StoredTokens restored;
    try {
      restored = store.load();
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
      clearStore();
      return;
    }
    if (restored != null) {
      tokens = restored;
      state = SessionState.SIGNED_IN;
    }
  }

  private void save(StoredTokens saved) {
    try {
      store.save(saved);
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
    }
  }

  private void clearStore() {
    try {
      store.clear();
    } catch (TokenStoreException | RuntimeException e) {
      events.warning(SessionWarning.TOKEN_STORE_FAILED);
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
    if (outcome.kind == TokenOutcome.Kind.TRANSIENT) {
      return new SignInException(SignInException.Reason.UNAVAILABLE, null,
          "The token endpoint is unavailable: " + outcome.description, null);
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
        "The gateway refused the sign-in: HTTP " + outcome.status
            + (outcome.error != null ? " " + outcome.error : "")
            + (outcome.description != null ? ": " + outcome.description : ""), null);
  }

  private interface Attempt {
    TokenOutcome run();
  }
}

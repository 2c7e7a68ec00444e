package dev.resilientsession.client;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Retries token requests that failed for now, and remembers an outage across calls. A request that
 * fails (no answer, 408, 429, 5xx, an answer that is not OAuth) opens a window on the backoff's
 * schedule, or as long as {@code Retry-After} asks, however long that is; until it closes, token
 * requests fail at once as {@link TokenOutcome.Kind#DEFERRED} without reaching the endpoint. So a
 * failing endpoint sees the backoff's schedule, never one round of retries per call that met a 401.
 */
final class RetryingTokenEndpoint implements TokenEndpoint {
  private static final Predicate<TokenOutcome> ALWAYS = outcome -> true;

  private final TokenEndpoint endpoint;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private final NetworkMonitor network;
  private final Duration networkWait;

  /** Guarded by this: failed requests since the last answer that was not for now. */
  private int failures;
  /** Guarded by this: no request before this tick, while {@link #failures} is not zero. */
  private long notBeforeNanos;
  /** Guarded by this: whether the window is the endpoint's Retry-After rather than the backoff's. */
  private boolean serverAsked;
  /** Guarded by this: whether a deferred request of the current window has been reported. */
  private boolean deferralReported;

  RetryingTokenEndpoint(TokenEndpoint endpoint, Backoff backoff, Sleeper sleeper, Ticker ticker,
      NetworkMonitor network, Duration networkWait) {
    this.endpoint = endpoint;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.ticker = ticker;
    this.network = network;
    this.networkWait = networkWait;
  }

  @Override public TokenOutcome password(String username, char[] password, String scope) {
    return withRetries(false, ALWAYS, () -> endpoint.password(username, password, scope));
  }

  @Override public TokenOutcome refresh(String refreshToken) {
    return withRetries(false, ALWAYS, () -> endpoint.refresh(refreshToken));
  }

  /**
   * The code exchange of a browser sign-in the user is waiting for. Retried only when the endpoint
   * said it did not serve the request (408, 429, 503): a code works once, and WSO2 revokes what the
   * first use bought when it sees the code again, so a lost answer is not worth a second try.
   */
  @Override public TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier) {
    return withRetries(true, TokenOutcome::isUnserved,
        () -> endpoint.authorizationCode(code, redirectUri, codeVerifier));
  }

  /**
   * The password grant for a sign-in the user asked for: it goes ahead in the backoff's window, since
   * the user is there to wait; only the endpoint's own {@code Retry-After} holds it back.
   */
  TokenOutcome signIn(String username, char[] password, String scope) {
    return withRetries(true, ALWAYS, () -> endpoint.password(username, password, scope));
  }

  /** One try: a revocation is not worth holding up a sign-out for. */
  @Override public String revoke(String token, String tokenTypeHint) {
    return endpoint.revoke(token, tokenTypeHint);
  }

  /**
   * True once for each window in which a request was deferred, so that callers warn once per
   * window rather than once per call.
   */
  synchronized boolean firstDeferralOfWindow() {
    if (deferralReported) return false;
    deferralReported = true;
    return true;
  }

  private TokenOutcome withRetries(boolean userAsked, Predicate<TokenOutcome> retryable, Attempt attempt) {
    Duration waiting = windowLeft(userAsked);
    if (!waiting.isZero()) return TokenOutcome.deferred(waiting);
    for (int tries = 1; ; tries++) {
      if (!awaitNetwork()) return TokenOutcome.unavailable("offline: no network to reach the token endpoint", null);
      TokenOutcome outcome = attempt.run();
      if (!outcome.isForNow()) {
        succeeded();
        return outcome;
      }
      Duration delay = failed(outcome.retryAfter);
      // A wait longer than the backoff allows, the last try, or one not worth repeating: the window
      // carries it to later calls.
      if (tries >= backoff.maxAttempts() || delay.compareTo(backoff.maxDelay()) > 0 || !retryable.test(outcome)) {
        extendWindowTo(Backoff.MIN_WINDOW);
        return outcome;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return outcome;
      }
    }
  }

  private synchronized Duration windowLeft(boolean userAsked) {
    if (failures == 0 || (userAsked && !serverAsked)) return Duration.ZERO;
    long left = notBeforeNanos - ticker.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  private synchronized void succeeded() {
    failures = 0;
  }

  /** Opens the next window of the outage and returns its length. */
  private synchronized Duration failed(Duration retryAfter) {
    failures++;
    serverAsked = retryAfter != null;
    Duration delay = serverAsked ? retryAfter : backoff.delayAfter(failures);
    notBeforeNanos = ticker.nanoTime() + delay.toNanos();
    deferralReported = false;
    return delay;
  }

  private synchronized void extendWindowTo(Duration atLeast) {
    long candidate = ticker.nanoTime() + atLeast.toNanos();
    if (candidate - notBeforeNanos > 0) notBeforeNanos = candidate;
  }

  /** Waits for the network rather than spend a try on a device that is offline. */
  private boolean awaitNetwork() {
    if (network.isOnline()) return true;
    try {
      return network.awaitOnline(networkWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private interface Attempt {
    TokenOutcome run();
  }
}

package dev.resilientsession.client;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Paces token requests across an outage. The call that first meets a failure (no answer, 408, 429,
 * 5xx, an answer that is not OAuth) retries on the spot, briefly; after that an outage is known and
 * a window opens on the {@link Backoff} schedule, or as long as {@code Retry-After} asks, however
 * long that is. Until it closes, token requests fail at once as {@link TokenOutcome.Kind#DEFERRED}
 * without reaching the endpoint; when it closes, one request goes, and its failure opens a longer
 * window. So a failing endpoint sees one request per window per session, never a round per call.
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
  /** Guarded by this: requests started, numbering them; and the number of the latest that was answered. */
  private long started;
  private long lastAnswered;
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
    // In a known outage a call spends one try and the window paces the next; the user's own sign-in gets them all.
    int tries = outageKnown() && !userAsked ? 1 : backoff.maxAttempts();
    for (int tried = 1; ; tried++) {
      if (!awaitNetwork()) return TokenOutcome.unavailable("offline: no network to reach the token endpoint", null);
      long number = starting();
      TokenOutcome outcome = attempt.run();
      if (!outcome.isForNow()) {
        answered(number);
        return outcome;
      }
      Duration delay = failed(number, outcome.retryAfter);
      // A newer request was answered meanwhile: this late failure says nothing about the endpoint now.
      if (delay == null) return outcome;
      // The last try, a wait too long to block a call for, or one not worth repeating: the window
      // carries it to later calls.
      if (tried >= tries || delay.compareTo(Backoff.MAX_WAIT_IN_CALL) > 0 || !retryable.test(outcome)) {
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

  private synchronized boolean outageKnown() {
    return failures > 0;
  }

  private synchronized long starting() {
    return ++started;
  }

  private synchronized void answered(long number) {
    failures = 0;
    lastAnswered = Math.max(lastAnswered, number);
  }

  /**
   * Opens the next window of the outage and returns its length; null for a request older than the
   * last answered one (a hung request that failed at last), which opens nothing.
   */
  private synchronized Duration failed(long number, Duration retryAfter) {
    if (number < lastAnswered) return null;
    failures++;
    serverAsked = retryAfter != null;
    Duration delay = serverAsked ? Backoff.afterRetryAfter(retryAfter) : backoff.delayAfter(failures);
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

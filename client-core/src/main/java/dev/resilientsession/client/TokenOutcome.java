package dev.resilientsession.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The typed outcome of asking the token endpoint for a token. Only {@link Kind#REFUSED}, an OAuth
 * error body, may end a session or drop a refresh token; every other failure is for now.
 */
final class TokenOutcome {
  enum Kind {
    /** A token response. */
    GRANTED,
    /** An OAuth error ({@code invalid_grant}, {@code invalid_client}, ...): final for that rung. */
    REFUSED,
    /** No answer, a timeout, 408, 429 or 5xx: worth retrying with backoff. */
    UNAVAILABLE,
    /** An answer that is not OAuth (an HTML page, a redirect, a 200 without a token): a proxy, a WAF, a portal. */
    NOT_OAUTH,
    /** Not sent: the token endpoint is in a backoff window, or asked to wait with Retry-After. */
    DEFERRED
  }

  final Kind kind;
  final TokenGrant grant;
  /** The OAuth {@code error} of a refusal. */
  final String error;
  final int status;
  final String description;
  /** How long the endpoint asked to wait (UNAVAILABLE), or how long the window still runs (DEFERRED). */
  final Duration retryAfter;

  private TokenOutcome(Kind kind, TokenGrant grant, String error, int status, String description,
      Duration retryAfter) {
    this.kind = kind;
    this.grant = grant;
    this.error = error;
    this.status = status;
    this.description = description;
    this.retryAfter = retryAfter;
  }

  static TokenOutcome granted(TokenGrant grant) {
    return new TokenOutcome(Kind.GRANTED, grant, null, 200, null, null);
  }

  static TokenOutcome refused(int status, String error, String description) {
    return new TokenOutcome(Kind.REFUSED, null, error, status, description, null);
  }

  /** No answer at all: a connection failure or a timeout. The request may or may not have been served. */
  static TokenOutcome unavailable(String description, Duration retryAfter) {
    return unavailable(0, description, retryAfter);
  }

  /** {@code status} 408, 429 or 5xx: the endpoint answered that it could not serve the request. */
  static TokenOutcome unavailable(int status, String description, Duration retryAfter) {
    return new TokenOutcome(Kind.UNAVAILABLE, null, null, status, description, retryAfter);
  }

  static TokenOutcome notOAuth(int status, String description) {
    return new TokenOutcome(Kind.NOT_OAUTH, null, null, status, description, null);
  }

  static TokenOutcome deferred(Duration remaining) {
    return new TokenOutcome(Kind.DEFERRED, null, null, 0,
        "token requests wait " + Math.max(1, remaining.toSeconds()) + " s more", remaining);
  }

  /** True for the failures that keep the session: the token endpoint may answer properly later. */
  boolean isForNow() {
    return kind == Kind.UNAVAILABLE || kind == Kind.NOT_OAUTH || kind == Kind.DEFERRED;
  }

  /** An outcome for now where the endpoint said it did not serve the request: 408, 429 or 503. */
  boolean isUnserved() {
    return kind == Kind.DEFERRED || (kind == Kind.UNAVAILABLE && (status == 408 || status == 429 || status == 503));
  }

  boolean isRefusedWith(String oauthError) {
    return kind == Kind.REFUSED && oauthError.equals(error);
  }

  @Override public String toString() {
    switch (kind) {
      case GRANTED:
        return "TokenOutcome{granted " + grant + "}";
      case REFUSED:
        return "TokenOutcome{refused " + status + " " + error + ": " + description + "}";
      default:
        return "TokenOutcome{" + kind.name().toLowerCase(Locale.ROOT) + ": " + description + "}";
    }
  }
}

package dev.resilientsession.client;

import java.time.Duration;

/**
 * The typed outcome of one token-endpoint request: a grant, an OAuth refusal (final for that rung),
 * or a transient failure (network, timeout, 429, 5xx) worth retrying with backoff.
 */
final class TokenOutcome {
  enum Kind { GRANTED, REFUSED, TRANSIENT }

  final Kind kind;
  final TokenGrant grant;
  /** The OAuth {@code error} of a refusal; null when the endpoint sent none (an HTML 404, say). */
  final String error;
  final int status;
  final String description;
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

  static TokenOutcome transientFailure(String description, Duration retryAfter) {
    return new TokenOutcome(Kind.TRANSIENT, null, null, 0, description, retryAfter);
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
        return "TokenOutcome{transient: " + description + "}";
    }
  }
}

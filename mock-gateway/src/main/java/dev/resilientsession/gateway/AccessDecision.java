package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.TokenInfo;

/** What the gateway decided for one API call: let it through with its token, or a fault. */
final class AccessDecision {
  private final TokenInfo token;
  private final ApiFault fault;
  private final String description;

  private AccessDecision(TokenInfo token, ApiFault fault, String description) {
    this.token = token;
    this.fault = fault;
    this.description = description;
  }

  static AccessDecision allowed(TokenInfo token) {
    return new AccessDecision(token, null, null);
  }

  static AccessDecision denied(ApiFault fault, String description) {
    return new AccessDecision(null, fault, description);
  }

  boolean isAllowed() {
    return fault == null;
  }

  /** The validated token of an allowed call. */
  TokenInfo token() {
    return token;
  }

  /** The fault of a denied call. */
  ApiFault fault() {
    return fault;
  }

  /** A human-readable reason for a denied call, for the fault body's description. */
  String description() {
    return description;
  }

  @Override public String toString() {
    return isAllowed() ? "AccessDecision{allowed, user=" + token.user() + "}"
        : "AccessDecision{" + fault + ": " + description + "}";
  }
}

package dev.resilientsession.gateway.token;

/** How an application's access tokens look, which decides how a second token request is answered. */
public enum TokenType {
  /** Signed RS256 JWTs; a new request for the same key revokes the previous token. */
  JWT,
  /** Random strings; a new request for the same key gets the same active token back. */
  OPAQUE
}

package dev.resilientsession.gateway.token;

import java.time.Instant;
import java.util.Objects;

/**
 * An active token as the introspection endpoint (RFC 7662) describes it, after WSO2's {@code
 * TokenValidationHandler}: an access token is {@code Bearer}, with the access token's times; a
 * refresh token is {@code Refresh}, with the refresh token's own issue time and expiry, which an
 * inherited or non-rotated refresh token keeps from when it was first issued.
 *
 * @param token the row the token belongs to
 * @param refreshToken true when the token introspected is the row's refresh token
 * @param issuedAt {@code iat} and {@code nbf}
 * @param expiresAt {@code exp}
 */
public record Introspection(TokenInfo token, boolean refreshToken, Instant issuedAt, Instant expiresAt) {
  public Introspection {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** WSO2's {@code token_type}: {@code Bearer} for an access token, {@code Refresh} for a refresh token. */
  public String tokenType() {
    return refreshToken ? "Refresh" : "Bearer";
  }
}

package dev.resilientsession.gateway.token;

/** The {@code error} codes of RFC 6749 section 5.2 that the token, revoke and introspect endpoints use. */
public enum OAuthError {
  INVALID_REQUEST("invalid_request"),
  INVALID_CLIENT("invalid_client"),
  INVALID_GRANT("invalid_grant"),
  UNAUTHORIZED_CLIENT("unauthorized_client"),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
  /** Not in RFC 6749 section 5.2: for fault injection on the token endpoint. */
  TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

  private final String code;

  OAuthError(String code) {
    this.code = code;
  }

  /** The value of the {@code error} field. */
  public String code() {
    return code;
  }
}

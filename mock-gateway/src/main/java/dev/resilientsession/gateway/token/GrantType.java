package dev.resilientsession.gateway.token;

import java.util.Optional;

/** The OAuth 2.0 grants the token endpoint understands. */
public enum GrantType {
  PASSWORD("password"),
  REFRESH_TOKEN("refresh_token"),
  CLIENT_CREDENTIALS("client_credentials"),
  /** Browser sign-in: a code from {@code /oauth2/authorize}, exchanged once (RFC 6749 section 4.1). */
  AUTHORIZATION_CODE("authorization_code");

  private final String wireName;

  GrantType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code grant_type} parameter, as in {@code deployment.toml}. */
  public String wireName() {
    return wireName;
  }

  /** Returns the grant named {@code wireName}, or empty when the gateway does not know it. */
  public static Optional<GrantType> fromWireName(String wireName) {
    for (GrantType grantType : values()) {
      if (grantType.wireName.equals(wireName)) return Optional.of(grantType);
    }
    return Optional.empty();
  }
}

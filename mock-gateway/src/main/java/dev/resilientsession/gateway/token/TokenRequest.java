package dev.resilientsession.gateway.token;

/**
 * One call to the token endpoint, as the HTTP layer read it. Fields are null when absent. The
 * client secret, the password, the code and its verifier never appear in {@link #toString()}.
 */
public final class TokenRequest {
  private final String clientId;
  private final String clientSecret;
  private final String grantType;
  private final String username;
  private final String password;
  private final String refreshToken;
  private final String scope;
  private final String code;
  private final String redirectUri;
  private final String codeVerifier;

  private TokenRequest(Builder builder) {
    this.clientId = builder.clientId;
    this.clientSecret = builder.clientSecret;
    this.grantType = builder.grantType;
    this.username = builder.username;
    this.password = builder.password;
    this.refreshToken = builder.refreshToken;
    this.scope = builder.scope;
    this.code = builder.code;
    this.redirectUri = builder.redirectUri;
    this.codeVerifier = builder.codeVerifier;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String clientId() {
    return clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  public String grantType() {
    return grantType;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String refreshToken() {
    return refreshToken;
  }

  public String scope() {
    return scope;
  }

  /** The authorization code of the {@code authorization_code} grant. */
  public String code() {
    return code;
  }

  public String redirectUri() {
    return redirectUri;
  }

  /** The PKCE code verifier (RFC 7636). */
  public String codeVerifier() {
    return codeVerifier;
  }

  @Override public String toString() {
    return "TokenRequest{clientId=" + clientId + ", grantType=" + grantType
        + ", username=" + username + ", scope=" + scope + "}";
  }

  /** Builds a {@link TokenRequest}; fields left unset are absent from the request. */
  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private String grantType;
    private String username;
    private String password;
    private String refreshToken;
    private String scope;
    private String code;
    private String redirectUri;
    private String codeVerifier;

    private Builder() {
    }

    public Builder client(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      return this;
    }

    public Builder grantType(String grantType) {
      this.grantType = grantType;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder refreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    public Builder code(String code) {
      this.code = code;
      return this;
    }

    public Builder redirectUri(String redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    public Builder codeVerifier(String codeVerifier) {
      this.codeVerifier = codeVerifier;
      return this;
    }

    public TokenRequest build() {
      return new TokenRequest(this);
    }
  }
}

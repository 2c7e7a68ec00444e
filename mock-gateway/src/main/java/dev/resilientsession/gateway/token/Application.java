package dev.resilientsession.gateway.token;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** An OAuth client registered on the gateway: its keys, token type, allowed grants and validity. */
public final class Application {
  private final String consumerKey;
  private final String consumerSecret;
  private final TokenType tokenType;
  private final Set<GrantType> grantTypes;
  private final Duration accessTokenValidity;
  private final Duration refreshTokenValidity;
  private final String owner;

  private Application(Builder builder) {
    this.consumerKey = requireText(builder.consumerKey, "consumerKey");
    this.consumerSecret = requireText(builder.consumerSecret, "consumerSecret");
    this.tokenType = builder.tokenType;
    this.grantTypes = Collections.unmodifiableSet(EnumSet.copyOf(builder.grantTypes));
    this.accessTokenValidity = requirePositive(builder.accessTokenValidity, "accessTokenValidity");
    this.refreshTokenValidity = requirePositive(builder.refreshTokenValidity, "refreshTokenValidity");
    this.owner = requireText(builder.owner, "owner");
  }

  public static Builder builder(String consumerKey, String consumerSecret) {
    return new Builder(consumerKey, consumerSecret);
  }

  public String consumerKey() {
    return consumerKey;
  }

  /** True when {@code secret} is this application's consumer secret. */
  public boolean secretMatches(String secret) {
    return secret != null && java.security.MessageDigest.isEqual(
        consumerSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public TokenType tokenType() {
    return tokenType;
  }

  public Set<GrantType> grantTypes() {
    return grantTypes;
  }

  public boolean allows(GrantType grantType) {
    return grantTypes.contains(grantType);
  }

  public Duration accessTokenValidity() {
    return accessTokenValidity;
  }

  public Duration refreshTokenValidity() {
    return refreshTokenValidity;
  }

  /** The user that client_credentials tokens are issued to, as WSO2 uses the application owner. */
  public String owner() {
    return owner;
  }

  @Override public String toString() {
    return "Application{consumerKey=" + consumerKey + ", tokenType=" + tokenType
        + ", grantTypes=" + grantTypes + "}";
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is blank");
    return value;
  }

  private static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero() || value.getSeconds() < 2) {
      throw new IllegalArgumentException(name + " must be at least 2 seconds, was " + value);
    }
    return value;
  }

  /** Builds an {@link Application}; by default JWT, every grant, 3600 s access and 86400 s refresh validity, owner admin. */
  public static final class Builder {
    private final String consumerKey;
    private final String consumerSecret;
    private TokenType tokenType = TokenType.JWT;
    private Set<GrantType> grantTypes = EnumSet.allOf(GrantType.class);
    private Duration accessTokenValidity = Duration.ofSeconds(3600);
    private Duration refreshTokenValidity = Duration.ofSeconds(86400);
    private String owner = "admin";

    private Builder(String consumerKey, String consumerSecret) {
      this.consumerKey = consumerKey;
      this.consumerSecret = consumerSecret;
    }

    public Builder tokenType(TokenType tokenType) {
      this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
      return this;
    }

    /** The grants this application may use; a refresh token is issued only if REFRESH_TOKEN is one. */
    public Builder grantTypes(Set<GrantType> grantTypes) {
      if (grantTypes.isEmpty()) throw new IllegalArgumentException("grantTypes is empty");
      this.grantTypes = EnumSet.copyOf(grantTypes);
      return this;
    }

    public Builder grantTypes(GrantType first, GrantType... rest) {
      return grantTypes(EnumSet.of(first, rest));
    }

    public Builder accessTokenValidity(Duration validity) {
      this.accessTokenValidity = validity;
      return this;
    }

    public Builder refreshTokenValidity(Duration validity) {
      this.refreshTokenValidity = validity;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Application build() {
      return new Application(this);
    }
  }
}

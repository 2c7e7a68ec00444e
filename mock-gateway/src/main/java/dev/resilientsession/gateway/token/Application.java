package dev.resilientsession.gateway.token;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth client registered on the gateway: its keys, token type, allowed grants and validity, and
 * for browser sign-in its redirect URIs, PKCE rules and whether it is a public client (WSO2's
 * "allow authentication without the client secret").
 */
public final class Application {
  private final String consumerKey;
  private final String consumerSecret;
  private final TokenType tokenType;
  private final Set<GrantType> grantTypes;
  private final Duration accessTokenValidity;
  private final Duration refreshTokenValidity;
  private final String owner;
  private final boolean publicClient;
  private final boolean pkceMandatory;
  private final boolean pkcePlainAllowed;
  private final RedirectUris redirectUris;

  private Application(Builder builder) {
    this.consumerKey = requireText(builder.consumerKey, "consumerKey");
    this.publicClient = builder.publicClient;
    // A public client may have a secret too (WSO2 always makes one); it just need not send it.
    this.consumerSecret = publicClient && builder.consumerSecret == null ? null
        : requireText(builder.consumerSecret, "consumerSecret");
    this.tokenType = builder.tokenType;
    EnumSet<GrantType> grants = EnumSet.copyOf(builder.grantTypes);
    if (publicClient && grants.contains(GrantType.CLIENT_CREDENTIALS)) {
      if (builder.grantTypesSet) {
        throw new IllegalArgumentException("a public client cannot use client_credentials: it has no secret to prove");
      }
      grants.remove(GrantType.CLIENT_CREDENTIALS);
    }
    this.grantTypes = Collections.unmodifiableSet(grants);
    this.pkceMandatory = builder.pkceMandatory;
    this.pkcePlainAllowed = builder.pkcePlainAllowed;
    this.redirectUris = builder.redirectUris;
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
    return secret != null && consumerSecret != null && java.security.MessageDigest.isEqual(
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

  /** True when the application authenticates with its client id alone (it cannot keep a secret). */
  public boolean isPublicClient() {
    return publicClient;
  }

  /** True when an authorization request without a PKCE code challenge is refused. */
  public boolean pkceMandatory() {
    return pkceMandatory;
  }

  /** True when the {@code plain} code challenge method is accepted; S256 always is. */
  public boolean pkcePlainAllowed() {
    return pkcePlainAllowed;
  }

  /** Where the browser may be sent back with a code; none means no browser sign-in. */
  public RedirectUris redirectUris() {
    return redirectUris;
  }

  @Override public String toString() {
    return "Application{consumerKey=" + consumerKey + ", tokenType=" + tokenType
        + ", grantTypes=" + grantTypes + (publicClient ? ", public" : "") + "}";
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

  /**
   * Builds an {@link Application}; by default confidential, JWT, every grant, 3600 s access and
   * 86400 s refresh validity, owner admin, PKCE optional, no redirect URI.
   */
  public static final class Builder {
    private final String consumerKey;
    private final String consumerSecret;
    private TokenType tokenType = TokenType.JWT;
    private Set<GrantType> grantTypes = EnumSet.allOf(GrantType.class);
    private Duration accessTokenValidity = Duration.ofSeconds(3600);
    private Duration refreshTokenValidity = Duration.ofSeconds(86400);
    private String owner = "admin";
    private boolean grantTypesSet;
    private boolean publicClient;
    private boolean pkceMandatory;
    private boolean pkcePlainAllowed = true;
    private RedirectUris redirectUris = RedirectUris.none();

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
      this.grantTypesSet = true;
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

    /**
     * A public client authenticates with {@code client_id} alone, at the token and revoke endpoints;
     * it may not use {@code client_credentials}, which is dropped from the default grants. Its
     * consumer secret may be null.
     */
    public Builder publicClient(boolean publicClient) {
      this.publicClient = publicClient;
      return this;
    }

    /** Refuses authorization requests without a PKCE code challenge; false by default, as on WSO2. */
    public Builder pkceMandatory(boolean mandatory) {
      this.pkceMandatory = mandatory;
      return this;
    }

    /** Accepts the {@code plain} code challenge method; true by default, as on WSO2. */
    public Builder pkcePlainAllowed(boolean allowed) {
      this.pkcePlainAllowed = allowed;
      return this;
    }

    public Builder redirectUris(RedirectUris redirectUris) {
      this.redirectUris = Objects.requireNonNull(redirectUris, "redirectUris");
      return this;
    }

    /** See {@link RedirectUris#of}. */
    public Builder redirectUris(String... uris) {
      return redirectUris(RedirectUris.of(java.util.List.of(uris)));
    }

    public Application build() {
      return new Application(this);
    }
  }
}

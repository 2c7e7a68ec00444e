package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a mock gateway is configured with: users, applications, protected resources and
 * WSO2's switches. Immutable; build one in code, or load a {@code deployment.toml}-style file with
 * {@code dev.resilientsession.gateway.config.ConfigLoader}.
 */
public final class GatewayConfig {
  /** Consumer key and secret of the default JWT application. */
  public static final String DEFAULT_JWT_KEY = "jwt-client";
  public static final String DEFAULT_JWT_SECRET = "jwt-client-secret";
  /** Consumer key and secret of the default OPAQUE application. */
  public static final String DEFAULT_OPAQUE_KEY = "opaque-client";
  public static final String DEFAULT_OPAQUE_SECRET = "opaque-client-secret";
  /** Client id of the default public JWT application, for browser sign-in: no secret, PKCE mandatory. */
  public static final String DEFAULT_PUBLIC_KEY = "public-client";
  /** The default public application's loopback redirect URI; any port matches (RFC 8252 section 7.3). */
  public static final String DEFAULT_LOOPBACK_REDIRECT_URI = "http://127.0.0.1/callback";
  /** The default public application's private-use scheme redirect URI (RFC 8252 section 7.1), for Android. */
  public static final String DEFAULT_APP_REDIRECT_URI = "dev.resilientsession.sample:/callback";

  private final List<User> users;
  private final List<Application> applications;
  private final List<ResourceRule> resources;
  private final ErrorFormat errorFormat;
  private final RenewalPolicy jwtRenewal;
  private final RenewalPolicy opaqueRenewal;
  private final boolean rotateRefreshTokens;
  private final boolean extendRenewedRefreshTokenExpiry;
  private final boolean renewAccessTokenPerRequest;
  private final AccountLockout accountLockout;
  private final Duration gatewayTokenCache;
  private final Duration revocationDelay;
  private final OAuthError unknownGrantTypeError;
  private final boolean strictResources;
  private final String issuer;
  private final int maxBodyBytes;
  private final Duration authorizationCodeValidity;
  private final int tokenCapacity;

  private GatewayConfig(Builder builder) {
    requireUnique(builder.users.stream().map(User::username).iterator(), "username");
    requireUnique(builder.applications.stream().map(Application::consumerKey).iterator(), "consumer key");
    this.users = List.copyOf(builder.users);
    this.applications = List.copyOf(builder.applications);
    this.resources = List.copyOf(builder.resources);
    this.errorFormat = builder.errorFormat;
    this.jwtRenewal = builder.jwtRenewal;
    this.opaqueRenewal = builder.opaqueRenewal;
    this.rotateRefreshTokens = builder.rotateRefreshTokens;
    this.extendRenewedRefreshTokenExpiry = builder.extendRenewedRefreshTokenExpiry;
    this.renewAccessTokenPerRequest = builder.renewAccessTokenPerRequest;
    this.accountLockout = builder.accountLockout;
    this.gatewayTokenCache = builder.gatewayTokenCache;
    this.revocationDelay = builder.revocationDelay;
    this.unknownGrantTypeError = builder.unknownGrantTypeError;
    this.strictResources = builder.strictResources;
    this.issuer = builder.issuer;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.authorizationCodeValidity = builder.authorizationCodeValidity;
    this.tokenCapacity = builder.tokenCapacity;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireUnique(Iterator<String> names, String what) {
    Set<String> seen = new HashSet<>();
    while (names.hasNext()) {
      String name = names.next();
      if (!seen.add(name)) throw new IllegalArgumentException("duplicate " + what + " " + name);
    }
  }

  /**
   * What the standalone gateway starts with when given no config: user {@code admin} (password
   * {@code admin}), a JWT application {@value #DEFAULT_JWT_KEY} / {@value #DEFAULT_JWT_SECRET} and
   * an OPAQUE application {@value #DEFAULT_OPAQUE_KEY} / {@value #DEFAULT_OPAQUE_SECRET}, every
   * grant allowed, and a public JWT application {@value #DEFAULT_PUBLIC_KEY} for browser sign-in
   * (PKCE with S256 mandatory, redirect URIs {@value #DEFAULT_LOOPBACK_REDIRECT_URI} on any port and
   * {@value #DEFAULT_APP_REDIRECT_URI}; every grant but client_credentials); WSO2's default
   * validity (3600 s access, 86400 s refresh).
   */
  public static GatewayConfig defaults() {
    return builder()
        .user(User.of("admin", "admin"))
        .application(Application.builder(DEFAULT_JWT_KEY, DEFAULT_JWT_SECRET).tokenType(TokenType.JWT).build())
        .application(Application.builder(DEFAULT_OPAQUE_KEY, DEFAULT_OPAQUE_SECRET).tokenType(TokenType.OPAQUE).build())
        .application(Application.builder(DEFAULT_PUBLIC_KEY, null).tokenType(TokenType.JWT).publicClient(true)
            .pkceMandatory(true).pkcePlainAllowed(false).redirectUris(DEFAULT_LOOPBACK_REDIRECT_URI, DEFAULT_APP_REDIRECT_URI).build())
        .build();
  }

  public List<User> users() {
    return users;
  }

  public List<Application> applications() {
    return applications;
  }

  public List<ResourceRule> resources() {
    return resources;
  }

  public ErrorFormat errorFormat() {
    return errorFormat;
  }

  /** {@code [oauth.jwt.renew_token_without_revoking_existing]} */
  public RenewalPolicy jwtRenewal() {
    return jwtRenewal;
  }

  /** {@code [oauth.opaque.renew_token_without_revoking_existing]} */
  public RenewalPolicy opaqueRenewal() {
    return opaqueRenewal;
  }

  public boolean rotateRefreshTokens() {
    return rotateRefreshTokens;
  }

  /**
   * WSO2's {@code ExtendRenewedRefreshTokenExpiryTime}: a rotated refresh token gets a fresh full
   * validity (true, the default), so an app that keeps refreshing stays signed in; false keeps the
   * first refresh token's expiry.
   */
  public boolean extendRenewedRefreshTokenExpiry() {
    return extendRenewedRefreshTokenExpiry;
  }

  /**
   * {@code [oauth.token_renewal] renew_access_token_per_request}: every password, client credentials
   * and authorization code request gets a new access token and a new refresh token, and the key's
   * previous pair is revoked, for OPAQUE applications too (which otherwise hand back the same token).
   * A grant that {@code renew_token_without_revoking_existing} lists still revokes nothing, and the
   * refresh grant keeps its own rules. False (WSO2's default) reuses, revokes and inherits as usual.
   */
  public boolean renewAccessTokenPerRequest() {
    return renewAccessTokenPerRequest;
  }

  /** Locking a user out after failed password grants; {@link AccountLockout#disabled()} by default. */
  public AccountLockout accountLockout() {
    return accountLockout;
  }

  /**
   * How long the gateway trusts a token it has validated ({@code [apim.cache.gateway_token]}): a
   * revoked or expired token keeps working until its cache entry expires. Zero (the default) checks
   * every call against the key manager.
   */
  public Duration gatewayTokenCache() {
    return gatewayTokenCache;
  }

  /**
   * How long a revocation takes to reach the gateway, as with a revocation event crossing a real
   * deployment: the revoked token keeps working for this long. Zero (the default) is instant.
   */
  public Duration revocationDelay() {
    return revocationDelay;
  }

  public OAuthError unknownGrantTypeError() {
    return unknownGrantTypeError;
  }

  public boolean strictResources() {
    return strictResources;
  }

  public String issuer() {
    return issuer;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** How long an authorization code may wait for its exchange; WSO2's default is 300 s. */
  public Duration authorizationCodeValidity() {
    return authorizationCodeValidity;
  }

  /**
   * How many token requests a second the key manager takes on, as an overloaded one does: beyond
   * it (with a burst of up to one second's worth) requests are shed before any grant work, with 503
   * {@code temporarily_unavailable} and {@code Retry-After: 1}. Zero (the default) is no limit.
   */
  public int tokenCapacity() {
    return tokenCapacity;
  }

  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.users.addAll(users);
    builder.applications.addAll(applications);
    builder.resources.addAll(resources);
    builder.errorFormat = errorFormat;
    builder.jwtRenewal = jwtRenewal;
    builder.opaqueRenewal = opaqueRenewal;
    builder.rotateRefreshTokens = rotateRefreshTokens;
    builder.extendRenewedRefreshTokenExpiry = extendRenewedRefreshTokenExpiry;
    builder.renewAccessTokenPerRequest = renewAccessTokenPerRequest;
    builder.accountLockout = accountLockout;
    builder.gatewayTokenCache = gatewayTokenCache;
    builder.revocationDelay = revocationDelay;
    builder.unknownGrantTypeError = unknownGrantTypeError;
    builder.strictResources = strictResources;
    builder.issuer = issuer;
    builder.maxBodyBytes = maxBodyBytes;
    builder.authorizationCodeValidity = authorizationCodeValidity;
    builder.tokenCapacity = tokenCapacity;
    return builder;
  }

  @Override public String toString() {
    return "GatewayConfig{users=" + users + ", applications=" + applications + ", resources=" + resources
        + ", errorFormat=" + errorFormat + ", jwtRenewal=" + jwtRenewal + ", opaqueRenewal=" + opaqueRenewal
        + (renewAccessTokenPerRequest ? ", renewAccessTokenPerRequest" : "")
        + (tokenCapacity != 0 ? ", tokenCapacity=" + tokenCapacity + "/s" : "") + "}";
  }

  /** Builds a {@link GatewayConfig}; starts empty (no users, no applications). */
  public static final class Builder {
    private final List<User> users = new ArrayList<>();
    private final List<Application> applications = new ArrayList<>();
    private final List<ResourceRule> resources = new ArrayList<>();
    private ErrorFormat errorFormat = ErrorFormat.JSON;
    private RenewalPolicy jwtRenewal = RenewalPolicy.disabled();
    private RenewalPolicy opaqueRenewal = RenewalPolicy.disabled();
    private boolean rotateRefreshTokens = true;
    private boolean extendRenewedRefreshTokenExpiry = true;
    private boolean renewAccessTokenPerRequest;
    private AccountLockout accountLockout = AccountLockout.disabled();
    private Duration gatewayTokenCache = Duration.ZERO;
    private Duration revocationDelay = Duration.ZERO;
    private OAuthError unknownGrantTypeError = OAuthError.UNSUPPORTED_GRANT_TYPE;
    private boolean strictResources;
    private String issuer = "https://localhost:9443/oauth2/token";
    private int maxBodyBytes = 64 * 1024;
    private Duration authorizationCodeValidity = Duration.ofSeconds(300);
    private int tokenCapacity;

    private Builder() {
    }

    public Builder user(User user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    public Builder application(Application application) {
      applications.add(Objects.requireNonNull(application, "application"));
      return this;
    }

    /** Resources are matched in the order they are added; the first match decides. */
    public Builder resource(ResourceRule resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    public Builder errorFormat(ErrorFormat errorFormat) {
      this.errorFormat = Objects.requireNonNull(errorFormat, "errorFormat");
      return this;
    }

    public Builder jwtRenewal(RenewalPolicy policy) {
      this.jwtRenewal = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder opaqueRenewal(RenewalPolicy policy) {
      this.opaqueRenewal = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** {@code [oauth.token_renewal] renew_refresh_token}; true (WSO2's default) rotates refresh tokens. */
    public Builder rotateRefreshTokens(boolean rotate) {
      this.rotateRefreshTokens = rotate;
      return this;
    }

    /** See {@link GatewayConfig#extendRenewedRefreshTokenExpiry()}. */
    public Builder extendRenewedRefreshTokenExpiry(boolean extend) {
      this.extendRenewedRefreshTokenExpiry = extend;
      return this;
    }

    /** See {@link GatewayConfig#renewAccessTokenPerRequest()}. */
    public Builder renewAccessTokenPerRequest(boolean renew) {
      this.renewAccessTokenPerRequest = renew;
      return this;
    }

    public Builder accountLockout(AccountLockout lockout) {
      this.accountLockout = Objects.requireNonNull(lockout, "lockout");
      return this;
    }

    /** See {@link GatewayConfig#gatewayTokenCache()}. */
    public Builder gatewayTokenCache(Duration expiry) {
      this.gatewayTokenCache = requireNotNegative(expiry, "gatewayTokenCache");
      return this;
    }

    /** See {@link GatewayConfig#revocationDelay()}. */
    public Builder revocationDelay(Duration delay) {
      this.revocationDelay = requireNotNegative(delay, "revocationDelay");
      return this;
    }

    private static Duration requireNotNegative(Duration duration, String name) {
      if (Objects.requireNonNull(duration, name).isNegative()) throw new IllegalArgumentException(name + " is negative");
      return duration;
    }

    /** {@code unsupported_grant_type} (RFC 6749, the default) or {@code invalid_request} (what WSO2 answers). */
    public Builder unknownGrantTypeError(OAuthError error) {
      if (error != OAuthError.UNSUPPORTED_GRANT_TYPE && error != OAuthError.INVALID_REQUEST) {
        throw new IllegalArgumentException("unknown grant types are answered with unsupported_grant_type or invalid_request");
      }
      this.unknownGrantTypeError = error;
      return this;
    }

    /** When true, calls that match no resource get 403 900906 instead of being served. */
    public Builder strictResources(boolean strict) {
      this.strictResources = strict;
      return this;
    }

    /** The {@code iss} claim of issued JWTs. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Request bodies larger than this are refused with 400 invalid_request. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1024) throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** See {@link GatewayConfig#authorizationCodeValidity()}; at least one second. */
    public Builder authorizationCodeValidity(Duration validity) {
      if (Objects.requireNonNull(validity, "validity").compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("authorizationCodeValidity must be at least 1 second, was " + validity);
      }
      this.authorizationCodeValidity = validity;
      return this;
    }

    /** See {@link GatewayConfig#tokenCapacity()}; 1 to 1,000,000 requests a second. */
    public Builder tokenCapacity(int requestsPerSecond) {
      if (requestsPerSecond < 1 || requestsPerSecond > TokenCapacity.MAX_PER_SECOND) {
        throw new IllegalArgumentException("tokenCapacity must be 1 to " + TokenCapacity.MAX_PER_SECOND
            + " requests per second, was " + requestsPerSecond);
      }
      this.tokenCapacity = requestsPerSecond;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(this);
    }
  }
}

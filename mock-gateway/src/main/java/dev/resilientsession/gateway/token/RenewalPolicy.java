package dev.resilientsession.gateway.token;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * WSO2's {@code renew_token_without_revoking_existing} switch for one token type: when enabled,
 * token requests of the listed grant types get a new token and leave the existing ones active. It is
 * decided before {@code renew_access_token_per_request}, so a listed grant revokes nothing even then.
 */
public final class RenewalPolicy {
  private static final RenewalPolicy DISABLED =
      new RenewalPolicy(false, EnumSet.of(GrantType.CLIENT_CREDENTIALS));

  private final boolean enabled;
  private final Set<GrantType> allowedGrantTypes;

  private RenewalPolicy(boolean enabled, Set<GrantType> allowedGrantTypes) {
    this.enabled = enabled;
    this.allowedGrantTypes = Collections.unmodifiableSet(
        allowedGrantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class) : EnumSet.copyOf(allowedGrantTypes));
  }

  /** The default: one active token per key. */
  public static RenewalPolicy disabled() {
    return DISABLED;
  }

  /** Enabled for WSO2's default list, {@code ["client_credentials"]}. */
  public static RenewalPolicy enabled() {
    return new RenewalPolicy(true, EnumSet.of(GrantType.CLIENT_CREDENTIALS));
  }

  /** Enabled for exactly these grants, as {@code allowed_grant_types} lists them. */
  public static RenewalPolicy enabledFor(Set<GrantType> allowedGrantTypes) {
    return new RenewalPolicy(true, allowedGrantTypes);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public Set<GrantType> allowedGrantTypes() {
    return allowedGrantTypes;
  }

  /** True when a request of this grant gets a new token without revoking the existing ones. */
  public boolean renewsWithoutRevoking(GrantType grantType) {
    return enabled && allowedGrantTypes.contains(grantType);
  }

  @Override public String toString() {
    return enabled ? "RenewalPolicy{enabled, allowedGrantTypes=" + allowedGrantTypes + "}"
        : "RenewalPolicy{disabled}";
  }
}

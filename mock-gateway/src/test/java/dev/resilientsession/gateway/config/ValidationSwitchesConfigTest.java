package dev.resilientsession.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.GatewayConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WSO2's keys for the switches that make token validation less than instant, and account locking. */
class ValidationSwitchesConfigTest {
  @Test void everySwitchIsOffByDefault() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("empty.toml", "");

    assertThat(config.gatewayTokenCache()).isZero();
    assertThat(config.revocationDelay()).isZero();
    assertThat(config.accountLockout().isEnabled()).isFalse();
    assertThat(config.extendRenewedRefreshTokenExpiry()).isTrue();
  }

  @Test void theGatewayTokenCacheReadsWso2sKeys() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml", "[apim.cache.gateway_token]\nenable = true\nexpiry_time = \"15m\"\n");

    assertThat(config.gatewayTokenCache()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test void anEnabledCacheWithoutAnExpiryCachesForWso2sDefault() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml", "[apim.cache.gateway_token]\nenable = true\n");

    assertThat(config.gatewayTokenCache()).isEqualTo(Duration.ofSeconds(900));
  }

  @Test void aDisabledCacheIsOff() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml", "[apim.cache.gateway_token]\nenable = false\nexpiry_time = 900\n");

    assertThat(config.gatewayTokenCache()).isZero();
  }

  @Test void theRevocationDelayIsTheMocksOwnKey() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml", "[gateway]\nrevocation_delay = \"1500ms\"\n");

    assertThat(config.revocationDelay()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test void accountLockingReadsIdentityServersKeys() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml", "[identity_mgt.account_locking]\n"
        + "enable_account_locking = true\nallowed_failed_attempts = 3\nauto_unlock_after = 10\n");

    AccountLockout lockout = config.accountLockout();
    assertThat(lockout.maxFailedAttempts()).isEqualTo(3);
    assertThat(lockout.duration()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test void accountLockingDefaultsToFiveAttemptsAndFiveMinutes() throws ConfigException {
    AccountLockout lockout = ConfigLoader.parse("d.toml",
        "[identity_mgt.account_locking]\nenable_account_locking = true\n").accountLockout();

    assertThat(lockout.maxFailedAttempts()).isEqualTo(5);
    assertThat(lockout.duration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test void keepingTheFirstRefreshExpiryIsWso2sSwitch() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse("d.toml",
        "[oauth.token_renewal]\nextend_refresh_token_expiry_time_on_renewal = false\n");

    assertThat(config.extendRenewedRefreshTokenExpiry()).isFalse();
  }

  @Test void aBadDurationNamesTheFileLineAndKey() {
    ConfigException e = assertThrows(ConfigException.class, () ->
        ConfigLoader.parse("d.toml", "[gateway]\nerror_format = \"json\"\nrevocation_delay = \"soon\"\n"));

    assertThat(e.getMessage()).startsWith("d.toml:3: gateway.revocation_delay: ").contains("\"900s\"");
  }

  @Test void zeroFailedAttemptsIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("d.toml",
        "[identity_mgt.account_locking]\nenable_account_locking = true\nallowed_failed_attempts = 0\n"));

    assertThat(e.getMessage()).startsWith("d.toml:3: identity_mgt.account_locking.allowed_failed_attempts: ");
  }
}

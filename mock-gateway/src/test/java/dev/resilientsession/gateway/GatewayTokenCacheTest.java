package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.TokenRequest;
import dev.resilientsession.gateway.token.TokenService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A gateway that caches validated tokens lets a revoked one through until the entry expires. */
class GatewayTokenCacheTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = TokenService.create(GatewayConfig.defaults(), clock);
  private final GatewayTokenCache cache = new GatewayTokenCache(tokens, Duration.ofMinutes(15), clock);

  @Test void aRevokedTokenKeepsWorkingUntilItsCacheEntryExpires() {
    IssuedToken token = signIn();
    assertThat(cache.validate(token.accessToken())).isPresent();
    tokens.revoke(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET, token.accessToken(), null);

    assertThat(cache.validate(token.accessToken())).as("cached").isPresent();
    clock.advance(Duration.ofMinutes(15));
    assertThat(cache.validate(token.accessToken())).isEmpty();
  }

  @Test void aTokenNeverSeenBeforeItsRevocationIsRefusedAtOnce() {
    IssuedToken token = signIn();
    tokens.revoke(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET, token.accessToken(), null);

    assertThat(cache.validate(token.accessToken())).isEmpty();
  }

  @Test void anExpiredTokenIsRefusedEvenFromTheCache() {
    GatewayTokenCache longCache = new GatewayTokenCache(tokens, Duration.ofHours(2), clock);
    IssuedToken token = signIn();
    assertThat(longCache.validate(token.accessToken())).isPresent();

    clock.advance(Duration.ofHours(1));

    assertThat(longCache.validate(token.accessToken())).isEmpty();
  }

  @Test void withoutACacheEveryCallAsksTheKeyManager() {
    GatewayTokenCache noCache = new GatewayTokenCache(tokens, Duration.ZERO, clock);
    IssuedToken token = signIn();
    assertThat(noCache.validate(token.accessToken())).isPresent();
    tokens.revoke(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET, token.accessToken(), null);

    assertThat(noCache.validate(token.accessToken())).isEmpty();
  }

  private IssuedToken signIn() {
    return tokens.token(TokenRequest.builder()
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .grantType("password").username("admin").password("admin").build());
  }
}

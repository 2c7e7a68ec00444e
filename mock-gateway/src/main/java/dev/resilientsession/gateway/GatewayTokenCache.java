package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.TokenInfo;
import dev.resilientsession.gateway.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's token cache ({@code [apim.cache.gateway_token]}): a token the key manager once
 * found valid is trusted for the cache's expiry time without asking again, so a revoked token keeps
 * working until its entry expires. Expiry is still checked on every hit, as WSO2's APIKeyValidator
 * does. With a zero expiry every call asks the key manager.
 */
final class GatewayTokenCache {
  /** Entries beyond this are dropped wholesale; a cache is allowed to forget. */
  private static final int MAX_ENTRIES = 100_000;

  private final TokenService tokens;
  private final Duration expiry;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  GatewayTokenCache(TokenService tokens, Duration expiry, Clock clock) {
    this.tokens = tokens;
    this.expiry = expiry;
    this.clock = clock;
  }

  /** The token's details if the gateway lets it through. */
  Optional<TokenInfo> validate(String accessToken) {
    if (expiry.isZero()) return tokens.validateAtGateway(accessToken);
    Instant now = clock.instant();
    Entry cached = entries.get(accessToken);
    if (cached != null) {
      if (now.isBefore(cached.until) && now.isBefore(cached.token.expiresAt())) return Optional.of(cached.token);
      entries.remove(accessToken, cached);
    }
    Optional<TokenInfo> token = tokens.validateAtGateway(accessToken);
    if (token.isPresent()) {
      if (entries.size() >= MAX_ENTRIES) entries.clear();
      entries.put(accessToken, new Entry(token.get(), now.plus(expiry)));
    }
    return token;
  }

  /** Forgets every entry, as a restarted gateway would. */
  void clear() {
    entries.clear();
  }

  private static final class Entry {
    final TokenInfo token;
    final Instant until;

    Entry(TokenInfo token, Instant until) {
      this.token = token;
      this.until = until;
    }
  }
}

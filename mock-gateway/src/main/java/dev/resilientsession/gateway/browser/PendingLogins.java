package dev.resilientsession.gateway.browser;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Authorization requests waiting for their user to sign in, by WSO2's {@code sessionDataKey}: the
 * login form's only link to its request. Each is bound to the browser that started it by a nonce
 * cookie, so a form posted from another site or browser (login CSRF) is refused; each completes
 * once, and expires unused after {@link #VALIDITY}.
 */
final class PendingLogins {
  static final Duration VALIDITY = Duration.ofMinutes(15);
  /** Beyond this many waiting requests new ones are refused, so a flood of authorize calls cannot exhaust memory. */
  static final int CAPACITY = 100_000;
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final Supplier<String> random;
  private final Map<String, Pending> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  PendingLogins(Clock clock, Supplier<String> random) {
    this.clock = clock;
    this.random = random;
  }

  /** Holds {@code request} for its sign-in; null when too many are waiting. */
  Pending add(AuthorizeRequest request) {
    Instant now = clock.instant();
    if (sinceSweep.incrementAndGet() >= SWEEP_EVERY || byKey.size() >= CAPACITY) {
      sinceSweep.set(0);
      byKey.values().removeIf(pending -> pending.expired(now));
      if (byKey.size() >= CAPACITY) return null;
    }
    Pending pending = new Pending(random.get(), random.get(), request, now.plus(VALIDITY));
    byKey.put(pending.key, pending);
    return pending;
  }

  /** The live request of {@code key}, or null. */
  Pending find(String key) {
    if (key == null) return null;
    Pending pending = byKey.get(key);
    if (pending == null) return null;
    if (pending.expired(clock.instant())) {
      byKey.remove(key, pending);
      return null;
    }
    return pending;
  }

  /** Takes the request out, once: false when another thread completed it first. */
  boolean complete(Pending pending) {
    return byKey.remove(pending.key, pending);
  }

  void clear() {
    byKey.clear();
  }

  int size() {
    return byKey.size();
  }

  /** One waiting request. {@code signedInCookie} is set once its user signed in. */
  static final class Pending {
    final String key;
    final String nonce;
    final AuthorizeRequest request;
    final Instant expiresAt;
    /** The username of the last failed attempt, to fill the form again; never put in a URL. */
    volatile String lastUsername;
    /** The browser session the sign-in started; set once, when the form was accepted. */
    volatile String sessionCookie;

    Pending(String key, String nonce, AuthorizeRequest request, Instant expiresAt) {
      this.key = key;
      this.nonce = nonce;
      this.request = request;
      this.expiresAt = expiresAt;
    }

    boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }

    /** True when {@code cookie} is this request's browser nonce; compared in constant time. */
    boolean boundTo(String cookie) {
      return cookie != null && MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
          cookie.getBytes(StandardCharsets.UTF_8));
    }
  }
}

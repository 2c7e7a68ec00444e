package dev.resilientsession.gateway.browser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The browser sessions, by cookie value. A session ends when it sits idle past the timeout (WSO2's
 * {@code idle_session_timeout}, 15 minutes), at {@code /oidc/logout}, or when an administrator
 * ends it; a password change ends the user's sessions, as WSO2 terminates them on a credential update.
 */
final class BrowserSessions {
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);
  private static final int SWEEP_EVERY = 1024;

  private final Clock clock;
  private final Supplier<String> random;
  private final Map<String, Entry> byCookie = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  BrowserSessions(Clock clock, Supplier<String> random) {
    this.clock = clock;
    this.random = random;
  }

  /** Starts a session for {@code user}; returns the cookie value. Idle sessions are swept now and then. */
  String start(String user) {
    Instant now = clock.instant();
    if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      sinceSweep.set(0);
      byCookie.values().removeIf(entry -> entry.idle(now));
    }
    String cookie = random.get() + random.get();
    byCookie.put(cookie, new Entry(random.get(), user, now));
    return cookie;
  }

  /** The live session of this cookie, touched as used now; null when none. */
  Entry find(String cookie) {
    if (cookie == null) return null;
    Entry entry = byCookie.get(cookie);
    if (entry == null) return null;
    Instant now = clock.instant();
    if (entry.idle(now)) {
      byCookie.remove(cookie, entry);
      return null;
    }
    entry.lastUsedAt = now;
    return entry;
  }

  /** Ends the session of this cookie; false when there was none. */
  boolean endByCookie(String cookie) {
    return cookie != null && byCookie.remove(cookie) != null;
  }

  /** Ends the session with this id; false when there was none. */
  boolean end(String id) {
    byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
    return byCookie.values().removeIf(entry -> MessageDigest.isEqual(entry.id.getBytes(StandardCharsets.UTF_8), wanted));
  }

  /** Ends every session of {@code user}; returns how many. */
  int endAll(String user) {
    int[] ended = {0};
    byCookie.values().removeIf(entry -> entry.user.equals(user) && ++ended[0] > 0);
    return ended[0];
  }

  /** How many sessions are held, idle ones not yet swept included; for memory tests. */
  int size() {
    return byCookie.size();
  }

  /** The live sessions, oldest first. */
  List<BrowserSession> list() {
    Instant now = clock.instant();
    byCookie.values().removeIf(entry -> entry.idle(now));
    List<BrowserSession> sessions = new ArrayList<>();
    for (Entry entry : byCookie.values()) sessions.add(entry.snapshot());
    sessions.sort(Comparator.comparing(BrowserSession::signedInAt).thenComparing(BrowserSession::id));
    return sessions;
  }

  void clear() {
    byCookie.clear();
  }

  /** One session. Its mutable fields are guarded by itself. */
  static final class Entry {
    final String id;
    final String user;
    final Instant signedInAt;
    private volatile Instant lastUsedAt;
    private final Set<String> clients = new LinkedHashSet<>();

    Entry(String id, String user, Instant signedInAt) {
      this.id = id;
      this.user = user;
      this.signedInAt = signedInAt;
      this.lastUsedAt = signedInAt;
    }

    boolean idle(Instant now) {
      return !now.isBefore(lastUsedAt.plus(IDLE_TIMEOUT));
    }

    synchronized void signedInTo(String clientId) {
      clients.add(clientId);
    }

    synchronized BrowserSession snapshot() {
      return new BrowserSession(id, user, signedInAt, lastUsedAt, List.copyOf(clients));
    }
  }
}

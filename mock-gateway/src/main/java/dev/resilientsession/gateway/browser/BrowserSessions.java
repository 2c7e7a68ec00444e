package dev.resilientsession.gateway.browser;

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
import java.util.function.Supplier;

/**
 * The browser sessions, by cookie value. A session ends when it sits idle past the timeout (WSO2's
 * {@code idle_session_timeout}, 15 minutes), at {@code /oidc/logout}, or when an administrator
 * ends it; a password change ends the user's sessions, as WSO2 terminates them on a credential update.
 */
final class BrowserSessions {
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  private final Clock clock;
  private final Supplier<String> random;
  private final Map<String, Entry> byCookie = new ConcurrentHashMap<>();

  BrowserSessions(Clock clock, Supplier<String> random) {
    this.clock = clock;
    this.random = random;
  }

  /** Starts a session for {@code user}; returns the cookie value. */
  String start(String user) {
    Instant now = clock.instant();
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
    if (!now.isBefore(entry.lastUsedAt.plus(IDLE_TIMEOUT))) {
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
    return byCookie.values().removeIf(entry -> MessageDigest.isEqual(entry.id.getBytes(), id.getBytes()));
  }

  /** Ends every session of {@code user}; returns how many. */
  int endAll(String user) {
    int before = byCookie.size();
    byCookie.values().removeIf(entry -> entry.user.equals(user));
    return before - byCookie.size();
  }

  /** The live sessions, oldest first. */
  List<BrowserSession> list() {
    Instant now = clock.instant();
    byCookie.values().removeIf(entry -> !now.isBefore(entry.lastUsedAt.plus(IDLE_TIMEOUT)));
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

    synchronized void signedInTo(String clientId) {
      clients.add(clientId);
    }

    synchronized BrowserSession snapshot() {
      return new BrowserSession(id, user, signedInAt, lastUsedAt, List.copyOf(clients));
    }
  }
}

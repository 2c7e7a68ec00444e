package dev.resilientsession.gateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * WSO2's token table in memory: the rows of each key, and the indexes by access and by refresh
 * token. A refresh token belongs to the newest row that carries it. Rows nobody can use any more
 * are purged by {@link #purge}, a bounded walk over what died since the last one, so memory follows
 * the number of live tokens, not the number ever issued.
 */
final class TokenTable {
  private static final int HISTORY_LIMIT = 1000;

  private final Duration revocationDelay;
  private final TokenJournal journal;
  private final Map<TokenKey, KeySlot> slots = new ConcurrentHashMap<>();
  private final Map<String, TokenRecord> byAccessToken = new ConcurrentHashMap<>();
  private final Map<String, TokenRecord> byRefreshToken = new ConcurrentHashMap<>();
  /** Rows to look at again once the clock passes the key, an epoch second. */
  private final ConcurrentSkipListMap<Long, Queue<TokenRecord>> purgeAt = new ConcurrentSkipListMap<>();
  /** Guarded by itself: the most recently retired rows, for the QA listing. */
  private final Deque<TokenInfo> history = new ArrayDeque<>();

  /**
   * @param revocationDelay how long a revoked access token stays findable, for a gateway that learns
   *     of revocations late
   * @param journal told of every change to a row, under the row's slot lock
   */
  TokenTable(Duration revocationDelay, TokenJournal journal) {
    this.revocationDelay = revocationDelay;
    this.journal = journal;
  }

  /**
   * Rebuilds the table from rows a database kept, oldest first, as the live table would hold them:
   * a refresh token belongs to its newest row; slots hold the ACTIVE rows and the EXPIRED rows that
   * still own a refresh token that has not expired; retired access tokens stay findable for the
   * revocation delay. Every row is scheduled for purging, so rows that died meanwhile go at once.
   */
  void load(List<TokenRecord> rows, Instant now) {
    for (TokenRecord record : rows) {
      if (record.refreshToken != null) byRefreshToken.put(record.refreshToken, record);
    }
    for (TokenRecord record : rows) {
      boolean inSlot = record.state == TokenState.ACTIVE || (record.state == TokenState.EXPIRED
          && ownsRefreshToken(record) && now.isBefore(record.refreshExpiresAt));
      if (inSlot) slots.computeIfAbsent(record.key, KeySlot::new).records.add(record);
      if (record.accessToken != null && (record.isCurrent() || !revocationDelay.isZero())) {
        byAccessToken.put(record.accessToken, record);
        if (!record.isCurrent()) schedulePurge(record, record.retiredAt.plus(revocationDelay));
      }
      schedulePurge(record, record.deadAt());
    }
  }

  /** Runs {@code action} holding the lock of {@code key}'s slot, made if there is none. */
  <T> T locked(TokenKey key, Function<KeySlot, T> action) {
    while (true) {
      KeySlot slot = slots.computeIfAbsent(key, KeySlot::new);
      synchronized (slot) {
        if (!slot.removed) return applyAndTidy(slot, action);
      }
    }
  }

  /** Runs {@code action} holding the lock of {@code record}'s slot; null when the slot is gone. */
  <T> T lockedIfPresent(TokenRecord record, Function<KeySlot, T> action) {
    KeySlot slot = slots.get(record.key);
    return slot == null ? null : lockedIfPresent(slot, action);
  }

  /** Runs {@code action} holding the lock of {@code slot}; null when the table dropped it. */
  <T> T lockedIfPresent(KeySlot slot, Function<KeySlot, T> action) {
    synchronized (slot) {
      return slot.removed ? null : applyAndTidy(slot, action);
    }
  }

  /** Runs {@code action} on {@code slot}, whose lock the caller holds, and drops the slot if it ends empty. */
  private <T> T applyAndTidy(KeySlot slot, Function<KeySlot, T> action) {
    try {
      return action.apply(slot);
    } finally {
      if (slot.records.isEmpty()) {
        slot.removed = true;
        slots.remove(slot.key, slot);
      }
    }
  }

  TokenRecord byAccessToken(String accessToken) {
    return byAccessToken.get(accessToken);
  }

  /** The newest row carrying {@code refreshToken}, or null. */
  TokenRecord byRefreshToken(String refreshToken) {
    return byRefreshToken.get(refreshToken);
  }

  /**
   * True when {@code record} is the newest row carrying its refresh token. Whether the refresh token
   * still works depends on the row's state.
   */
  boolean ownsRefreshToken(TokenRecord record) {
    return record.refreshToken != null && byRefreshToken.get(record.refreshToken) == record;
  }

  /** Adds a row to its slot and the indexes; the caller holds the slot's lock. */
  void add(KeySlot slot, TokenRecord record) {
    if (record.refreshToken != null) {
      TokenRecord previous = byRefreshToken.put(record.refreshToken, record);
      if (previous != null && previous.state == TokenState.EXPIRED) slot.records.remove(previous);
    }
    slot.records.add(record);
    if (record.accessToken != null) byAccessToken.put(record.accessToken, record);
    schedulePurge(record, record.deadAt());
    journal.inserted(record);
  }

  /** Indexes a JWT signed after {@link #add}, unless the row was retired meanwhile. */
  void indexAccessToken(TokenRecord record) {
    journal.accessTokenSet(record);
    byAccessToken.put(record.accessToken, record);
    if (record.state != TokenState.ACTIVE && record.state != TokenState.EXPIRED && revocationDelay.isZero()) {
      byAccessToken.remove(record.accessToken, record);
    }
  }

  /** Moves a row out of ACTIVE; the caller holds the slot's lock. */
  void retire(KeySlot slot, TokenRecord record, TokenState state, Instant now) {
    record.state = state;
    record.retiredAt = now;
    journal.stateChanged(record);
    if (state == TokenState.EXPIRED) {
      // An expired row still counts while its refresh token is its own: it can be refreshed or revoked.
      if (!ownsRefreshToken(record)) slot.records.remove(record);
    } else {
      // The refresh token stays found until the row dies: its newest row says why it no longer works.
      slot.records.remove(record);
      String accessToken = record.accessToken;
      if (accessToken != null) {
        if (revocationDelay.isZero()) {
          byAccessToken.remove(accessToken, record);
        } else {
          schedulePurge(record, now.plus(revocationDelay));
        }
      }
    }
    synchronized (history) {
      history.addFirst(record.info());
      if (history.size() > HISTORY_LIMIT) history.removeLast();
    }
  }

  /**
   * Revokes a row that no slot holds any more (an expired row whose refresh token moved on);
   * false when it is no longer ACTIVE or EXPIRED.
   */
  synchronized boolean retireDetached(TokenRecord record, Instant now) {
    if (!record.isCurrent()) return false;
    record.state = TokenState.REVOKED;
    record.retiredAt = now;
    journal.stateChanged(record);
    String accessToken = record.accessToken;
    if (accessToken != null && revocationDelay.isZero()) byAccessToken.remove(accessToken, record);
    return true;
  }

  /** Notes that a row's refresh token expired; an access token that is still valid stays as it is. */
  void refreshTokenExpired(KeySlot slot, TokenRecord record) {
    if (record.state != TokenState.ACTIVE) slot.records.remove(record);
  }

  /**
   * Forgets every row that died by {@code now}: expired with its refresh token, or revoked longer
   * ago than the revocation delay. Takes one slot lock at a time, never several.
   */
  void purge(Instant now) {
    long second = now.getEpochSecond();
    Map.Entry<Long, Queue<TokenRecord>> due;
    while ((due = purgeAt.firstEntry()) != null && due.getKey() <= second) {
      if (!purgeAt.remove(due.getKey(), due.getValue())) continue;
      for (TokenRecord record : due.getValue()) forget(record, now);
    }
  }

  /** True when something is due for {@link #purge} at {@code now}. */
  boolean purgeDue(Instant now) {
    Map.Entry<Long, Queue<TokenRecord>> first = purgeAt.firstEntry();
    return first != null && first.getKey() <= now.getEpochSecond();
  }

  /** Every slot, for the QA listing and per-user actions. */
  Collection<KeySlot> slots() {
    return slots.values();
  }

  List<TokenInfo> history() {
    synchronized (history) {
      return new ArrayList<>(history);
    }
  }

  /** Rows still held, by any index or slot; for tests and memory checks. */
  int size() {
    return Math.max(byAccessToken.size(), byRefreshToken.size());
  }

  int slotCount() {
    return slots.size();
  }

  /** Forgets everything; the caller tells the journal. */
  void clear() {
    for (KeySlot slot : slots.values()) {
      synchronized (slot) {
        for (TokenRecord record : slot.records) record.state = TokenState.REVOKED;
        slot.records.clear();
        slot.removed = true;
      }
    }
    slots.clear();
    byAccessToken.clear();
    byRefreshToken.clear();
    purgeAt.clear();
    synchronized (history) {
      history.clear();
    }
  }

  private void forget(TokenRecord record, Instant now) {
    boolean dead = !now.isBefore(record.deadAt());
    boolean revokedLongAgo = !record.isCurrent() && record.retiredAt != null
        && !now.isBefore(record.retiredAt.plus(revocationDelay));
    if (!dead && !revokedLongAgo) return; // scheduled again when it was revoked or renewed
    String accessToken = record.accessToken;
    if (accessToken != null) byAccessToken.remove(accessToken, record);
    if (!dead) return;
    lockedIfPresent(record, slot -> {
      if (record.state == TokenState.ACTIVE) {
        record.state = TokenState.EXPIRED;
        record.retiredAt = now;
      }
      slot.records.remove(record);
      return null;
    });
    if (record.refreshToken != null) byRefreshToken.remove(record.refreshToken, record);
    journal.deleted(record);
  }

  private void schedulePurge(TokenRecord record, Instant when) {
    long second = when.getEpochSecond() + 1;
    while (true) {
      Queue<TokenRecord> queue = purgeAt.computeIfAbsent(second, key -> new ConcurrentLinkedQueue<>());
      queue.add(record);
      // A purge may have taken the queue (the clock was advanced past it) while we added: again.
      if (purgeAt.get(second) == queue) return;
    }
  }
}

package dev.resilientsession.gateway.token;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one {@link TokenKey} that still matter, oldest first, and the lock that stands in for
 * WSO2's unique database constraint: every issue, refresh, revoke and expiry of the key happens
 * while holding it. The table drops a slot once its last row is purged.
 */
final class KeySlot {
  final TokenKey key;
  /** Guarded by this. ACTIVE rows, and retired rows until they are purged. */
  final List<TokenRecord> records = new ArrayList<>(2);
  /** Guarded by this. True once the table dropped the slot: callers holding it must look again. */
  boolean removed;

  KeySlot(TokenKey key) {
    this.key = key;
  }

  /** The newest row, the one a new token of the key inherits its refresh token from; or null. */
  TokenRecord latest() {
    return records.isEmpty() ? null : records.get(records.size() - 1);
  }

  List<TokenRecord> active() {
    List<TokenRecord> active = new ArrayList<>(records.size());
    for (TokenRecord record : records) {
      if (record.state == TokenState.ACTIVE) active.add(record);
    }
    return active;
  }
}

package dev.resilientsession.gateway.token;

import java.util.ArrayList;
import java.util.List;

/**
 * The ACTIVE tokens of one {@link TokenKey}, and the lock that stands in for WSO2's unique
 * database constraint: every issue, refresh, revoke and expiry of the key happens while holding it.
 */
final class KeySlot {
  final TokenKey key;
  /** Guarded by this. One record, or several under renew_token_without_revoking_existing. */
  final List<TokenRecord> active = new ArrayList<>(1);

  KeySlot(TokenKey key) {
    this.key = key;
  }
}

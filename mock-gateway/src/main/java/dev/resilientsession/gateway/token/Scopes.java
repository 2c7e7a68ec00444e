package dev.resilientsession.gateway.token;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Scope parsing and validation: section 1 of docs/gateway-behaviour.md, with no HTTP in it. */
final class Scopes {
  static final String DEFAULT = "default";
  static final String DEVICE_PREFIX = "device_";
  /** OpenID Connect's scope: on WSO2 API Manager's scope allow-list beside {@code device_}, never validated. */
  static final String OPENID = "openid";

  private Scopes() {
  }

  /** The scopes named in a space-separated {@code scope} parameter; null or blank names none. */
  static Set<String> parse(String scope) {
    if (scope == null || scope.isBlank()) return Collections.emptySet();
    Set<String> result = new TreeSet<>();
    for (String name : scope.trim().split("\\s+")) result.add(name);
    return result;
  }

  /**
   * The scopes granted for a request: those the user may have, plus every {@code device_} scope and
   * {@code openid} (never validated); {@code default} when none remain. Sorted, so that the key is stable.
   */
  static SortedSet<String> grant(Set<String> requested, Set<String> allowed) {
    SortedSet<String> granted = new TreeSet<>();
    for (String scope : requested) {
      if (scope.startsWith(DEVICE_PREFIX) || scope.equals(OPENID) || allowed.contains(scope)) granted.add(scope);
    }
    if (granted.isEmpty()) granted.add(DEFAULT);
    return Collections.unmodifiableSortedSet(granted);
  }
}

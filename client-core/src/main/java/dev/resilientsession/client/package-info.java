/**
 * Resilient Session: keeps one user signed in on every device against an OAuth2 API gateway.
 * Start at {@link dev.resilientsession.client.ResilientSession}.
 *
 * <p>The public API is the public types of this package; everything package-private (the recovery
 * core, the token endpoint client, the retry schedule) may change in any release. Nothing here is
 * null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.resilientsession.client;

import org.jspecify.annotations.NullMarked;

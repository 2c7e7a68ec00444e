package dev.resilientsession.gateway.browser;

import java.time.Instant;
import java.util.List;

/**
 * A browser signed in at the gateway (WSO2's {@code commonAuthId} session): who, since when, and
 * which clients it signed in to. {@code id} is also the ID tokens' {@code sid}; the cookie carries
 * a different, secret value, so listing sessions gives nobody a way to ride one.
 */
public record BrowserSession(String id, String user, Instant signedInAt, Instant lastUsedAt, List<String> clients) {
}

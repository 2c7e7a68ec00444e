/**
 * Browser sign-in for desktop JVM apps: the loopback redirect of RFC 8252 section 7.3. Start at
 * {@link dev.resilientsession.client.loopback.LoopbackRedirect}.
 *
 * <p>It uses the JDK's own HTTP server ({@code jdk.httpserver}) and {@code java.awt.Desktop}, which
 * Android has neither of: Android apps receive the redirect through a private-use URI scheme
 * instead. Nothing here is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.resilientsession.client.loopback;

import org.jspecify.annotations.NullMarked;

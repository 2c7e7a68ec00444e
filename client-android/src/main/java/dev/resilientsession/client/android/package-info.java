/**
 * Android adapters of Resilient Session: an encrypted token store, a stable device identity,
 * main-thread event delivery, a network monitor, and browser sign-in in a Custom Tab ({@link
 * dev.resilientsession.client.android.BrowserSignIn}). The activities are public only because
 * Android instantiates them from the app's manifest; their methods are not API. Nothing here is
 * null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.resilientsession.client.android;

import org.jspecify.annotations.NullMarked;

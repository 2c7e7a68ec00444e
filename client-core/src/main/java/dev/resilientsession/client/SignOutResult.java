package dev.resilientsession.client;

import org.jspecify.annotations.Nullable;

/**
 * What signing out did. Local state is always wiped; revocation at the gateway may fail (offline,
 * say), which is reported here and to the listener rather than thrown.
 */
public final class SignOutResult {
  private final boolean revoked;
  private final @Nullable String failure;

  SignOutResult(boolean revoked, @Nullable String failure) {
    this.revoked = revoked;
    this.failure = failure;
  }

  /** True when the gateway confirmed the revocation of this device's tokens. */
  public boolean revoked() {
    return revoked;
  }

  /** Why revocation failed, or null when it succeeded or there was nothing to revoke. */
  public @Nullable String failure() {
    return failure;
  }

  @Override public String toString() {
    return revoked ? "SignOutResult{revoked}" : "SignOutResult{not revoked" + (failure != null ? ": " + failure : "") + "}";
  }
}

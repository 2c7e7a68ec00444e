package dev.resilientsession.client;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Sign-in failed; {@link #reason()} tells whether to ask the user again, fix the config, or retry. */
public final class SignInException extends IOException {
  /** Why a sign-in failed. */
  public enum Reason {
    /** Wrong username or password ({@code invalid_grant}): ask the user again. */
    INVALID_CREDENTIALS,
    /** The gateway refused this client ({@code invalid_client}): check the consumer key and secret. */
    CLIENT_REJECTED,
    /** The gateway refused the request for another OAuth reason; see {@link #oauthError()}. */
    REFUSED,
    /** The token endpoint could not be reached, timed out or was overloaded, after retries. */
    UNAVAILABLE
  }

  private final Reason reason;
  private final @Nullable String oauthError;

  SignInException(Reason reason, @Nullable String oauthError, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.oauthError = oauthError;
  }

  public Reason reason() {
    return reason;
  }

  /** The token endpoint's {@code error} code, or null when it did not answer with one. */
  public @Nullable String oauthError() {
    return oauthError;
  }
}

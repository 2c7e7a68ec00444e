package dev.resilientsession.client;

import java.io.IOException;
import java.util.Objects;
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
    UNAVAILABLE,
    /** Browser sign-in: the user closed the browser or left the flow before it came back. */
    CANCELLED,
    /** Browser sign-in: the authorization server answered {@code access_denied} (the user declined, or a policy). */
    ACCESS_DENIED,
    /**
     * Browser sign-in: the authorization server answered another error, such as {@code
     * login_required} or {@code invalid_scope}; see {@link #oauthError()}.
     */
    AUTHORIZATION_FAILED,
    /**
     * Browser sign-in: the redirect is not the answer to this request (its {@code state} differs,
     * it came to another redirect URI, or the request was already completed). Possibly forged.
     */
    STATE_MISMATCH,
    /** Browser sign-in: the token endpoint refused the code ({@code invalid_grant}): expired, used, or not ours. */
    CODE_REJECTED,
    /** Browser sign-in: the {@code id_token} is not for this client or this request (its {@code nonce} differs). */
    ID_TOKEN_REJECTED
  }

  private final Reason reason;
  private final @Nullable String oauthError;

  SignInException(Reason reason, @Nullable String oauthError, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.oauthError = oauthError;
  }

  /**
   * A browser sign-in the user abandoned, for platform code that learns of it (the browser closed
   * without a redirect, a loopback wait that timed out).
   */
  public static SignInException cancelled(String why) {
    return new SignInException(Reason.CANCELLED, null, Objects.requireNonNull(why, "why"), null);
  }

  public Reason reason() {
    return reason;
  }

  /** The token endpoint's {@code error} code, or null when it did not answer with one. */
  public @Nullable String oauthError() {
    return oauthError;
  }
}

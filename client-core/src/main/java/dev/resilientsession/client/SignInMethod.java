package dev.resilientsession.client;

/**
 * How the user got the tokens a session holds, which decides how a lost session can be mended:
 * only a password sign-in can be replayed; the others need the user in the browser again.
 */
public enum SignInMethod {
  /** The password grant ({@link ResilientSession#signIn}). */
  PASSWORD,
  /** The authorization code grant with PKCE, in the browser ({@link ResilientSession#completeSignIn}). */
  BROWSER,
  /** Tokens the app obtained elsewhere and handed over ({@link ResilientSession#adopt}). */
  ADOPTED
}

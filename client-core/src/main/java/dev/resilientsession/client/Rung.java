package dev.resilientsession.client;

/** The step of the recovery ladder that produced a new token. */
public enum Rung {
  /** The refresh_token grant. */
  REFRESH_TOKEN,
  /** The password grant replayed from the credentials held in memory since sign-in. */
  PASSWORD_REPLAY
}

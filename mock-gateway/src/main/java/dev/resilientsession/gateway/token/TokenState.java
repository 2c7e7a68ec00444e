package dev.resilientsession.gateway.token;

/** The life cycle of an issued token, as WSO2 records it. */
public enum TokenState {
  ACTIVE,
  /** Its validity ran out, or it was within its last second when the same key asked again. */
  EXPIRED,
  /** Revoked by the client, by an administrator, or by a newer JWT for the same key. */
  REVOKED,
  /** Replaced by a refresh: its refresh token has been used. */
  INACTIVE
}

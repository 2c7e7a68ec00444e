package dev.resilientsession.gateway.token;

/**
 * The outcome of a revocation request. Unknown tokens revoke nothing and are still a success (RFC
 * 7009); {@link #revoked()} tells which case it was.
 */
public final class Revocation {
  private static final Revocation NOTHING = new Revocation(null, null, null);

  private final String accessToken;
  private final String refreshToken;
  private final String user;

  private Revocation(String accessToken, String refreshToken, String user) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.user = user;
  }

  static Revocation nothing() {
    return NOTHING;
  }

  static Revocation of(String accessToken, String refreshToken, String user) {
    return new Revocation(accessToken, refreshToken, user);
  }

  public boolean revoked() {
    return user != null;
  }

  /** The revoked access token, for WSO2's {@code RevokedAccessToken} header; null if none. */
  public String accessToken() {
    return accessToken;
  }

  /** The revoked refresh token, for WSO2's {@code RevokedRefreshToken} header; null if none. */
  public String refreshToken() {
    return refreshToken;
  }

  /** The user the revoked token belonged to, for WSO2's {@code AuthorizedUser} header. */
  public String user() {
    return user;
  }

  @Override public String toString() {
    return revoked() ? "Revocation{user=" + user + "}" : "Revocation{nothing}";
  }
}

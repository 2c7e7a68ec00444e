package dev.resilientsession.lab.fleet;

import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The gateway a fleet plays against: a mock started in-process for the run (with the scenario's
 * gateway config, its users and applications), or one already running, a standalone mock or a
 * real WSO2 server, trusted through an extra CA when its certificate needs one, and reached with
 * an admin token when its {@code /admin} controls require one.
 */
public final class Target {
  private final @Nullable HttpUrl url;
  private final @Nullable String caPem;
  private final @Nullable String adminToken;

  private Target(@Nullable HttpUrl url, @Nullable String caPem, @Nullable String adminToken) {
    this.url = url;
    this.caPem = caPem;
    this.adminToken = adminToken;
  }

  /** A mock gateway on loopback, started for the run and stopped after it. */
  public static Target embedded() {
    return new Target(null, null, null);
  }

  /**
   * A running gateway at {@code url} (its token endpoint at {@code /oauth2/token}); {@code caPem}
   * is a PEM certificate to trust besides the platform's, or null.
   */
  public static Target remote(HttpUrl url, @Nullable String caPem) {
    return new Target(Objects.requireNonNull(url, "url"), caPem, null);
  }

  /**
   * This running gateway, with {@code token} sent on every {@code /admin} request as {@code
   * Authorization: Bearer}: a standalone mock listening beyond loopback requires one. Null sends none.
   *
   * @throws IllegalArgumentException when the token is empty or holds anything but visible ASCII (the
   *     message never repeats it)
   * @throws IllegalStateException for the embedded gateway, which needs none
   */
  public Target withAdminToken(@Nullable String token) {
    if (url == null) throw new IllegalStateException("the embedded gateway's /admin needs no admin token");
    if (token != null) {
      boolean visible = !token.isEmpty() && token.chars().allMatch(c -> c > ' ' && c <= '~');
      if (!visible) {
        throw new IllegalArgumentException("the admin token must be visible ASCII characters, without spaces");
      }
    }
    return new Target(url, caPem, token);
  }

  public boolean isEmbedded() {
    return url == null;
  }

  @Nullable HttpUrl url() {
    return url;
  }

  @Nullable String caPem() {
    return caPem;
  }

  @Nullable String adminToken() {
    return adminToken;
  }

  /** The gateway's URL, or "embedded"; never the admin token. */
  @Override public String toString() {
    return url == null ? "embedded" : url.toString();
  }
}

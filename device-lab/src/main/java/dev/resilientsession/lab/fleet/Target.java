package dev.resilientsession.lab.fleet;

import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The gateway a fleet plays against: a mock started in-process for the run (with the scenario's
 * gateway config, its users and applications), or one already running, a standalone mock or a
 * real WSO2 server, trusted through an extra CA when its certificate needs one.
 */
public final class Target {
  private final @Nullable HttpUrl url;
  private final @Nullable String caPem;

  private Target(@Nullable HttpUrl url, @Nullable String caPem) {
    this.url = url;
    this.caPem = caPem;
  }

  /** A mock gateway on loopback, started for the run and stopped after it. */
  public static Target embedded() {
    return new Target(null, null);
  }

  /**
   * A running gateway at {@code url} (its token endpoint at {@code /oauth2/token}); {@code caPem}
   * is a PEM certificate to trust besides the platform's, or null.
   */
  public static Target remote(HttpUrl url, @Nullable String caPem) {
    return new Target(Objects.requireNonNull(url, "url"), caPem);
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

  @Override public String toString() {
    return url == null ? "embedded" : url.toString();
  }
}

package dev.resilientsession.lab.scenario;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A kind of device every user has, {@code devicesPerUser} of them: a phone, a tablet, a desktop.
 *
 * @param passwordReplay whether a password sign-in keeps the password for replay; false for the browser
 * @param signInFlow how the devices sign in: the password grant, or the browser
 * @param callPath the API path the devices call, such as {@code /orders}
 * @param callEvery how often each device calls on its own, or null for calls only when an event says so
 * @param signInAtStart whether the devices sign in before the timeline starts
 * @param line where the group is declared in the scenario file
 */
public record GroupSpec(
    String name,
    int devicesPerUser,
    String application,
    boolean deviceScope,
    boolean passwordReplay,
    SignInFlow signInFlow,
    String callPath,
    @Nullable Duration callEvery,
    boolean signInAtStart,
    int line) {

  /** How a group's devices sign in; each one's {@code toml} is the name scenario files use. */
  public enum SignInFlow {
    /** The password grant; the session keeps the password in memory to replay it. */
    PASSWORD("password"),
    /**
     * The browser: authorization code with PKCE, the user typing the password into the gateway's
     * login page. The session holds no password: a refresh token it cannot use ends it with a prompt.
     */
    BROWSER("browser");

    private final String toml;

    SignInFlow(String toml) {
      this.toml = toml;
    }

    public String toml() {
      return toml;
    }
  }
}

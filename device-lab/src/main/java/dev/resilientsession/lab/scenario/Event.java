package dev.resilientsession.lab.scenario;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One step of a scenario's timeline.
 *
 * @param name what expectations call it ({@code recovery_seconds} after it), or null when none does
 * @param at when it happens, from the start of the timeline; null for "as soon as the event
 *     before it has finished" (the demo's stories are played this way, step by step)
 * @param who the devices (sign in, sign out, call, burst, offline) or users (change password, revoke) it is about
 * @param duration how long a fault or an offline spell lasts; the clock advance for {@code advance_clock}
 * @param count calls per device for {@code burst} and {@code call}; responses for a fault given by count
 * @param fault the gateway's fault kind for {@code token_fault} and {@code api_fault} (the mock's
 *     names: throttled, unavailable, overloaded, html, empty, disconnect, expired, ...)
 * @param status the HTTP status for the html and empty faults, 429 for an overloaded endpoint's refusals
 * @param retryAfter the fault's Retry-After; null for the gateway's default
 * @param noRetryAfter the fault sends no Retry-After at all ({@code retry_after = "none"})
 * @param capacity token requests per second an {@code overloaded} token endpoint admits
 * @param text a note's text, or the new password for {@code change_password} (hidden from toString)
 * @param line where the event is declared in the scenario file
 */
public record Event(
    @Nullable String name,
    @Nullable Duration at,
    Kind kind,
    Selection who,
    @Nullable Duration duration,
    int count,
    @Nullable String fault,
    @Nullable Integer status,
    @Nullable Duration retryAfter,
    boolean noRetryAfter,
    @Nullable Integer capacity,
    @Nullable String text,
    int line) {

  /** An event whose fault, if any, sends the gateway's default Retry-After or the one given. */
  public Event(@Nullable String name, @Nullable Duration at, Kind kind, Selection who, @Nullable Duration duration,
      int count, @Nullable String fault, @Nullable Integer status, @Nullable Duration retryAfter,
      @Nullable Integer capacity, @Nullable String text, int line) {
    this(name, at, kind, who, duration, count, fault, status, retryAfter, false, capacity, text, line);
  }

  /** What an event does; each one's {@code toml} is the name scenario files use. */
  public enum Kind {
    SIGN_IN("sign_in", false),
    SIGN_OUT("sign_out", false),
    CALL("call", false),
    BURST("burst", false),
    OFFLINE("offline", false),
    CHANGE_PASSWORD("change_password", true),
    REVOKE_USER("revoke_user", true),
    ADVANCE_CLOCK("advance_clock", true),
    TOKEN_FAULT("token_fault", true),
    API_FAULT("api_fault", true),
    SHOW_TOKENS("show_tokens", true),
    NOTE("note", false);

    private final String toml;
    private final boolean needsAdminControls;

    Kind(String toml, boolean needsAdminControls) {
      this.toml = toml;
      this.needsAdminControls = needsAdminControls;
    }

    public String toml() {
      return toml;
    }

    /** Whether it needs the mock gateway's {@code /admin} controls, which a real WSO2 lacks. */
    public boolean needsAdminControls() {
      return needsAdminControls;
    }
  }

  /**
   * How long the event lasts once started: a fault's or an offline spell's {@code for}; null for
   * an event that is over when it has been played (a revocation, a clock advance, a counted fault).
   */
  public @Nullable Duration lasts() {
    boolean spans = kind == Kind.TOKEN_FAULT || kind == Kind.API_FAULT || kind == Kind.OFFLINE;
    return spans ? duration : null;
  }

  @Override public String toString() {
    return "Event{" + (name != null ? name + " " : "") + kind.toml() + " at " + at + " line " + line + "}";
  }
}

package dev.resilientsession.lab.scenario;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something that must hold at the end of a run, such as "no failed calls in group phone", "at
 * most 1.0 token request per recovery" or "99% of the devices the outage hit back within 20 s of
 * its end".
 *
 * @param group the group it counts, or null for the whole fleet
 * @param users whose devices it counts
 * @param from the start of the window a windowed metric counts in, from the timeline's start; null for 0
 * @param to the end of that window (not included); null for the end of the run
 * @param statistic how a metric measured per device becomes one number; null for the others
 * @param event the name of the event a metric about an event's aftermath is about; null for the others
 * @param min the least the metric may be, or null
 * @param max the most the metric may be, or null (both given and equal: exactly)
 * @param line where it is declared in the scenario file
 */
public record Expectation(Metric metric, @Nullable String group, Users users, @Nullable Duration from,
    @Nullable Duration to, @Nullable Statistic statistic, @Nullable String event, @Nullable Double min,
    @Nullable Double max, int line) {

  /** An expectation of a metric that takes no window, statistic or event. */
  public Expectation(Metric metric, @Nullable String group, Users users, @Nullable Double min, @Nullable Double max,
      int line) {
    this(metric, group, users, null, null, null, null, min, max, line);
  }

  /**
   * What an expectation counts; each one's {@code toml} is the name scenario files use, and
   * {@code takes} the keys it takes besides metric, group, users and the bounds.
   */
  public enum Metric {
    FAILED_CALLS("failed_calls", "user calls that failed (offline calls excluded)"),
    PROMPTS("prompts", "sign-in prompts: sessions lost, and browser sign-ins refused or left, needing the user"),
    PROMPTED_DEVICES("prompted_devices", "devices that showed a sign-in prompt"),
    UNAUTHORIZED_CALLS("unauthorized_calls", "calls that met a 401 from the gateway"),
    TOKEN_REQUESTS_PER_RECOVERY("token_requests_per_recovery", "token requests per silent recovery"),
    RECOVERIES("recoveries", "silent recoveries"),
    CALLS("calls", "user calls made"),
    TOKEN_REQUESTS("token_requests", "token requests made"),
    SIGN_IN_FAILURES("sign_in_failures", "sign-ins that failed"),
    REJECTED_TOKEN_REQUESTS("rejected_token_requests", "token requests the endpoint answered 429 or 5xx"),
    UNANSWERED_TOKEN_REQUESTS("unanswered_token_requests",
        "token requests that got no answer: no connection, a dropped one, a timeout"),
    TOKEN_REQUESTS_PER_DEVICE("token_requests_per_device",
        "token requests per device within the window, as a statistic over the devices", "from", "to", "statistic"),
    PEAK_TOKEN_RATE("peak_token_rate", "token requests in the busiest second within the window", "from", "to"),
    DEVICES_HIT("devices_hit", "devices whose calls met a 401 or failed after the event", "event"),
    RECOVERY_SECONDS("recovery_seconds",
        "seconds from the event's end until its devices were back, as a statistic over them", "event", "statistic"),
    DEVICES_NOT_BACK("devices_not_back", "devices the event hit that were not back by the end of the run", "event");

    private final String toml;
    private final String meaning;
    private final Set<String> takes;

    Metric(String toml, String meaning, String... takes) {
      this.toml = toml;
      this.meaning = meaning;
      this.takes = Set.of(takes);
    }

    public String toml() {
      return toml;
    }

    public String meaning() {
      return meaning;
    }

    /** The keys it takes besides metric, group, users, min, max and equals: from, to, statistic, event. */
    public Set<String> takes() {
      return takes;
    }
  }

  /** Whose devices an expectation counts. */
  public enum Users {
    ALL("all"),
    /** Users whose password a {@code change_password} event changed. */
    PASSWORD_CHANGED("password_changed"),
    /** Everyone else. */
    PASSWORD_UNCHANGED("password_unchanged");

    private final String toml;

    Users(String toml) {
      this.toml = toml;
    }

    public String toml() {
      return toml;
    }
  }

  /**
   * "prompts in group tablet of users whose password changed <= 0", "token_requests_per_device max
   * from 10s to 100s <= 10", "recovery_seconds p99 after outage <= 20".
   */
  public String describe() {
    StringBuilder text = new StringBuilder(metric.toml());
    if (statistic != null) text.append(' ').append(statistic.toml());
    if (event != null) text.append(metric == Metric.DEVICES_HIT ? " by " : " after ").append(event);
    if (from != null) text.append(" from ").append(DurationText.format(from));
    if (to != null) text.append(" to ").append(DurationText.format(to));
    if (group != null) text.append(" in group ").append(group);
    if (users == Users.PASSWORD_CHANGED) text.append(" of users whose password changed");
    if (users == Users.PASSWORD_UNCHANGED) text.append(" of users whose password did not change");
    if (min != null && min.equals(max)) return text.append(" = ").append(format(min)).toString();
    if (min != null) text.append(" >= ").append(format(min));
    if (min != null && max != null) text.append(" and");
    if (max != null) text.append(" <= ").append(format(max));
    return text.toString();
  }

  /** Whether {@code actual} is within the bounds. */
  public boolean isMetBy(double actual) {
    return (min == null || actual >= min) && (max == null || actual <= max);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}

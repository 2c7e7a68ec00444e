package dev.resilientsession.lab.scenario;

import org.jspecify.annotations.Nullable;

/**
 * Something that must hold at the end of a run, such as "no failed calls in group phone" or "at
 * most 1.0 token request per recovery".
 *
 * @param group the group it counts, or null for the whole fleet
 * @param users whose devices it counts
 * @param min the least the metric may be, or null
 * @param max the most the metric may be, or null (both given and equal: exactly)
 * @param line where it is declared in the scenario file
 */
public record Expectation(Metric metric, @Nullable String group, Users users, @Nullable Double min,
    @Nullable Double max, int line) {

  /** What an expectation counts; each one's {@code toml} is the name scenario files use. */
  public enum Metric {
    FAILED_CALLS("failed_calls", "user calls that failed (offline calls excluded)"),
    PROMPTS("prompts", "sign-in prompts: sessions lost, and browser sign-ins refused or left, needing the user"),
    PROMPTED_DEVICES("prompted_devices", "devices that showed a sign-in prompt"),
    UNAUTHORIZED_CALLS("unauthorized_calls", "calls that met a 401 from the gateway"),
    TOKEN_REQUESTS_PER_RECOVERY("token_requests_per_recovery", "token requests per silent recovery"),
    RECOVERIES("recoveries", "silent recoveries"),
    CALLS("calls", "user calls made"),
    TOKEN_REQUESTS("token_requests", "token requests made"),
    SIGN_IN_FAILURES("sign_in_failures", "sign-ins that failed");

    private final String toml;
    private final String meaning;

    Metric(String toml, String meaning) {
      this.toml = toml;
      this.meaning = meaning;
    }

    public String toml() {
      return toml;
    }

    public String meaning() {
      return meaning;
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

  /** "prompts in group tablet of users whose password changed <= 0". */
  public String describe() {
    StringBuilder text = new StringBuilder(metric.toml());
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

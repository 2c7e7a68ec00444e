package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import java.util.List;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What each expectation metric measures, from the devices' counts: the one definition the engine
 * uses at the end of a run and {@code lab merge} uses on the shards added together.
 */
public final class Metrics {
  private Metrics() {
  }

  /**
   * The value of {@code metric} for the devices of {@code group} (every group when null) whose
   * users are {@code users}.
   *
   * @param metric a {@link Metric#toml()} name, such as "failed_calls"
   * @param users a {@link Users#toml()} name: "all", "password_changed" or "password_unchanged"
   * @throws IllegalArgumentException for a metric or users name that does not exist
   */
  public static double actual(String metric, @Nullable String group, String users, List<DeviceResult> devices) {
    return actual(metricNamed(metric), group, usersNamed(users), devices);
  }

  /** The value of {@code metric} for the devices of {@code group} (every group when null) of {@code users}. */
  public static double actual(Metric metric, @Nullable String group, Users users, List<DeviceResult> devices) {
    List<DeviceResult> counted = devices.stream()
        .filter(device -> group == null || group.equals(device.group()))
        .filter(device -> users == Users.ALL || device.passwordChanged() == (users == Users.PASSWORD_CHANGED))
        .toList();
    Counts sum = counted.stream().map(DeviceResult::counts).reduce(Counts.ZERO, Counts::plus);
    return switch (metric) {
      case FAILED_CALLS -> sum.failedCalls();
      case PROMPTS -> sum.prompts();
      case PROMPTED_DEVICES -> counted.stream().filter(device -> device.counts().prompts() > 0).count();
      case UNAUTHORIZED_CALLS -> sum.unauthorized();
      case TOKEN_REQUESTS_PER_RECOVERY -> sum.tokenRequestsPerRecovery();
      case RECOVERIES -> sum.recoveries();
      case CALLS -> sum.calls();
      case TOKEN_REQUESTS -> sum.tokenRequests();
      case SIGN_IN_FAILURES -> sum.signInFailures();
    };
  }

  /** {@code expectation} measured again on {@code devices}: its actual value, and whether that is met. */
  static ExpectationResult evaluate(ExpectationResult expectation, List<DeviceResult> devices) {
    Metric metric = metricNamed(expectation.metric());
    Users users = usersNamed(expectation.users());
    double actual = actual(metric, expectation.group(), users, devices);
    boolean met = new Expectation(metric, expectation.group(), users, expectation.min(), expectation.max(),
        expectation.line()).isMetBy(actual);
    return new ExpectationResult(expectation.description(), expectation.metric(), expectation.group(),
        expectation.users(), expectation.min(), expectation.max(), actual, met, expectation.line());
  }

  static Metric metricNamed(String name) {
    for (Metric metric : Metric.values()) {
      if (metric.toml().equals(name)) return metric;
    }
    throw new IllegalArgumentException("no metric \"" + name + "\"; the metrics are "
        + Arrays.stream(Metric.values()).map(Metric::toml).toList());
  }

  static Users usersNamed(String name) {
    for (Users users : Users.values()) {
      if (users.toml().equals(name)) return users;
    }
    throw new IllegalArgumentException(
        "no users \"" + name + "\"; expected all, password_changed or password_unchanged");
  }
}

package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import dev.resilientsession.lab.scenario.Statistic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each expectation metric measures, from the devices' counts, token request times and event
 * hits: the one definition the engine uses at the end of a run and {@code lab merge} uses on the
 * shards added together.
 */
public final class Metrics {
  private static final Statistic P50 = Statistic.parse("p50");
  private static final Statistic P99 = Statistic.parse("p99");

  private Metrics() {
  }

  /**
   * The value of {@code metric} for the devices of {@code group} (every group when null) whose
   * users are {@code users}, for a metric that needs no statistic or event (a windowed one counts
   * the whole timeline).
   *
   * @param metric a {@link Metric#toml()} name, such as "failed_calls"
   * @param users a {@link Users#toml()} name: "all", "password_changed" or "password_unchanged"
   * @throws IllegalArgumentException for a metric or users name that does not exist, or a metric
   *     that needs a statistic or an event
   */
  public static double actual(String metric, @Nullable String group, String users, List<DeviceResult> devices) {
    return actual(metricNamed(metric), group, usersNamed(users), devices);
  }

  /** The value of {@code metric}, as {@link #actual(String, String, String, List)}. */
  public static double actual(Metric metric, @Nullable String group, Users users, List<DeviceResult> devices) {
    if (metric.takes().contains("statistic")) throw new IllegalArgumentException(metric.toml() + " needs a statistic");
    if (metric.takes().contains("event")) throw new IllegalArgumentException(metric.toml() + " needs an event");
    Query query = new Query(metric, group, users, null, null, null, null);
    return query.measure(devices, List.of(), 0).value;
  }

  /**
   * Measures {@code expectation} on a run's devices: its actual value, and whether that is met.
   *
   * @param events the run's events as played: where a named event starts and ends
   * @param elapsedSeconds how long the timeline ran: how long a device had to come back
   */
  public static ExpectationResult evaluate(Expectation expectation, List<DeviceResult> devices, List<EventMark> events,
      double elapsedSeconds) {
    Query query = new Query(expectation.metric(), expectation.group(), expectation.users(),
        seconds(expectation.from()), seconds(expectation.to()), expectation.statistic(), expectation.event());
    Measure measure = query.measure(devices, events, elapsedSeconds);
    return new ExpectationResult(expectation.describe(), expectation.metric().toml(), expectation.group(),
        expectation.users().toml(), query.from, query.to, query.statistic == null ? null : query.statistic.toml(),
        query.event, expectation.min(), expectation.max(), measure.value,
        measure.reached && expectation.isMetBy(measure.value), measure.note, expectation.line());
  }

  /** {@code expectation} measured again on {@code devices}, as when the shards of a run are merged. */
  static ExpectationResult evaluate(ExpectationResult expectation, List<DeviceResult> devices, List<EventMark> events,
      double elapsedSeconds) {
    Statistic statistic = null;
    if (expectation.statistic() != null) {
      statistic = Statistic.parse(expectation.statistic());
      if (statistic == null) throw new IllegalArgumentException("no statistic \"" + expectation.statistic() + "\"");
    }
    Query query = new Query(metricNamed(expectation.metric()), expectation.group(), usersNamed(expectation.users()),
        expectation.fromSeconds(), expectation.toSeconds(), statistic, expectation.event());
    Measure measure = query.measure(devices, events, elapsedSeconds);
    boolean met = measure.reached && new Expectation(query.metric, query.group, query.users, expectation.min(),
        expectation.max(), expectation.line()).isMetBy(measure.value);
    return new ExpectationResult(expectation.description(), expectation.metric(), expectation.group(),
        expectation.users(), expectation.fromSeconds(), expectation.toSeconds(), expectation.statistic(),
        expectation.event(), expectation.min(), expectation.max(), measure.value, met, measure.note,
        expectation.line());
  }

  /**
   * For each named event played, how many devices it hit and how soon after its end they were
   * back: the whole fleet's aftermath of it.
   */
  public static List<EventRecovery> recoveries(List<DeviceResult> devices, List<EventMark> events) {
    List<EventRecovery> recoveries = new ArrayList<>();
    for (EventMark event : events) {
      if (event.name() == null || recoveries.stream().anyMatch(seen -> seen.event().equals(event.name()))) continue;
      double[] backAfter = backAfter(devices, event);
      int back = (int) Arrays.stream(backAfter).filter(Double::isFinite).count();
      recoveries.add(new EventRecovery(event.name(), event.line(), event.atSeconds(), end(event), backAfter.length,
          back, finite(P50.of(backAfter)), finite(P99.of(backAfter)), finite(Statistic.MAX.of(backAfter))));
    }
    return recoveries;
  }

  /** The busiest whole second of token requests sent from {@code fromSeconds} to {@code toSeconds} (not included). */
  public static Peak peakTokenRate(List<DeviceResult> devices, double fromSeconds, double toSeconds) {
    Map<Integer, Long> perSecond = new HashMap<>();
    for (DeviceResult device : devices) {
      for (double at : device.tokenRequestsAt()) {
        if (at >= fromSeconds && at < toSeconds) perSecond.merge((int) Math.floor(at), 1L, Long::sum);
      }
    }
    Peak peak = new Peak(0, 0);
    for (Map.Entry<Integer, Long> second : perSecond.entrySet()) {
      long count = second.getValue();
      if (count > peak.requests() || (count == peak.requests() && second.getKey() < peak.second())) {
        peak = new Peak(second.getKey(), count);
      }
    }
    return peak;
  }

  /** The busiest second of the token endpoint: which, from the timeline's start, and how many requests it had. */
  public record Peak(int second, long requests) {
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

  /** Seconds from the event's end until each device it hit was back; infinite for one that was not. */
  private static double[] backAfter(List<DeviceResult> devices, EventMark event) {
    double end = end(event);
    List<Double> values = new ArrayList<>();
    for (DeviceResult device : devices) {
      for (EventHit hit : device.hits()) {
        if (!hit.event().equals(event.name())) continue;
        values.add(hit.backAtSeconds() == null ? Double.POSITIVE_INFINITY
            : Math.max(0, round(hit.backAtSeconds() - end)));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double end(EventMark event) {
    return event.endSeconds() != null ? event.endSeconds() : event.atSeconds();
  }

  private static @Nullable Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static @Nullable Double seconds(@Nullable Duration duration) {
    return duration == null ? null : duration.toMillis() / 1000.0;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /** A number, and whether it says what the metric asks (a share of devices not back by the end does not). */
  private record Measure(double value, boolean reached, @Nullable String note) {
    static Measure of(double value) {
      return new Measure(value, true, null);
    }
  }

  /** One metric over one selection of devices, with its window, statistic or event. */
  private record Query(Metric metric, @Nullable String group, Users users, @Nullable Double from, @Nullable Double to,
      @Nullable Statistic statistic, @Nullable String event) {

    Measure measure(List<DeviceResult> devices, List<EventMark> events, double elapsedSeconds) {
      List<DeviceResult> counted = devices.stream()
          .filter(device -> group == null || group.equals(device.group()))
          .filter(device -> users == Users.ALL || device.passwordChanged() == (users == Users.PASSWORD_CHANGED))
          .toList();
      Counts sum = counted.stream().map(DeviceResult::counts).reduce(Counts.ZERO, Counts::plus);
      return switch (metric) {
        case FAILED_CALLS -> Measure.of(sum.failedCalls());
        case PROMPTS -> Measure.of(sum.prompts());
        case PROMPTED_DEVICES -> Measure.of(counted.stream().filter(device -> device.counts().prompts() > 0).count());
        case UNAUTHORIZED_CALLS -> Measure.of(sum.unauthorized());
        case TOKEN_REQUESTS_PER_RECOVERY -> Measure.of(sum.tokenRequestsPerRecovery());
        case RECOVERIES -> Measure.of(sum.recoveries());
        case CALLS -> Measure.of(sum.calls());
        case TOKEN_REQUESTS -> Measure.of(sum.tokenRequests());
        case SIGN_IN_FAILURES -> Measure.of(sum.signInFailures());
        case REJECTED_TOKEN_REQUESTS -> Measure.of(sum.rejectedTokenRequests());
        case UNANSWERED_TOKEN_REQUESTS -> Measure.of(sum.unansweredTokenRequests());
        case TOKEN_REQUESTS_PER_DEVICE -> Measure.of(requiredStatistic().of(counted.stream()
            .mapToDouble(device -> device.tokenRequestsAt().stream().filter(this::inWindow).count()).toArray()));
        case PEAK_TOKEN_RATE -> Measure.of(peakTokenRate(counted, windowFrom(), windowTo()).requests());
        case DEVICES_HIT, RECOVERY_SECONDS, DEVICES_NOT_BACK -> aftermath(counted, events, elapsedSeconds);
      };
    }

    private Measure aftermath(List<DeviceResult> counted, List<EventMark> events, double elapsedSeconds) {
      String name = requiredEvent();
      EventMark mark = events.stream().filter(event -> name.equals(event.name())).findFirst().orElse(null);
      if (mark == null) return new Measure(0, false, "the run ended before " + name + " was played");
      double[] backAfter = backAfter(counted, mark);
      long notBack = Arrays.stream(backAfter).filter(value -> !Double.isFinite(value)).count();
      if (metric == Metric.DEVICES_HIT) return Measure.of(backAfter.length);
      if (metric == Metric.DEVICES_NOT_BACK) return Measure.of(notBack);
      if (backAfter.length == 0) return new Measure(0, true, name + " hit no device");
      double value = requiredStatistic().of(backAfter);
      if (Double.isFinite(value)) return Measure.of(value);
      double watched = Math.max(0, round(elapsedSeconds - end(mark)));
      return new Measure(watched, false, String.format(Locale.ROOT, "%s of the %s devices %s hit were not back "
          + "when the run ended, %s s after its end", Figures.count(notBack), Figures.count(backAfter.length), name,
          Figures.number(watched)));
    }

    private boolean inWindow(double at) {
      return at >= windowFrom() && at < windowTo();
    }

    /** Sign-ins before the timeline are in no window. */
    private double windowFrom() {
      return from == null ? 0 : from;
    }

    private double windowTo() {
      return to == null ? Double.POSITIVE_INFINITY : to;
    }

    private Statistic requiredStatistic() {
      if (statistic == null) throw new IllegalArgumentException(metric.toml() + " needs a statistic");
      return statistic;
    }

    private String requiredEvent() {
      if (event == null) throw new IllegalArgumentException(metric.toml() + " needs an event");
      return event;
    }
  }
}

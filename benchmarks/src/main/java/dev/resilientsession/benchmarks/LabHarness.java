package dev.resilientsession.benchmarks;

import dev.resilientsession.lab.fleet.Fleet;
import dev.resilientsession.lab.fleet.RunObserver;
import dev.resilientsession.lab.report.Metrics;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The device lab at scale: plays one fleet on the embedded gateway, every device a real SDK session,
 * and prints one line: {@code lab fleet=churn devices=1000 users=500 duration_s=60 calls=N
 * unexpected_failures=0 ...}. Churn and idle are {@code benchmarks/fleets/}; outage and overload are
 * the lab's own {@code scenarios/long-outage.toml} and {@code scenarios/overload.toml}, judged by
 * their expectations and, for the outage, issue 17's targets. The idle fleet also weighs the heap
 * after a full GC while every session is still open; the outage is played a second time by the
 * google-auth peer ({@link GoogleAuthFleet}), whose line follows the SDK's.
 */
public final class LabHarness {
  private static final long MB = 1024 * 1024;
  /** Issue 17's targets: token requests any device sends while the endpoint is down, and the way back. */
  private static final double OUTAGE_TOKEN_REQUESTS_MAX = 10;
  private static final double OUTAGE_RECOVERY_P99_MAX_S = 20;

  private LabHarness() {
  }

  /** {@code LabHarness FLEET [SCENARIO_FILE]}: the file defaults to the fleet's own. */
  public static void main(String[] args) throws Exception {
    String fleetName = args.length > 0 ? args[0] : "churn";
    Path file = args.length > 1 ? Path.of(args[1]) : fileOf(fleetName);
    Scenario scenario = ScenarioParser.load(file);
    int fullSize = scenario.deviceCount();
    if (fleetName.equals("outage")) {
      GoogleAuthPeer.configure(256);
      scenario = OutageFleets.scaled(scenario, OutageFleets.devices(System.getenv("BENCH_OUTAGE_DEVICES"), fullSize));
    }
    long[] heapAfterGc = {-1};
    RunObserver weigher = new RunObserver() {
      @Override public void onTimelineEnded() {
        heapAfterGc[0] = heapAfterFullGc();
      }
    };
    RunResults results = Fleet.builder(scenario).sampleSize(0).observer(weigher).build().play();

    boolean pass = switch (fleetName) {
      case "outage" -> outage(scenario, results, fullSize);
      case "overload" -> overload(scenario, results);
      default -> churnOrIdle(fleetName, scenario, results, heapAfterGc[0]);
    };
    System.exit(pass ? 0 : 1);
  }

  private static boolean churnOrIdle(String fleetName, Scenario scenario, RunResults results, long heapAfterGc) {
    int devices = results.devices().size();
    long unexpectedFailures = (long) Metrics.actual("failed_calls", null, "password_unchanged", results.devices())
        + (long) Metrics.actual("sign_in_failures", null, "all", results.devices());
    long unexpectedPrompts = (long) Metrics.actual("prompts", null, "password_unchanged", results.devices());
    long p99 = results.latency().percentile(99);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "lab fleet=%s devices=%d users=%d duration_s=%.0f calls=%d unexpected_failures=%d", fleetName, devices,
        scenario.users().size(), results.elapsedSeconds(), results.totals().calls(), unexpectedFailures));
    boolean pass = unexpectedFailures == 0 && results.passed();
    if (fleetName.equals("idle")) {
      long heapMb = heapAfterGc / MB;
      boolean heapOk = heapAfterGc >= 0 && heapAfterGc < 1024 * MB && heapAfterGc / devices < 100 * 1024;
      pass &= heapOk && p99 < 100;
      line.append(String.format(Locale.ROOT, " heap_mb_after_gc=%d heap_kb_per_device=%d", heapMb,
          heapAfterGc / 1024 / Math.max(1, devices)));
    } else {
      pass &= unexpectedPrompts == 0;
      line.append(String.format(Locale.ROOT, " unexpected_prompts=%d token_requests_per_recovery=%.2f",
          unexpectedPrompts, results.totals().tokenRequestsPerRecovery()));
    }
    line.append(" p99_call_ms=").append(p99).append(" pass=").append(pass);
    System.out.println(line);
    return pass;
  }

  /**
   * The SDK's line, judged by issue 17's targets and the scenario's expectations (those that count
   * the whole fleet only at its full size), then the google-auth peer's through the same timeline,
   * with the SDK's figures divided by the peer's. The peer's line is informative: it fails only when
   * the peer's run could not be made.
   */
  private static boolean outage(Scenario scenario, RunResults results, int fullSize) {
    String outage = OutageFleets.outageName(scenario);
    OutageFigures sdk = OutageFigures.of(results.devices(), results.events(), outage, results.latency());
    boolean scaled = scenario.deviceCount() != fullSize;
    boolean pass = sdk.tokenRequestsMax() <= OUTAGE_TOKEN_REQUESTS_MAX && sdk.recoveryP99() != null
        && sdk.recoveryP99() <= OUTAGE_RECOVERY_P99_MAX_S
        && (scaled ? sdk.devicesBack() == sdk.devicesHit() && sdk.totals().prompts() == 0 : results.passed());
    System.out.println(String.format(Locale.ROOT, "lab fleet=outage users=%d duration_s=%.0f ", scenario.users().size(),
        results.elapsedSeconds()) + sdk.keys() + (scaled ? " scaled_from=" + fullSize : "")
        + String.format(Locale.ROOT, " target_token_requests_per_device_max_le=%.0f target_recovery_p99_s_le=%.0f",
            OUTAGE_TOKEN_REQUESTS_MAX, OUTAGE_RECOVERY_P99_MAX_S)
        + " pass=" + pass);
    try {
      GoogleAuthFleet.Run run = new GoogleAuthFleet(scenario).play();
      OutageFigures peer = OutageFigures.of(run.devices(), run.events(), outage, run.latency());
      EventMark mark = run.events().stream().filter(event -> outage.equals(event.name())).findFirst().orElseThrow();
      double from = mark.atSeconds();
      double to = mark.endSeconds();
      System.out.println(String.format(Locale.ROOT, "lab fleet=outage_google_auth peer=google-auth users=%d"
              + " duration_s=%.0f ", scenario.users().size(), run.elapsedSeconds()) + peer.keys()
          + " p50_outage_call_ms=" + run.latencyPercentile(from, to, 50)
          + " p99_outage_call_ms=" + run.latencyPercentile(from, to, 99)
          + " token_retry_after=" + String.join(",", run.retryAfters())
          + " ratio_token_requests_per_device_mean=" + Ratio.of(sdk.tokenRequestsMean(), peer.tokenRequestsMean())
          + " ratio_token_requests_per_device_max=" + Ratio.of(sdk.tokenRequestsMax(), peer.tokenRequestsMax())
          + " ratio_peak_token_rate=" + Ratio.of(sdk.peakTokenRate(), peer.peakTokenRate())
          + " ratio_recovery_p99_s=" + (sdk.recoveryP99() == null || peer.recoveryP99() == null ? "none"
              : Ratio.of(sdk.recoveryP99(), peer.recoveryP99()))
          + " pass=true");
    } catch (Exception e) {
      e.printStackTrace();
      System.out.println("lab fleet=outage_google_auth peer=google-auth error=" + e.getClass().getSimpleName()
          + " pass=false");
      pass = false;
    }
    return pass;
  }

  /**
   * Judged by the scenario's expectations; the line says how the fleet came back from its first
   * named event through the endpoint's capacity.
   */
  private static boolean overload(Scenario scenario, RunResults results) {
    EventRecovery recovery = results.eventRecoveries().stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException(scenario.source() + " has no named event to recover from"));
    Integer capacity = scenario.events().stream().filter(event -> event.kind() == Event.Kind.TOKEN_FAULT)
        .map(Event::capacity).filter(value -> value != null).findFirst().orElse(null);
    boolean pass = results.passed();
    System.out.println(String.format(Locale.ROOT, "lab fleet=overload devices=%d users=%d duration_s=%.0f calls=%d"
            + " capacity_per_s=%s event=%s devices_hit=%d devices_back=%d recovery_p50_s=%s recovery_p99_s=%s"
            + " recovery_all_s=%s peak_token_rate=%d token_requests=%d rejected_token_requests=%d"
            + " failed_calls=%d prompts=%d sign_in_failures=%d p99_call_ms=%d target=%s expectations_met=%d/%d pass=%s",
        results.devices().size(), scenario.users().size(), results.elapsedSeconds(), results.totals().calls(),
        capacity == null ? "none" : capacity, recovery.event(), recovery.devicesHit(), recovery.devicesBack(),
        OutageFigures.seconds(recovery.p50Seconds()), OutageFigures.seconds(recovery.p99Seconds()),
        OutageFigures.seconds(recovery.allSeconds()),
        Metrics.peakTokenRate(results.devices(), recovery.atSeconds(), Double.POSITIVE_INFINITY).requests(),
        results.totals().tokenRequests(), results.totals().rejectedTokenRequests(), results.totals().failedCalls(),
        results.totals().prompts(), results.totals().signInFailures(), results.latency().percentile(99),
        scenario.source(), results.expectations().stream().filter(RunResults.ExpectationResult::met).count(),
        results.expectations().size(), pass));
    return pass;
  }

  private static Path fileOf(String fleet) {
    return switch (fleet) {
      case "outage" -> Path.of("scenarios", "long-outage.toml");
      case "overload" -> Path.of("scenarios", "overload.toml");
      default -> Path.of("benchmarks", "fleets", fleet + ".toml");
    };
  }

  private static long heapAfterFullGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

package dev.resilientsession.benchmarks;

import dev.resilientsession.lab.fleet.Fleet;
import dev.resilientsession.lab.fleet.RunObserver;
import dev.resilientsession.lab.report.Metrics;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The device lab at scale: plays one fleet of {@code benchmarks/fleets/} on the embedded gateway,
 * every device a real SDK session, and prints one line:
 * {@code lab fleet=churn devices=1000 users=500 duration_s=60 calls=N unexpected_failures=0 ...}.
 * The idle fleet also weighs the heap after a full GC while every session is still open.
 */
public final class LabHarness {
  private static final long MB = 1024 * 1024;

  private LabHarness() {
  }

  public static void main(String[] args) throws Exception {
    String fleetName = args.length > 0 ? args[0] : "churn";
    Scenario scenario = ScenarioParser.load(Path.of("benchmarks", "fleets", fleetName + ".toml"));
    long[] heapAfterGc = {-1};
    RunObserver weigher = new RunObserver() {
      @Override public void onTimelineEnded() {
        heapAfterGc[0] = heapAfterFullGc();
      }
    };
    RunResults results = Fleet.builder(scenario).sampleSize(0).observer(weigher).build().play();

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
      long heapMb = heapAfterGc[0] / MB;
      boolean heapOk = heapAfterGc[0] >= 0 && heapAfterGc[0] < 1024 * MB && heapAfterGc[0] / devices < 100 * 1024;
      pass &= heapOk && p99 < 100;
      line.append(String.format(Locale.ROOT, " heap_mb_after_gc=%d heap_kb_per_device=%d", heapMb,
          heapAfterGc[0] / 1024 / Math.max(1, devices)));
    } else {
      pass &= unexpectedPrompts == 0;
      line.append(String.format(Locale.ROOT, " unexpected_prompts=%d token_requests_per_recovery=%.2f",
          unexpectedPrompts, results.totals().tokenRequestsPerRecovery()));
    }
    line.append(" p99_call_ms=").append(p99).append(" pass=").append(pass);
    System.out.println(line);
    System.exit(pass ? 0 : 1);
  }

  private static long heapAfterFullGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

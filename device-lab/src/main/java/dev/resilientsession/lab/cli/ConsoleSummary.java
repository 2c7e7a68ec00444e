package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import java.io.PrintWriter;
import java.util.Locale;

/** The end of a run on the console: a table per device group, then the expectations, met or not. */
final class ConsoleSummary {
  private static final String ROW = "  %-12s %7s %8s %7s %7s %6s %10s %8s %8s %7s %7s %7s%n";

  private ConsoleSummary() {
  }

  static void print(RunResults results, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "%s: %.1f of %.0f s%s, gateway %s%s%n", results.scenario(), results.elapsedSeconds(),
        results.plannedSeconds(), results.stoppedEarly() ? " (STOPPED EARLY)" : "", results.gateway(),
        results.shards().isEmpty() ? "" : ", shard " + results.shards());
    out.println();
    out.printf(Locale.ROOT, ROW, "group", "devices", "calls", "failed", "offline", "401s", "recoveries", "tokens",
        "tok/rec", "prompts", "p50 ms", "p99 ms");
    for (GroupResult group : results.groups()) row(out, group.name(), group.devices(), group.counts(), group.latency());
    row(out, "all", results.devices().size(), results.totals(), results.latency());
    if (results.totals().signInFailures() > 0) {
      out.println();
      out.printf(Locale.ROOT, "  %d sign-ins failed: their devices never called (the report has each one's reason)%n",
          results.totals().signInFailures());
    }
    out.println();
    if (results.expectations().isEmpty()) {
      out.println("  no expectations");
      return;
    }
    for (ExpectationResult expectation : results.expectations()) {
      out.printf(Locale.ROOT, "  %-7s %s (line %d): %s%n", expectation.met() ? "met" : "NOT MET",
          expectation.description(), expectation.line(), number(expectation.actual()));
    }
    long failed = results.expectations().stream().filter(expectation -> !expectation.met()).count();
    out.println();
    out.println(failed == 0 ? "All " + results.expectations().size() + " expectations met."
        : failed + " of " + results.expectations().size() + " expectations not met.");
  }

  private static void row(PrintWriter out, String name, int devices, Counts counts, Latency latency) {
    out.printf(Locale.ROOT, ROW, name, devices, counts.calls(), counts.failedCalls(), counts.offlineCalls(),
        counts.unauthorized(), counts.recoveries(), counts.tokenRequests(),
        String.format(Locale.ROOT, "%.2f", counts.tokenRequestsPerRecovery()), counts.prompts(),
        latency.percentile(50), latency.percentile(99));
  }

  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}

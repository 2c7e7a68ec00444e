package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.Metrics;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The end of a run on the console: a table per device group; the token endpoint's load and
 * rejections; how soon the devices each named event hit were back; then the expectations, met or not.
 */
final class ConsoleSummary {
  private static final String ROW = "  %-12s %7s %8s %7s %7s %6s %10s %8s %8s %7s %7s %7s%n";

  private ConsoleSummary() {
  }

  static void print(RunResults results, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "%s: %.1f of %.0f s%s, against %s%s%n", results.scenario(), results.elapsedSeconds(),
        results.plannedSeconds(), results.stoppedEarly() ? " (STOPPED EARLY)" : "", results.target().describe(),
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
    if (!results.shortfalls().isEmpty()) {
      out.println();
      for (Shortfall shortfall : results.shortfalls()) out.println("  NOT EXERCISED " + shortfall.describe());
    }
    out.println();
    tokenEndpoint(results, out);
    for (EventRecovery recovery : results.eventRecoveries()) {
      out.printf(Locale.ROOT, "  after %s (line %d, %.1f s%s): %s%n", recovery.event(), recovery.line(),
          recovery.atSeconds(), recovery.endSeconds() > recovery.atSeconds()
              ? String.format(Locale.ROOT, " to %.1f s", recovery.endSeconds()) : "", recovery.summary());
    }
    out.println();
    if (results.expectations().isEmpty()) {
      out.println("  no expectations");
    }
    for (ExpectationResult expectation : results.expectations()) {
      out.printf(Locale.ROOT, "  %-7s %s (line %d): %s%s%n", expectation.met() ? "met" : "NOT MET",
          expectation.description(), expectation.line(), number(expectation.actual()),
          expectation.note() == null ? "" : " (" + expectation.note() + ")");
    }
    long failed = results.expectations().stream().filter(expectation -> !expectation.met()).count();
    String verdict = results.expectations().isEmpty() ? "No expectations"
        : failed == 0 ? "All " + results.expectations().size() + " expectations met"
        : failed + " of " + results.expectations().size() + " expectations not met";
    out.println();
    out.println(results.shortfalls().isEmpty() ? verdict + "."
        : verdict + (failed == 0 ? ", but" : ", and") + " the run FAILED: " + shortfalls(results)
            + " (NOT EXERCISED above).");
  }

  /** "40 devices never signed in, 1 group made none of its calls". */
  private static String shortfalls(RunResults results) {
    long devices = 0;
    long groups = 0;
    for (Shortfall shortfall : results.shortfalls()) {
      if (shortfall.kind().equals(Shortfall.NO_CALLS)) {
        groups++;
      } else {
        devices += shortfall.devices();
      }
    }
    String neverSignedIn = devices == 0 ? "" : String.format(Locale.ROOT, "%,d device%s never signed in", devices,
        devices == 1 ? "" : "s");
    String noCalls = groups == 0 ? "" : groups + (groups == 1 ? " group" : " groups") + " made none of "
        + (groups == 1 ? "its" : "their") + " calls";
    return neverSignedIn.isEmpty() ? noCalls : noCalls.isEmpty() ? neverSignedIn : neverSignedIn + ", " + noCalls;
  }

  /**
   * "token endpoint: 61,234 requests, busiest second 1,210 at 10 s; 58,000 rejected (429, 5xx), at
   * most 1,190 in a second (11 s); 0 unanswered".
   */
  private static void tokenEndpoint(RunResults results, PrintWriter out) {
    Counts totals = results.totals();
    Metrics.Peak peak = Metrics.peakTokenRate(results.devices(), 0, Double.POSITIVE_INFINITY);
    SecondCounts mostRejected = null;
    for (SecondCounts second : results.seconds()) {
      if (mostRejected == null || second.rejectedTokenRequests() > mostRejected.rejectedTokenRequests()) {
        mostRejected = second;
      }
    }
    StringBuilder line = new StringBuilder("  token endpoint: ")
        .append(String.format(Locale.ROOT, "%,d requests", totals.tokenRequests()));
    if (peak.requests() > 0) {
      line.append(String.format(Locale.ROOT, ", busiest second %,d at %d s", peak.requests(), peak.second()));
    }
    line.append(String.format(Locale.ROOT, "; %,d rejected (429, 5xx)", totals.rejectedTokenRequests()));
    if (mostRejected != null && mostRejected.rejectedTokenRequests() > 0) {
      line.append(String.format(Locale.ROOT, ", at most %,d in a second (%d s)", mostRejected.rejectedTokenRequests(),
          mostRejected.second()));
    }
    line.append(String.format(Locale.ROOT, "; %,d unanswered", totals.unansweredTokenRequests()));
    out.println(line);
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

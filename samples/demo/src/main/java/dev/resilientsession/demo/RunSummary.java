package dev.resilientsession.demo;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import java.io.PrintStream;
import java.util.Locale;

/** The end of a narrated run: a table of what each device did, then the scenario's expectations. */
final class RunSummary {
  private static final String ROW = "  %-8s %6s %8s %5s %13s %9s %10s %8s %7s%n";

  private RunSummary() {
  }

  static void print(RunResults results, PrintStream out) {
    out.println();
    out.printf(ROW, "device", "calls", "token", "401s", "silent", "password", "displaced", "prompts", "failed");
    out.printf(ROW, "", "", "requests", "", "recoveries", "replays", "", "", "calls");
    for (DeviceResult device : results.devices()) {
      Counts counts = device.counts();
      out.printf(ROW, device.id().substring(device.id().indexOf('/') + 1), counts.calls(), counts.tokenRequests(),
          counts.unauthorized(), counts.recoveries(), counts.passwordReplays(), counts.displacements(),
          counts.prompts(), counts.failedCalls());
    }
    if (!results.expectations().isEmpty()) out.println();
    for (ExpectationResult expectation : results.expectations()) {
      out.printf("  %-8s %s: %s%n", expectation.met() ? "met" : "NOT MET", expectation.description(),
          number(expectation.actual()));
    }
    long notMet = results.expectations().stream().filter(expectation -> !expectation.met()).count();
    out.println();
    out.println(notMet == 0 ? "  OK: every expectation met"
        : "  FAILED: " + notMet + " of " + results.expectations().size() + " expectations not met");
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}

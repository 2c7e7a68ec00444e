package dev.resilientsession.demo;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.GroupSpec.SignInFlow;
import dev.resilientsession.lab.scenario.Scenario;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The end of a narrated run: a table of what each device did, then the scenario's expectations. A
 * device signed in in the browser holds no password: its password replays read "-", not 0.
 */
final class RunSummary {
  private static final String COLUMNS = " %6s %8s %5s %13s %9s %10s %8s %7s%n";

  private RunSummary() {
  }

  static void print(RunResults results, Scenario scenario, PrintStream out) {
    Set<String> inTheBrowser = scenario.groups().stream().filter(group -> group.signInFlow() == SignInFlow.BROWSER)
        .map(GroupSpec::name).collect(Collectors.toSet());
    int width = 8;
    for (DeviceResult device : results.devices()) width = Math.max(width, name(device).length());
    String row = "  %-" + width + "s" + COLUMNS;
    out.println();
    out.printf(row, "device", "calls", "token", "401s", "silent", "password", "displaced", "prompts", "failed");
    out.printf(row, "", "", "requests", "", "recoveries", "replays", "", "", "calls");
    for (DeviceResult device : results.devices()) {
      Counts counts = device.counts();
      boolean browser = inTheBrowser.contains(device.group());
      out.printf(row, name(device), counts.calls(), counts.tokenRequests(), counts.unauthorized(), counts.recoveries(),
          browser ? "-" : Long.toString(counts.passwordReplays()), counts.displacements(), counts.prompts(),
          counts.failedCalls());
    }
    if (!inTheBrowser.isEmpty()) {
      out.println("  -: signed in in the browser, so no password to replay: its silent recoveries are refreshes");
    }
    if (!results.expectations().isEmpty()) out.println();
    for (ExpectationResult expectation : results.expectations()) {
      out.printf("  %-8s %s: %s%n", expectation.met() ? "met" : "NOT MET", expectation.description(),
          number(expectation.actual()));
    }
    for (RunResults.Shortfall shortfall : results.shortfalls()) out.println("  NOT EXERCISED " + shortfall.describe());
    long notMet = results.expectations().stream().filter(expectation -> !expectation.met()).count();
    out.println();
    if (notMet > 0) {
      out.println("  FAILED: " + notMet + " of " + results.expectations().size() + " expectations not met");
    } else if (!results.shortfalls().isEmpty()) {
      out.println("  FAILED: every expectation met, but the scenario did not play as written (NOT EXERCISED above)");
    } else {
      out.println("  OK: every expectation met");
    }
  }

  private static String name(DeviceResult device) {
    return device.id().substring(device.id().indexOf('/') + 1);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}

package dev.resilientsession.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.resilientsession.sample.device.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./demo}: two devices of one user against the embedded mock gateway, scenario by scenario. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    version = "demo 0.1.0", usageHelpWidth = 110,
    description = {
        "Plays WSO2's multi-device stories with real tokens, real HTTP and the real SDK: a desktop and a",
        "tablet of user alice against a mock gateway embedded on loopback. Prints a timeline and a summary",
        "per scenario, and exits 1 if any user call failed or the user was asked to sign in again.",
        "",
        "Scenarios:",
        "  1  OPAQUE, no device scope: the desktop signs out, the tablet recovers by password replay",
        "  2  JWT, no device scope: the devices revoke each other and recover silently",
        "  3  device_desktop and device_tablet scopes: the desktop signs out, the tablet is untouched",
        "  4  renew_token_without_revoking_existing for the password grant: both tokens stay active",
        "  5  refresh first: the tablet's token expires at the gateway, its refresh token renews it",
        ""})
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--scenario", paramLabel = "N", description = "Play only scenario N (1-5); repeatable.")
  private List<Integer> scenarios = new ArrayList<>();

  private final PrintStream out;

  DemoMain(PrintStream out) {
    this.out = out;
  }

  /** The command line, with errors reported as one line instead of a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new DemoMain(System.out)).setExecutionExceptionHandler(new OneLineErrors("demo"));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override public Integer call() throws Exception {
    List<Scenario> chosen = new ArrayList<>();
    for (int number : scenarios) {
      if (number < 1 || number > Scenario.values().length) {
        System.err.println("demo: no scenario " + number + "; there are 1 to " + Scenario.values().length);
        return 2;
      }
      chosen.add(Scenario.values()[number - 1]);
    }
    if (chosen.isEmpty()) chosen.addAll(List.of(Scenario.values()));

    Timeline timeline = new Timeline(out);
    boolean allPassed = true;
    for (Scenario scenario : chosen) {
      allPassed &= ScenarioRun.play(scenario, timeline).passed();
    }
    out.println();
    out.println(allPassed ? "All scenarios passed: 0 failed user calls, 0 sign-in prompts."
        : "Some scenario failed: see FAILED above.");
    return allPassed ? 0 : 1;
  }
}

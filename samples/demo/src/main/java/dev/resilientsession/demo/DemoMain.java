package dev.resilientsession.demo;

import dev.resilientsession.lab.scenario.Scenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./demo}: the stories {@code scenarios/demo-*.toml}, played on the device lab's engine and narrated. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    version = "demo 0.1.0", usageHelpWidth = 110,
    description = {
        "Plays WSO2's multi-device stories with real tokens, real HTTP and the real SDK: a desktop and a",
        "tablet of user alice against a mock gateway embedded on loopback. Each story is a device lab",
        "scenario file (scenarios/demo-*.toml); the demo prints its timeline, a summary per device and",
        "the scenario's expectations, and exits 1 if any expectation is not met.",
        "",
        "Scenarios:",
        "  1  OPAQUE, no device scope: the desktop signs out, the tablet recovers by password replay",
        "  2  JWT, no device scope: the devices revoke each other and recover silently",
        "  3  device_desktop and device_tablet scopes: the desktop signs out, the tablet is untouched",
        "  4  renew_token_without_revoking_existing for the password grant: both tokens stay active",
        "  5  refresh first: the tablet's token expires at the gateway, its refresh token renews it",
        "  6  browser sign-in, no password to replay: with device scopes a sign-out costs nothing; a displaced",
        "     JWT renews with its refresh token; a shared OPAQUE token revoked ends in one prompt",
        ""})
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--scenario", paramLabel = "N", description = "Play only scenario N (1-6); repeatable.")
  private List<Integer> scenarios = new ArrayList<>();

  private final PrintStream out;

  DemoMain(PrintStream out) {
    this.out = out;
  }

  /** The command line, with errors reported as one line and exit status 2 instead of a stack trace. */
  static CommandLine commandLine(PrintStream out) {
    return new CommandLine(new DemoMain(out)).setExecutionExceptionHandler((e, commandLine, parsed) -> {
      commandLine.getErr().println("demo: " + e.getMessage());
      return 2;
    });
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.out).execute(args));
  }

  @Override public Integer call() throws Exception {
    List<Integer> chosen = new ArrayList<>();
    for (int number : scenarios) {
      if (number < 1 || number > DemoScenarios.count()) {
        System.err.println("demo: no scenario " + number + "; there are 1 to " + DemoScenarios.count());
        return 2;
      }
      chosen.add(number);
    }
    if (chosen.isEmpty()) {
      for (int number = 1; number <= DemoScenarios.count(); number++) chosen.add(number);
    }

    boolean allPassed = true;
    for (int number : chosen) {
      Scenario scenario = DemoScenarios.load(number);
      String heading = "Scenario " + number + ": " + DemoScenarios.title(scenario);
      allPassed &= Narrator.play(heading, scenario, out).passed();
    }
    out.println();
    out.println(allPassed ? "All scenarios passed: every expectation met." : "Some scenario failed: see FAILED above.");
    return allPassed ? 0 : 1;
  }
}

package dev.resilientsession.demo;

import dev.resilientsession.sample.device.DeviceStats;
import java.io.IOException;

/** Plays one scenario on a fresh stage and prints its timeline and summary table. */
final class ScenarioRun {
  final Scenario scenario;
  final DeviceStats desktop;
  final DeviceStats tablet;

  private ScenarioRun(Scenario scenario, DeviceStats desktop, DeviceStats tablet) {
    this.scenario = scenario;
    this.desktop = desktop;
    this.tablet = tablet;
  }

  static ScenarioRun play(Scenario scenario, Timeline timeline) throws IOException {
    timeline.print("");
    timeline.print("Scenario " + scenario.number() + ": " + scenario.title());
    timeline.print("");
    timeline.restart();
    try (Stage stage = new Stage(scenario.gatewayConfig(), scenario.consumerKey(), Scenario.SECRET,
        scenario.deviceScopes(), timeline)) {
      scenario.play(stage);
      ScenarioRun run = new ScenarioRun(scenario, stage.desktop.stats(), stage.tablet.stats());
      run.printSummary(timeline);
      return run;
    }
  }

  /** No user call failed and nobody was asked to sign in again. */
  boolean passed() {
    return desktop.failedCalls() == 0 && tablet.failedCalls() == 0 && desktop.prompts() == 0 && tablet.prompts() == 0;
  }

  private void printSummary(Timeline timeline) {
    timeline.print("");
    timeline.print(String.format("  %-8s %6s %8s %5s %13s %9s %10s %8s %7s",
        "device", "calls", "token", "401s", "silent", "password", "displaced", "prompts", "failed"));
    timeline.print(String.format("  %-8s %6s %8s %5s %13s %9s %10s %8s %7s",
        "", "", "requests", "", "recoveries", "replays", "", "", "calls"));
    for (String name : new String[] {"desktop", "tablet"}) {
      DeviceStats stats = name.equals("desktop") ? desktop : tablet;
      timeline.print(String.format("  %-8s %6d %8d %5d %13d %9d %10d %8d %7d", name, stats.calls(),
          stats.tokenRequests(), stats.unauthorized(), stats.silentRenewals(), stats.passwordReplays(),
          stats.displacements(), stats.prompts(), stats.failedCalls()));
    }
    timeline.print("");
    timeline.print(passed() ? "  OK: every user call succeeded and nobody was asked to sign in again"
        : "  FAILED: a user call failed or the user was asked to sign in again");
  }
}

package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.fleet.Target;
import dev.resilientsession.lab.fleet.TargetCheck;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab check FILE}: whether a scenario's users, applications, scopes and paths work at a target. */
@Command(name = "check", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Checks in seconds that a scenario's users, applications, scopes and paths work at a server.",
        "Before a run: for each group one device of the first user signs in as the group does, calls the",
        "group's path once and signs out; with several users the last one signs in too. Names what does not",
        "work; provisions nothing and plays no event. Without --gateway or --token-url it checks against a",
        "mock gateway started on loopback, which validates the file.",
        "",
        "Exit status: 0 everything works; 1 something does not; 2 a bad file or option, or an unreachable",
        "server."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The scenario file (TOML), such as scenarios/signout-storm.toml.")
  Path file;

  @Mixin TargetOptions target;

  @Spec CommandSpec spec;

  @Override public Integer call() throws InterruptedException {
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Target chosen;
    Scenario scenario;
    try {
      chosen = target.target();
      scenario = ScenarioParser.load(file);
    } catch (ScenarioException e) {
      for (String problem : e.problems()) err.println("lab check: " + problem);
      return LabMain.CANNOT_RUN;
    } catch (IllegalArgumentException | IOException e) {
      err.println("lab check: " + e.getMessage());
      return LabMain.CANNOT_RUN;
    }
    console.println("Checking " + file + " against " + (chosen.isEmbedded() ? "the embedded mock gateway" : chosen));
    List<TargetCheck.Outcome> outcomes;
    try {
      outcomes = TargetCheck.run(scenario, chosen);
    } catch (IOException e) {
      err.println("lab check: " + e.getMessage());
      return LabMain.CANNOT_RUN;
    }
    long failed = 0;
    for (TargetCheck.Outcome outcome : outcomes) {
      if (!outcome.works()) failed++;
      console.println("  " + (outcome.works() ? "ok    " : "FAIL  ") + outcome.describe());
    }
    console.println();
    console.println(failed == 0 ? "Everything works: " + outcomes.size() + " checks passed."
        : failed + " of " + outcomes.size() + " checks failed (FAIL above).");
    return failed == 0 ? LabMain.MET : LabMain.NOT_MET;
  }
}

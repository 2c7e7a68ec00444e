package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab merge DIR...}: one report from the shards of one fleet. */
@Command(name = "merge", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Combines the reports of a sharded run (each shard's results.json) into one report,",
        "and checks the scenario's expectations against the whole fleet's numbers."})
final class MergeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' report directories (or their results.json).")
  List<Path> shards;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "lab-report",
      description = "Where the merged report goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Spec CommandSpec spec;

  @Override public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    RunResults merged;
    try {
      merged = ReportWriter.merge(shards, out);
    } catch (IOException e) {
      spec.commandLine().getErr().println("lab merge: " + e.getMessage());
      return LabMain.CANNOT_RUN;
    }
    ConsoleSummary.print(merged, console);
    console.println();
    console.println("Report: " + out.resolve("report.html"));
    return merged.passed() && !merged.stoppedEarly() ? LabMain.MET : LabMain.NOT_MET;
  }
}

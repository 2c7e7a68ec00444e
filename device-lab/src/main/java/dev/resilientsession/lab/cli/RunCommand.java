package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.fleet.AdminTokenException;
import dev.resilientsession.lab.fleet.Fleet;
import dev.resilientsession.lab.fleet.Shard;
import dev.resilientsession.lab.fleet.Target;
import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab run FILE}: plays one scenario and writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Plays a scenario file and writes lab-report/ (report.html, results.json, junit.xml).",
        "Without --gateway or --token-url, a mock gateway is started on loopback for the run. Ctrl-C stops the run",
        "and still writes the report of what happened so far.",
        "",
        "Exit status: 0 every expectation met and every device signed in and called as the scenario had it;",
        "1 otherwise; 2 the run could not start (a bad file or option, an unreachable server, /admin events",
        "against a server without the mock's /admin controls)."})
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The scenario file (TOML), such as scenarios/signout-storm.toml.")
  Path file;

  @Mixin TargetOptions target;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MOCK_GATEWAY_ADMIN_TOKEN}",
      description = "The standalone mock gateway's admin token, sent on every /admin request to the running server"
          + " (its /admin is on the token endpoint's origin): a mock listening beyond loopback requires it. Prefer"
          + " the environment variable MOCK_GATEWAY_ADMIN_TOKEN, which ps does not show.")
  String adminToken;

  @Option(names = "--shard", paramLabel = "INDEX/COUNT",
      description = "Play only a deterministic slice of the devices (with --gateway or --token-url), such as 0/4;"
          + " combine the shards' reports with 'lab merge'.")
  String shard;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "lab-report",
      description = "Where the report goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--sample", paramLabel = "N", defaultValue = "12",
      description = "Devices whose timeline the report keeps besides the failed and prompted ones (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Fleet fleet;
    try {
      fleet = fleet();
    } catch (ScenarioException e) {
      for (String problem : e.problems()) err.println("lab: " + problem);
      return LabMain.CANNOT_RUN;
    } catch (IllegalArgumentException | IOException e) {
      err.println("lab: " + e.getMessage());
      return LabMain.CANNOT_RUN;
    }
    CountDownLatch reported = new CountDownLatch(1);
    Thread onCtrlC = new Thread(() -> {
      fleet.stop();
      try {
        reported.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lab-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      RunResults results;
      try (ProgressLine progress = quiet ? null : new ProgressLine(console, System.console() != null,
          fleet::progress).start()) {
        results = fleet.play();
      }
      ReportWriter.write(results, out);
      ConsoleSummary.print(results, console);
      console.println();
      console.println("Report: " + out.resolve("report.html") + " (results.json, junit.xml beside it)");
      return results.passed() && !results.stoppedEarly() ? LabMain.MET : LabMain.NOT_MET;
    } catch (ScenarioException e) {
      for (String problem : e.problems()) err.println("lab: " + problem);
      return LabMain.CANNOT_RUN;
    } catch (AdminTokenException e) {
      err.println("lab: " + e.getMessage() + ". Pass the gateway's admin token with --admin-token, or set"
          + " MOCK_GATEWAY_ADMIN_TOKEN.");
      return LabMain.CANNOT_RUN;
    } catch (IOException e) {
      err.println("lab: " + e.getMessage());
      return LabMain.CANNOT_RUN;
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for the report written above
      }
    }
  }

  private Fleet fleet() throws ScenarioException, IOException {
    Target chosen = target.target();
    boolean adminTokenGiven = spec.commandLine().getParseResult().hasMatchedOption("--admin-token");
    if (chosen.isEmbedded() && adminTokenGiven) {
      throw new IllegalArgumentException("--admin-token needs --gateway or --token-url: the embedded gateway is on"
          + " loopback and its /admin needs none");
    }
    if (chosen.isEmbedded() && shard != null) {
      throw new IllegalArgumentException("--shard needs --gateway or --token-url: shards share one server, so each"
          + " must reach it");
    }
    if (!chosen.isEmbedded()) {
      try {
        chosen = chosen.withAdminToken(adminToken);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--admin-token (or MOCK_GATEWAY_ADMIN_TOKEN): " + e.getMessage(), e);
      }
    }
    Scenario scenario = ScenarioParser.load(file);
    Fleet.Builder fleet = Fleet.builder(scenario).sampleSize(sample).target(chosen);
    if (shard != null) fleet.shard(Shard.parse(shard));
    return fleet.build();
  }
}

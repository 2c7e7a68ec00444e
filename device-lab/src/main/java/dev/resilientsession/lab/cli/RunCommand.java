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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab run FILE}: plays one scenario and writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpWidth = 110,
    description = {"Plays a scenario file and writes lab-report/ (report.html, results.json, junit.xml).",
        "Without --gateway, a mock gateway is started on loopback for the run. Ctrl-C stops the run and",
        "still writes the report of what happened so far."})
final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The scenario file (TOML), such as scenarios/signout-storm.toml.")
  Path file;

  @Option(names = "--gateway", paramLabel = "URL",
      description = "A running gateway to play against (its token endpoint at URL/oauth2/token), such as"
          + " https://staging:9443; events needing the mock's /admin controls are refused for a real server.")
  String gateway;

  @Option(names = "--ca", paramLabel = "PEM", description = "A CA certificate (PEM) to trust for --gateway's TLS.")
  Path ca;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MOCK_GATEWAY_ADMIN_TOKEN}",
      description = "The standalone mock gateway's admin token, sent on every /admin request to --gateway: a mock"
          + " listening beyond loopback requires it. Prefer the environment variable MOCK_GATEWAY_ADMIN_TOKEN,"
          + " which ps does not show.")
  String adminToken;

  @Option(names = "--shard", paramLabel = "INDEX/COUNT",
      description = "Play only a deterministic slice of the devices (with --gateway), such as 0/4; combine"
          + " the shards' reports with 'lab merge'.")
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
    } catch (ScenarioException | IllegalArgumentException | IOException e) {
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
      err.println("lab: " + e.getMessage());
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
    Scenario scenario = ScenarioParser.load(file);
    Fleet.Builder fleet = Fleet.builder(scenario).sampleSize(sample);
    if (gateway != null) {
      HttpUrl url = HttpUrl.parse(gateway.endsWith("/") ? gateway : gateway + "/");
      if (url == null) throw new IllegalArgumentException("--gateway: not an http(s) URL: " + gateway);
      String pem = null;
      if (ca != null) {
        if (!Files.isReadable(ca)) throw new IllegalArgumentException("--ca: cannot read " + ca);
        pem = Files.readString(ca, StandardCharsets.UTF_8);
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
          throw new IllegalArgumentException("--ca: " + ca + " holds no PEM certificate");
        }
      }
      try {
        fleet.target(Target.remote(url, pem).withAdminToken(adminToken));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--admin-token (or MOCK_GATEWAY_ADMIN_TOKEN): " + e.getMessage(), e);
      }
    } else if (ca != null) {
      throw new IllegalArgumentException("--ca needs --gateway: the embedded gateway is plain HTTP on loopback");
    } else if (spec.commandLine().getParseResult().hasMatchedOption("--admin-token")) {
      throw new IllegalArgumentException("--admin-token needs --gateway: the embedded gateway is on loopback and its"
          + " /admin needs none");
    }
    if (shard != null) {
      if (gateway == null) {
        throw new IllegalArgumentException("--shard needs --gateway: shards share one gateway, so each must reach it");
      }
      fleet.shard(Shard.parse(shard));
    }
    return fleet.build();
  }
}

package dev.resilientsession.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's {@code lab-report/}: {@code results.json} (what {@code lab merge} reads back),
 * {@code junit.xml} for CI, and {@code report.html}, a page that opens offline.
 */
public final class ReportWriter {
  public static final String RESULTS = "results.json";
  public static final String JUNIT = "junit.xml";
  public static final String HTML = "report.html";

  private ReportWriter() {
  }

  /** Writes the three files into {@code dir}, creating it when needed. */
  public static void write(RunResults results, Path dir) throws IOException {
    Files.createDirectories(dir);
    ResultsJson.write(results, dir.resolve(RESULTS));
    JunitXml.write(results, dir.resolve(JUNIT));
    HtmlReport.write(results, dir.resolve(HTML));
  }

  /** Reads a {@code results.json} back, or the one in a report directory. */
  public static RunResults read(Path input) throws IOException {
    return ResultsJson.read(Files.isDirectory(input) ? input.resolve(RESULTS) : input);
  }

  /**
   * Adds up the shards of one run and writes the whole run's report into {@code out}.
   *
   * @param inputs each shard's report directory or its {@code results.json}
   * @return the merged results, their expectations measured again on the whole fleet
   * @throws ReportException when a file is not device-lab results, or the shards are not of one run
   */
  public static RunResults merge(List<Path> inputs, Path out) throws IOException {
    List<RunResults> shards = new ArrayList<>();
    for (Path input : inputs) {
      shards.add(read(input));
    }
    RunResults merged = ResultsMerge.merge(shards);
    write(merged, out);
    return merged;
  }
}

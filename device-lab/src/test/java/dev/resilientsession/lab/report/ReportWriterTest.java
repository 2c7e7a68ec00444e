package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.lab.scenario.Expectation.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test void aReportIsItsThreeFilesInADirectoryMadeForIt() throws IOException {
    Path report = dir.resolve("runs/lab-report");

    ReportWriter.write(ResultsBuilder.storm().build(), report);

    try (var files = Files.list(report)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("results.json", "junit.xml", "report.html");
    }
  }

  @Test void shardsReportsMergeIntoTheWholeRunsReport() throws IOException {
    ReportWriter.write(shard("0/2", "user-1/phone-1"), dir.resolve("shard-0"));
    ReportWriter.write(shard("1/2", "user-2/phone-1"), dir.resolve("shard-1"));

    RunResults merged = ReportWriter.merge(
        List.of(dir.resolve("shard-0"), dir.resolve("shard-1/results.json")), dir.resolve("merged"));

    assertThat(merged.shards()).isEqualTo("0/2,1/2");
    assertThat(merged.totals().failedCalls()).isEqualTo(2);
    assertThat(merged.passed()).isFalse();
    assertThat(ResultsJson.read(dir.resolve("merged/results.json"))).usingRecursiveComparison().isEqualTo(merged);
    assertThat(Files.readString(dir.resolve("merged/junit.xml"))).contains("tests=\"1\" failures=\"1\"");
    assertThat(Files.readString(dir.resolve("merged/report.html"))).contains("0/2,1/2");
  }

  @Test void aMergeOfSomethingElseNamesTheFile() throws IOException {
    ReportWriter.write(shard("0/2", "user-1/phone-1"), dir.resolve("shard-0"));
    Path foreign = Files.writeString(dir.resolve("package.json"), "{\"name\": \"left-pad\"}");

    assertThatThrownBy(() -> ReportWriter.merge(List.of(dir.resolve("shard-0"), foreign), dir.resolve("merged")))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith(foreign + ": ");
    assertThat(dir.resolve("merged")).doesNotExist();
  }

  private static RunResults shard(String shard, String device) {
    return new ResultsBuilder().shards(shard)
        .device(device, "phone", counts().calls(5).failedCalls(1))
        .expect(Metric.FAILED_CALLS, null, null, 1.0)
        .build();
  }
}

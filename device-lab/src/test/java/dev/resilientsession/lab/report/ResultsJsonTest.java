package dev.resilientsession.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
  @TempDir Path dir;

  @Test void resultsReadBackEqualToWhatWasWritten() throws IOException {
    RunResults results = ResultsBuilder.storm().shards("1/2").stoppedAfter(31.5).build();
    Path file = dir.resolve("results.json");

    ResultsJson.write(results, file);

    assertThat(ResultsJson.read(file)).usingRecursiveComparison().isEqualTo(results);
  }

  @Test void theTargetAndTheShortfallsReadBackAsWritten() throws IOException {
    RunResults results = ResultsBuilder.storm().endpoints("https://kc:8443/realms/lab/protocol/openid-connect/token",
        "https://kc:8443/realms/lab/protocol/openid-connect/")
        .authorizationUrl("https://kc:8443/realms/lab/protocol/openid-connect/auth").shortfall(new RunResults.Shortfall("never_signed_in",
            "phone", 2, 2, 0, "user-1/phone-1", "sign-in failed: refused (invalid_scope): HTTP 400")).build();
    Path file = dir.resolve("results.json");

    ResultsJson.write(results, file);

    assertThat(ResultsJson.read(file)).usingRecursiveComparison().isEqualTo(results);
    assertThat(Files.readString(file)).contains(String.join("\n",
        "  \"target\": {",
        "    \"kind\": \"endpoints\",",
        "    \"tokenUrl\": \"https://kc:8443/realms/lab/protocol/openid-connect/token\",",
        "    \"authorizationUrl\": \"https://kc:8443/realms/lab/protocol/openid-connect/auth\",",
        "    \"revokeUrl\": \"https://kc:8443/realms/lab/protocol/openid-connect/revoke\",",
        "    \"apiUrl\": \"https://kc:8443/realms/lab/protocol/openid-connect/\"",
        "  },"));
  }

  @Test void theFileOpensWithItsFormatAndIsIndentedByTwoSpaces() throws IOException {
    Path file = dir.resolve("results.json");

    ResultsJson.write(ResultsBuilder.storm().build(), file);

    assertThat(Files.readString(file))
        .startsWith("{\n  \"format\": \"device-lab-results/3\",\n  \"scenario\": \"signout-storm\",")
        .contains("\n    \"calls\": 32,")
        .endsWith("}\n");
  }

  @Test void aFileWithoutTheFormatIsNotResults() throws IOException {
    Path file = write("package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": no \"format\" key: not a device-lab results file");
  }

  @Test void aLaterFormatIsRefusedByName() throws IOException {
    Path file = write("results.json", "{\"format\": \"device-lab-results/4\"}");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": format is \"device-lab-results/4\"; this lab reads \"device-lab-results/3\"");
  }

  @Test void aFileCutShortSaysSo() throws IOException {
    String whole = json(ResultsBuilder.storm().build());
    Path file = write("results.json", whole.substring(0, whole.length() / 2));

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": the JSON ends too early (empty or cut short)");
  }

  @Test void anEmptyFileSaysSo() throws IOException {
    Path file = write("results.json", "");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": the JSON ends too early (empty or cut short)");
  }

  @Test void somethingOtherThanAnObjectIsRefused() throws IOException {
    Path file = write("results.json", "[1, 2, 3]");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": expected a JSON object, found BEGIN_ARRAY");
  }

  @Test void aMissingValueIsNamedWithItsPath() throws IOException {
    Path file = write("results.json", json(ResultsBuilder.storm().build())
        .replaceFirst("\"signOuts\": 2,", ""));

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": not readable as device-lab results: Required value 'signOuts' missing at $.totals");
  }

  @Test void aNullWhereAValueMustBeIsNamedWithItsPath() throws IOException {
    Path file = write("results.json", json(ResultsBuilder.storm().build())
        .replaceFirst("\"devices\": \\[", "\"devices\": [null,"));

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith(file + ": not readable as device-lab results: ")
        .hasMessageContaining("$.devices[0]");
  }

  @Test void aValueOfTheWrongTypeIsNamedWithItsPath() throws IOException {
    Path file = write("results.json", json(ResultsBuilder.storm().build())
        .replaceFirst("\"calls\": 32", "\"calls\": \"many\""));

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": not readable as device-lab results: Expected a long but was many at path $.totals.calls");
  }

  @Test void textAfterTheResultsIsRefused() throws IOException {
    Path file = write("results.json", json(ResultsBuilder.storm().build()) + "{}");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": more JSON after the results");
  }

  @Test void malformedJsonIsCalledSoWithItsPath() throws IOException {
    Path file = write("results.json", "{format: \"device-lab-results/3\"}");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": not readable as device-lab results: malformed JSON at path $.");
  }

  @Test void aLatencyBucketMustBeABoundAndACount() throws IOException {
    Path file = write("results.json", json(ResultsBuilder.storm().build())
        .replaceFirst("\"buckets\": \\[", "\"buckets\": [[1, 2, 3],"));

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("$.latency.buckets[0] is not an (upper bound, calls) pair");
  }

  @Test void aMissingFileIsNamed() {
    Path file = dir.resolve("nowhere.json");

    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(file + ": no such file");
  }

  private String json(RunResults results) throws IOException {
    Path file = dir.resolve("written.json");
    ResultsJson.write(results, file);
    return Files.readString(file);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}

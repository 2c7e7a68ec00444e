package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension where Keycloak cannot serve, a fixture class played on JUnit's own engine: without
 * the distribution every test is skipped, naming the command that fetches it; a Keycloak that
 * starts and dies fails every test, with its log.
 */
class KeycloakExtensionTest {
  @TempDir Path repository;
  @TempDir Path workDir;

  @Test void withoutTheDistributionEveryTestIsSkippedWithTheCommandThatFetchesIt() {
    EngineExecutionResults results = play("26.4.7");

    assertThat(reasons(results, event -> event.getPayload(TestExecutionResult.class)
        .filter(result -> result.getStatus() == TestExecutionResult.Status.ABORTED).isPresent()))
        .singleElement().asString()
        .contains("mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:26.4.7:zip -Dtransitive=false");
    assertThat(results.allEvents().failed().count()).isZero();
    assertThat(results.testEvents().started().count()).as("no test ran").isZero();
    assertThat(workDir).isEmptyDirectory();
  }

  @Test void aKeycloakThatExitsBeforeItIsReadyFailsEveryTestWithItsLog() throws IOException {
    distribution("9.9", "#!/bin/sh\necho \"ERROR: the realm could not be imported\"\nexit 3\n");

    EngineExecutionResults results = play("9.9");

    assertThat(reasons(results, event -> event.getPayload(TestExecutionResult.class)
        .filter(result -> result.getStatus() == TestExecutionResult.Status.FAILED).isPresent()))
        .singleElement().asString()
        .contains("Keycloak exited with status 3 before it was ready", "ERROR: the realm could not be imported");
    assertThat(results.allEvents().aborted().count()).as("a failure, not a skip").isZero();
    assertThat(results.testEvents().started().count()).as("no test ran").isZero();
  }

  private EngineExecutionResults play(String version) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("keycloak.version", version)
        .configurationParameter("maven.repo.local", repository.toString())
        .configurationParameter("keycloak.workDir", workDir.toString())
        .selectors(selectClass(NeedsKeycloak.class))
        .execute();
  }

  private static List<String> reasons(EngineExecutionResults results, Predicate<Event> ended) {
    return results.allEvents().stream().filter(ended)
        .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
            .map(Throwable::getMessage).orElse(""))
        .collect(Collectors.toList());
  }

  /** A fake distribution of {@code version} in the repository, whose kc.sh is {@code script}. */
  private void distribution(String version, String script) throws IOException {
    Path zip = KeycloakDistribution.in(repository, version).zip();
    Files.createDirectories(zip.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("keycloak-" + version + "/bin/kc.sh"));
      out.write(script.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  @ExtendWith(KeycloakExtension.class)
  static class NeedsKeycloak {
    @Test void callsKeycloak(Keycloak keycloak) {
      assertThat(keycloak).isNotNull();
    }

    @Test void callsKeycloakAgain(Keycloak keycloak) {
      assertThat(keycloak).isNotNull();
    }
  }
}

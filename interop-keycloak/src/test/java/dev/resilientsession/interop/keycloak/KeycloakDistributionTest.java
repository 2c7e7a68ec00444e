package dev.resilientsession.interop.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Keycloak's zip in a Maven repository and unzipping it once, on fake distributions. */
class KeycloakDistributionTest {
  @TempDir Path repository;
  @TempDir Path workDir;

  @Test void aMissingDistributionNamesTheCommandThatFetchesIt() {
    KeycloakDistribution distribution = KeycloakDistribution.in(repository, "26.4.7");

    assertThat(distribution.present()).isFalse();
    assertThat(distribution.missing()).contains(
        "mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:26.4.7:zip -Dtransitive=false");
  }

  @Test void theDistributionIsFoundWhereMavenKeepsIt() throws IOException {
    zip(KeycloakDistribution.in(repository, "1.0").zip(), "keycloak-1.0/bin/kc.sh");

    assertThat(KeycloakDistribution.in(repository, "1.0").present()).isTrue();
    assertThat(repository.resolve("org/keycloak/keycloak-quarkus-dist/1.0/keycloak-quarkus-dist-1.0.zip")).exists();
  }

  @Test void itIsUnzippedOnceWithItsScriptsExecutable() throws IOException {
    KeycloakDistribution distribution = KeycloakDistribution.in(repository, "1.0");
    zip(distribution.zip(), "keycloak-1.0/bin/kc.sh", "keycloak-1.0/conf/keycloak.conf");

    Path home = distribution.unzipInto(workDir);
    Files.writeString(home.resolve("lib-built-on-first-start"), "kept");

    assertThat(home.resolve("bin/kc.sh")).isExecutable();
    assertThat(home.resolve("conf/keycloak.conf")).exists();
    assertThat(distribution.unzipInto(workDir)).isEqualTo(home);
    assertThat(home.resolve("lib-built-on-first-start")).as("the second run reuses the first one's").exists();
  }

  @Test void anUnzipCutShortIsStartedAfresh() throws IOException {
    KeycloakDistribution distribution = KeycloakDistribution.in(repository, "1.0");
    zip(distribution.zip(), "keycloak-1.0/bin/kc.sh");
    Files.createDirectories(workDir.resolve("keycloak-1.0.partial/keycloak-1.0/bin"));
    Files.createDirectories(workDir.resolve("keycloak-1.0/conf"));

    Path home = distribution.unzipInto(workDir);

    assertThat(home.resolve("bin/kc.sh")).isExecutable();
    assertThat(workDir.resolve("keycloak-1.0.partial")).doesNotExist();
  }

  @Test void anEntryOutsideTheDistributionIsRefused() throws IOException {
    KeycloakDistribution distribution = KeycloakDistribution.in(repository, "1.0");
    zip(distribution.zip(), "keycloak-1.0/bin/kc.sh", "../escaped.sh");

    assertThatThrownBy(() -> distribution.unzipInto(workDir)).isInstanceOf(IOException.class)
        .hasMessageContaining("outside the distribution");
    assertThat(workDir.resolve("escaped.sh")).doesNotExist();
  }

  private static void zip(Path zip, String... entries) throws IOException {
    Files.createDirectories(zip.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(("#!/bin/sh\n# " + entry + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}

package dev.resilientsession.interop.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak's Maven Central distribution, {@code org.keycloak:keycloak-quarkus-dist:VERSION:zip}, as
 * the local Maven repository holds it, unzipped once into a work directory. It is not a dependency
 * of the build, so no build downloads its 159 MB; {@link #FETCH} fetches it.
 */
final class KeycloakDistribution {
  static final String FETCH = "mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:%s:zip -Dtransitive=false";

  private final String version;
  private final Path zip;

  private KeycloakDistribution(String version, Path zip) {
    this.version = version;
    this.zip = zip;
  }

  /** The distribution of {@code version} in the Maven repository at {@code repository}, present or not. */
  static KeycloakDistribution in(Path repository, String version) {
    return new KeycloakDistribution(version, repository.resolve("org/keycloak/keycloak-quarkus-dist").resolve(version)
        .resolve("keycloak-quarkus-dist-" + version + ".zip"));
  }

  String version() {
    return version;
  }

  Path zip() {
    return zip;
  }

  boolean present() {
    return Files.isRegularFile(zip);
  }

  /** Why there is no Keycloak to test against, and the command that fixes it. */
  String missing() {
    return "Keycloak " + version + " is not in the local Maven repository (" + zip + "); fetch it with: "
        + String.format(FETCH, version);
  }

  /**
   * Keycloak's home directory under {@code workDir}, unzipped on the first call and kept for the
   * next runs, where Keycloak also keeps the build it makes of itself on its first start. A run
   * interrupted while unzipping leaves only a partial directory, which the next run replaces.
   */
  Path unzipInto(Path workDir) throws IOException {
    Path home = workDir.resolve("keycloak-" + version);
    if (Files.isExecutable(home.resolve("bin/kc.sh"))) return home;
    Path partial = workDir.resolve("keycloak-" + version + ".partial");
    deleteRecursively(partial);
    Files.createDirectories(partial);
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = partial.resolve(entry.getName()).normalize();
        if (!target.startsWith(partial)) throw new IOException("an entry outside the distribution: " + entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path unzipped = partial.resolve("keycloak-" + version);
    if (!Files.isRegularFile(unzipped.resolve("bin/kc.sh"))) {
      throw new IOException(zip + " holds no keycloak-" + version + "/bin/kc.sh");
    }
    // A zip keeps no file modes: the launch scripts must be made executable again.
    try (Stream<Path> scripts = Files.list(unzipped.resolve("bin"))) {
      scripts.filter(script -> script.toString().endsWith(".sh")).forEach(script -> script.toFile().setExecutable(true));
    }
    deleteRecursively(home);
    Files.move(unzipped, home);
    deleteRecursively(partial);
    return home;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) return;
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(path);
    }
  }
}

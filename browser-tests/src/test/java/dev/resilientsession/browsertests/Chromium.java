package dev.resilientsession.browsertests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The machine's Chromium and chromedriver, and a headless Chromium started with them. Both are
 * found without the network: {@code CHROME_BIN} and {@code CHROMEDRIVER} (system properties, then
 * environment variables) win, else {@code chromium}, {@code chromium-browser} or
 * {@code google-chrome}, and {@code chromedriver}, on the {@code PATH}. Selenium Manager is never
 * asked, so nothing is ever downloaded.
 */
final class Chromium {
  static final String MISSING = "no Chromium: install Debian's chromium and chromium-driver (.ci/run does), "
      + "or point CHROME_BIN and CHROMEDRIVER at a Chromium and its chromedriver";

  /** Held so that the raised level is not garbage collected with the logger. */
  private static final Logger DEVTOOLS_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private Chromium() {
  }

  /** The two executables, or why they were not found. */
  record Binaries(Path browser, Path driver, String problem) {
    boolean found() {
      return problem == null;
    }
  }

  static Binaries find() {
    Optional<Path> browser = locate("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
    Optional<Path> driver = locate("CHROMEDRIVER", "chromedriver");
    List<String> missing = new ArrayList<>();
    if (browser.isEmpty()) missing.add("the browser (" + describe("CHROME_BIN", "chromium") + ")");
    if (driver.isEmpty()) missing.add("chromedriver (" + describe("CHROMEDRIVER", "chromedriver") + ")");
    return new Binaries(browser.orElse(null), driver.orElse(null),
        missing.isEmpty() ? null : MISSING + "; missing " + String.join(" and ", missing));
  }

  /**
   * A headless Chromium with a new profile in {@code userDataDir}, its window 1000 x 760, its
   * console kept for {@code driver.manage().logs()}.
   */
  static ChromeDriver start(Binaries binaries, Path userDataDir) {
    // Selenium ships DevTools bindings for a few Chrome versions only and warns about any other;
    // these tests use WebDriver alone (executeCdpCommand goes through chromedriver), so it is noise.
    DEVTOOLS_LOGGER.setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binaries.browser().toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-domain-reliability", "--disable-dev-shm-usage",
        "--password-store=basic", "--lang=en-US", "--window-size=1000,760",
        "--user-data-dir=" + userDataDir);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // No "Save password?" bubble or breach check: they would reach for the network.
    options.setExperimentalOption("prefs", Map.of(
        "credentials_enable_service", false,
        "profile.password_manager_enabled", false,
        "profile.password_manager_leak_detection", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(binaries.driver().toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  /** Deletes a user data directory after its Chromium quit. */
  static void delete(Path directory) {
    if (directory == null || !Files.exists(directory)) return;
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> locate(String variable, String... names) {
    String configured = configured(variable);
    if (configured != null) {
      Path path = Path.of(configured);
      return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) return Optional.empty();
    for (String name : names) {
      for (String directory : pathVariable.split(File.pathSeparator)) {
        if (directory.isEmpty()) continue;
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String configured(String variable) {
    String value = System.getProperty(variable);
    if (value == null || value.isBlank()) value = System.getenv(variable);
    return value == null || value.isBlank() ? null : value;
  }

  private static String describe(String variable, String name) {
    String configured = configured(variable);
    return configured != null ? variable + "=" + configured + " is not an executable file"
        : "no " + name + " on the PATH and " + variable + " unset";
  }
}

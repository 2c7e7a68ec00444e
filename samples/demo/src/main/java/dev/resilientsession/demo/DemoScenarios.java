package dev.resilientsession.demo;

import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.ScenarioParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The demo's stories: the lab's scenario files {@code scenarios/demo-*.toml}, bundled in the jar. */
final class DemoScenarios {
  private static final List<String> FILES = List.of(
      "demo-1-opaque-shared-token.toml",
      "demo-2-jwt-revoke-previous.toml",
      "demo-3-device-scopes.toml",
      "demo-4-renew-without-revoking.toml",
      "demo-5-refresh-first.toml",
      "demo-6-browser-sign-in.toml");

  private DemoScenarios() {
  }

  static int count() {
    return FILES.size();
  }

  /** Scenario {@code number}, counting from 1, read from the class path. */
  static Scenario load(int number) throws IOException, ScenarioException {
    String name = "scenarios/" + FILES.get(number - 1);
    try (InputStream in = DemoScenarios.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IOException(name + " is missing from the class path");
      return ScenarioParser.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The first line of the scenario's description, without its "Demo N: " and final full stop. */
  static String title(Scenario scenario) {
    String first = scenario.description().lines().findFirst().orElse(scenario.name());
    return first.replaceFirst("^Demo \\d+: ", "").replaceFirst("\\.$", "");
  }
}

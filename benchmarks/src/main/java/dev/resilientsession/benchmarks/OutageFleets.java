package dev.resilientsession.benchmarks;

import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/** The outage fleet: scaled down for a quick try, and its outage found. */
final class OutageFleets {
  private OutageFleets() {
  }

  /** {@code BENCH_OUTAGE_DEVICES}, or the scenario's own count when unset. */
  static int devices(@Nullable String setting, int scenarioDevices) {
    if (setting == null || setting.isBlank()) return scenarioDevices;
    try {
      int devices = Integer.parseInt(setting.trim());
      if (devices >= 1) return devices;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("BENCH_OUTAGE_DEVICES must be a positive number of devices, was '" + setting + "'");
  }

  /** The scenario with its first users only, enough for {@code devices} devices (at least one user). */
  static Scenario scaled(Scenario scenario, int devices) {
    int perUser = scenario.deviceCount() / scenario.users().size();
    int users = Math.max(1, Math.min(scenario.users().size(), devices / perUser));
    if (users == scenario.users().size()) return scenario;
    return new Scenario(scenario.name(), scenario.description(), scenario.source(), scenario.duration(), scenario.seed(),
        scenario.gateway(), scenario.users().subList(0, users), scenario.applications(), scenario.groups(),
        scenario.events(), scenario.expectations());
  }

  /**
   * The name of the scenario's outage: its first named {@code token_fault} with a {@code for}.
   *
   * @throws IllegalArgumentException when it has none
   */
  static String outageName(Scenario scenario) {
    return scenario.events().stream()
        .filter(event -> event.kind() == Event.Kind.TOKEN_FAULT && event.lasts() != null && event.name() != null)
        .map(Event::name).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(scenario.source()
            + " has no named token_fault with a for: name the outage (name = \"outage\")"));
  }
}

package dev.resilientsession.demo;

import dev.resilientsession.lab.fleet.Fleet;
import dev.resilientsession.lab.fleet.RunObserver;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a lab run as it happens, one timeline line per thing: time since the first step, who
 * (a device, the gateway, or the scenario's note), what. The scenario's steps are shown as
 * untimed markers, except where the step's own line follows (a note, the list of tokens).
 */
final class Narrator implements RunObserver {
  private final PrintStream out;
  private final Set<String> stepsToldByTheirOwnLine = new HashSet<>();
  /** The timeline's "who" column: wide enough for the longest device name. */
  private final String lineFormat;
  private long startNanos = -1;

  Narrator(Scenario scenario, PrintStream out) {
    this.out = out;
    int who = 8;
    for (GroupSpec group : scenario.groups()) {
      String last = group.devicesPerUser() == 1 ? group.name() : group.name() + "-" + group.devicesPerUser();
      who = Math.max(who, last.length());
    }
    this.lineFormat = "  %7.3fs  %-" + who + "s %s%n";
    stepsToldByTheirOwnLine.add(Event.Kind.SHOW_TOKENS.toml());
    for (Event event : scenario.events()) {
      if (event.kind() == Event.Kind.NOTE) stepsToldByTheirOwnLine.add(event.text());
    }
  }

  /** Plays {@code scenario} on the lab's engine: the heading and story, the timeline, the summary. */
  static RunResults play(String heading, Scenario scenario, PrintStream out)
      throws IOException, ScenarioException, InterruptedException {
    out.println();
    out.println(heading);
    scenario.description().lines().skip(1).forEach(line -> out.println(line.isEmpty() ? "" : "  " + line));
    out.println();
    RunResults results = Fleet.builder(scenario).observer(new Narrator(scenario, out)).build().play();
    RunSummary.print(results, scenario, out);
    return results;
  }

  @Override public void onDeviceEvent(String deviceId, String kind, String detail) {
    String device = deviceId.substring(deviceId.indexOf('/') + 1);
    boolean badNews = kind.equals("failed") || kind.equals("prompt") || kind.equals("sign-in failed");
    line(device, (badNews ? kind.toUpperCase(Locale.ROOT) : kind) + ": " + detail);
  }

  @Override public void onNote(String who, String text) {
    if (!who.equals("lab")) {
      line(who, text);
    } else if (!stepsToldByTheirOwnLine.contains(text)) {
      step(text);
    }
  }

  private synchronized void step(String text) {
    secondsSinceStart();
    out.printf("  %8s  > %s%n", "", text);
  }

  private synchronized void line(String who, String text) {
    out.printf(Locale.ROOT, lineFormat, secondsSinceStart(), who, text);
  }

  /** The clock starts at the first thing told: the scenario's first step. */
  private double secondsSinceStart() {
    long now = System.nanoTime();
    if (startNanos < 0) startNanos = now;
    return (now - startNanos) / 1e9;
  }
}

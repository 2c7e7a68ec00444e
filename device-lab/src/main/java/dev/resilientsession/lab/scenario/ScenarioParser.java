package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file, as {@code docs/scenario-format.md} describes it, into a {@link Scenario}.
 * Every key is checked before anything starts: a mistake is a {@link ScenarioException} reading
 * {@code file:line: key: what is wrong}.
 */
public final class ScenarioParser {
  private static final Set<String> KEYS = Set.of("scenario", "gateway", "users", "applications", "groups", "events",
      "expect");
  private static final Set<String> SCENARIO_KEYS = Set.of("name", "description", "duration", "seed");

  private ScenarioParser() {
  }

  public static Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file + ": no such file");
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses scenario text; {@code source} names it in messages and gives the default name. A file
   * with several mistakes is refused with every one of them: each table is read even when one
   * before it could not be.
   */
  public static Scenario parse(String source, String text) throws ScenarioException {
    Section root = new Section(source, TomlSource.parse(source, text), "", 1);
    Problems problems = new Problems();
    problems.check(() -> root.allowOnly(KEYS));
    Section scenario = problems.read(() -> {
      Section table = root.table("scenario");
      if (table == null) throw root.error("scenario", "required: [scenario] with a duration, such as \"60s\"");
      return table;
    });
    Duration duration = null;
    String name = baseName(source);
    String description = TopComment.of(text);
    long seed = 1;
    if (scenario != null) {
      problems.check(() -> scenario.allowOnly(SCENARIO_KEYS));
      duration = problems.read(() -> {
        Duration given = scenario.positiveDuration("duration");
        if (given == null) throw scenario.missing("duration");
        return given;
      });
      String named = problems.read(() -> scenario.has("name") ? scenario.requiredString("name") : null);
      if (named != null) name = named;
      String described = problems.read(() -> scenario.string("description"));
      if (described != null) description = described;
      Long seeded = problems.read(() -> scenario.integer("seed"));
      if (seeded != null) seed = seeded;
    }

    List<UserAccount> users = problems.read(() -> {
      Section usersTable = root.table("users");
      if (usersTable == null) throw root.error("users", "required: [users] with count = N, or list = [...]");
      return UsersReader.read(usersTable);
    });
    Set<String> applicationNames = new LinkedHashSet<>();
    Map<String, ApplicationSpec> applications = problems.read(() ->
        ApplicationsReader.read(root.table("applications"), problems, applicationNames));
    if (applications == null) applications = Map.of();
    Map<String, ApplicationSpec> known = applications;
    Set<String> groupNames = new LinkedHashSet<>();
    List<GroupSpec> groups = problems.read(() -> GroupsReader.read(root, known, applicationNames, problems,
        groupNames));
    if (groups == null) groups = List.of();
    Selections selections = new Selections(users, groups, groupNames);
    Set<String> eventNames = new LinkedHashSet<>();
    Duration timeline = duration;
    List<Event> events = problems.read(() -> EventsReader.read(root, timeline, selections, problems, eventNames));
    boolean passwordsChange = changesPasswords(root);
    List<Expectation> expectations = problems.read(() -> ExpectationsReader.read(root, selections, passwordsChange,
        eventNames, timeline, problems));
    GatewayConfig gateway = problems.read(() -> GatewayReader.read(source, root.table("gateway"),
        users == null ? List.of() : users, known.values()));
    problems.throwIfAny();
    return new Scenario(name, description, source, duration, seed, gateway, users, applications, groups, events,
        expectations);
  }

  /** Whether an event changes a password, read or not: {@code users = "password_changed"} means someone then. */
  private static boolean changesPasswords(Section root) {
    try {
      for (Section event : root.tables("events")) {
        if (event.hasString("do") && "change_password".equals(event.string("do"))) return true;
      }
    } catch (ScenarioException e) {
      // [[events]] is no array of tables: said already
    }
    return false;
  }

  /** "signout-storm" for "scenarios/signout-storm.toml". */
  private static String baseName(String source) {
    String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    return name.endsWith(".toml") ? name.substring(0, name.length() - ".toml".length()) : name;
  }
}

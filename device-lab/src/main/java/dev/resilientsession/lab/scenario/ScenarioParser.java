package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Parses scenario text; {@code source} names it in messages and gives the default name. */
  public static Scenario parse(String source, String text) throws ScenarioException {
    Section root = new Section(source, TomlSource.parse(source, text), "", 1);
    root.allowOnly(KEYS);
    Section scenario = root.table("scenario");
    if (scenario == null) throw root.error("scenario", "required: [scenario] with a duration, such as \"60s\"");
    scenario.allowOnly(SCENARIO_KEYS);
    Duration duration = scenario.positiveDuration("duration");
    if (duration == null) throw scenario.missing("duration");
    String name = scenario.has("name") ? scenario.requiredString("name") : baseName(source);
    String description = scenario.has("description") ? scenario.string("description") : TopComment.of(text);
    Long seed = scenario.integer("seed");

    Section usersTable = root.table("users");
    if (usersTable == null) throw root.error("users", "required: [users] with count = N, or list = [...]");
    List<UserAccount> users = UsersReader.read(usersTable);
    Map<String, ApplicationSpec> applications = ApplicationsReader.read(root.table("applications"));
    List<GroupSpec> groups = GroupsReader.read(root, applications);
    Selections selections = new Selections(users, groups);
    List<Event> events = EventsReader.read(root, duration, selections);
    List<Expectation> expectations = ExpectationsReader.read(root, selections, events, duration);
    GatewayConfig gateway = GatewayReader.read(source, root.table("gateway"), users, applications.values());
    return new Scenario(name, description, source, duration, seed != null ? seed : 1, gateway, users, applications,
        groups, events, expectations);
  }

  /** "signout-storm" for "scenarios/signout-storm.toml". */
  private static String baseName(String source) {
    String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    return name.endsWith(".toml") ? name.substring(0, name.length() - ".toml".length()) : name;
  }
}

package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario file, parsed and checked: who the users are, which devices each has, what happens
 * when, and what must hold at the end. Nothing in it has been started; {@link ScenarioParser}
 * makes one, and every reference in it (a group, a user, an application) is known to exist.
 *
 * @param name the scenario's name, from {@code [scenario] name} or the file name
 * @param description the comment at the top of the file, or {@code [scenario] description}
 * @param source the file it came from, as given (for messages and the report)
 * @param duration how long the timeline runs once every device has signed in
 * @param seed what the deterministic choices (call offsets, the sampled devices) start from
 * @param gateway the embedded gateway's deployment.toml keys, without the lab's users and applications
 */
public record Scenario(
    String name,
    String description,
    String source,
    Duration duration,
    long seed,
    GatewayConfig gateway,
    List<UserAccount> users,
    Map<String, ApplicationSpec> applications,
    List<GroupSpec> groups,
    List<Event> events,
    List<Expectation> expectations) {

  public Scenario {
    users = List.copyOf(users);
    applications = Map.copyOf(applications);
    groups = List.copyOf(groups);
    events = List.copyOf(events);
    expectations = List.copyOf(expectations);
  }

  public Optional<GroupSpec> group(String name) {
    return groups.stream().filter(group -> group.name().equals(name)).findFirst();
  }

  /** How many devices the whole fleet has: users times the devices of every group. */
  public int deviceCount() {
    return users.size() * groups.stream().mapToInt(GroupSpec::devicesPerUser).sum();
  }

  /**
   * The gateway the lab starts when it is given none: the scenario's deployment.toml keys, with its
   * users and applications registered, each application with its redirect URI for browser sign-in,
   * and each user allowed every scope the applications ask for.
   */
  public GatewayConfig embeddedGatewayConfig() {
    GatewayConfig.Builder config = gateway.newBuilder();
    Set<String> scopes = new TreeSet<>();
    for (ApplicationSpec application : applications.values()) scopes.addAll(application.scopes());
    for (UserAccount user : users) config.user(User.of(user.name(), user.password(), scopes));
    for (ApplicationSpec application : applications.values()) {
      Application.Builder registered = Application.builder(application.consumerKey(), application.consumerSecret())
          .tokenType(application.tokenType())
          .redirectUris(application.redirectUri());
      // As WSO2's own public client for browser sign-in: PKCE required, S256 only.
      if (application.publicClient()) registered.publicClient(true).pkceMandatory(true).pkcePlainAllowed(false);
      config.application(registered.build());
    }
    return config.build();
  }

  /** Whether some event needs the mock's {@code /admin} controls. */
  public boolean needsAdminControls() {
    return events.stream().anyMatch(event -> event.kind().needsAdminControls());
  }
}

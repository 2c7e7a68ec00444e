package dev.resilientsession.lab.fleet;

import dev.resilientsession.client.SignOutResult;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.UserAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether a scenario's users, applications, scopes and call paths work at a target, in seconds and
 * before a run: for each group, one device of the first user signs in as the group does, calls the
 * group's path once and signs out; with several users, the last user signs in once too, so that a
 * server holding fewer users than the scenario shows it. It provisions nothing and plays no event:
 * the server is used as it is, with the SDK wired exactly as a run wires it.
 *
 * <pre>{@code
 * List<TargetCheck.Outcome> outcomes = TargetCheck.run(ScenarioParser.load(file), target);
 * }</pre>
 */
public final class TargetCheck {
  /** Longer than the SDK's own timeouts: a call that outlives it never answered. */
  private static final long CALL_TIMEOUT_SECONDS = 90;

  private TargetCheck() {
  }

  /**
   * One device's check, or the scenario's events' against the target.
   *
   * @param subject "group phone: user user-1", or "events"
   * @param works whether everything tried worked
   * @param detail what happened, or what did not work: "sign-in failed: invalid_credentials
   *     (invalid_grant): Wrong username or password", "GET /menu: HTTP 404"; never a password or token
   */
  public record Outcome(String subject, boolean works, String detail) {
    /** "group phone: user user-1: GET /pizzashack/1.0.0/menu: HTTP 404". */
    public String describe() {
      return subject + ": " + detail;
    }
  }

  /**
   * Checks {@code scenario} at {@code target}, starting the embedded gateway for it when that is the target.
   *
   * @throws IOException when the target cannot be reached, or a browser group's authorization endpoint is not
   *     there, or the embedded gateway cannot be started
   */
  public static List<Outcome> run(Scenario scenario, Target target) throws IOException, InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    try (RunGateway gateway = RunGateway.open(target, scenario)) {
      FleetMeter meter = new FleetMeter(1, scenario.groups().size());
      EventWatch watch = new EventWatch(List.of());
      Fleet.Wiring wiring = new Fleet.Wiring(gateway.client, gateway.endpoints, gateway.clock, new InFlight());
      List<UserAccount> users = scenario.users();
      for (int g = 0; g < scenario.groups().size(); g++) {
        outcomes.add(device(scenario, g, 0, "", wiring, meter, watch));
      }
      if (users.size() > 1) {
        int last = users.size() - 1;
        outcomes.add(device(scenario, 0, last, " (the last of " + users.size() + " users)", wiring, meter, watch));
      }
      Outcome events = adminEvents(scenario, target, gateway);
      if (events != null) outcomes.add(events);
    }
    return outcomes;
  }

  /** Signs in one device of the user at {@code position} in group {@code g}, calls once, and signs out. */
  private static Outcome device(Scenario scenario, int g, int position, String note, Fleet.Wiring wiring,
      FleetMeter meter, EventWatch watch) throws InterruptedException {
    GroupSpec group = scenario.groups().get(g);
    UserAccount user = scenario.users().get(position);
    ApplicationSpec application = scenario.applications().get(group.application());
    String name = group.devicesPerUser() == 1 ? group.name() : group.name() + "-1";
    DeviceLog log = new DeviceLog(user.name() + "/" + name, g, meter, RunObserver.NONE, watch);
    SimulatedDevice device = new SimulatedDevice(log, position, user.name(), name, group, 1, application, wiring);
    String subject = "group " + group.name() + ": user " + user.name() + note;
    try {
      String problem = device.signIn(user.password().toCharArray());
      if (problem != null) return new Outcome(subject, false, problem);
      List<String> said = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      List<String> asked = device.scopesAsked();
      List<String> missing = device.grantedScopes().isEmpty() ? List.of()
          : asked.stream().filter(scope -> !device.grantedScopes().contains(scope)).toList();
      if (missing.isEmpty()) {
        said.add("signed in" + (asked.isEmpty() ? "" : " (scopes " + String.join(" ", asked) + ")"));
      } else {
        problems.add("signed in without scope" + (missing.size() == 1 ? " " : "s ") + String.join(" ", missing)
            + " (granted: " + String.join(" ", device.grantedScopes().stream().sorted().toList()) + ")");
      }
      String call = "GET " + device.callUrl().encodedPath();
      CallOutcome outcome = call(device);
      if (outcome.succeeded()) {
        said.add(call + ": HTTP " + outcome.status());
      } else {
        problems.add(call + ": " + outcome.detail() + (outcome.status() == 401 && outcome.sawUnauthorized()
            ? " (refused the token, and the new one the session got for the retry)" : ""));
      }
      SignOutResult signedOut = device.signOut();
      if (signedOut.revoked()) {
        said.add("signed out (token revoked)");
      } else {
        problems.add("sign-out did not revoke the token" + (signedOut.failure() == null ? ""
            : ": " + signedOut.failure()));
      }
      return problems.isEmpty() ? new Outcome(subject, true, String.join(", ", said))
          : new Outcome(subject, false, String.join("; ", problems));
    } finally {
      device.close();
    }
  }

  private static CallOutcome call(SimulatedDevice device) throws InterruptedException {
    try {
      return device.call().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return new CallOutcome(0, String.valueOf(e.getCause()), false);
    } catch (TimeoutException e) {
      return new CallOutcome(0, "no answer in " + CALL_TIMEOUT_SECONDS + " s", false);
    }
  }

  /** Whether the events that need the mock's /admin controls have them there; null when there are none. */
  private static @Nullable Outcome adminEvents(Scenario scenario, Target target, RunGateway gateway) {
    if (!scenario.needsAdminControls()) return null;
    String events = scenario.events().stream().filter(event -> event.kind().needsAdminControls())
        .map(Event::kind).map(Event.Kind::toml).distinct().collect(Collectors.joining(", "));
    if (target.isEmbedded()) return new Outcome("events", true, events + ": the embedded gateway's /admin controls");
    GatewayAdmin admin = new GatewayAdmin(gateway.client, gateway.endpoints.admin(), null);
    switch (admin.probe()) {
      case PRESENT:
        return new Outcome("events", true, events + ": the mock's /admin controls answer");
      case REFUSED:
        return new Outcome("events", true, events + ": the mock's /admin controls want its admin token: give"
            + " lab run --admin-token, or MOCK_GATEWAY_ADMIN_TOKEN");
      default:
        return new Outcome("events", false, events + " need the mock's /admin controls, and "
            + gateway.endpoints.admin().resolve("/") + " has none: lab run refuses them");
    }
  }
}

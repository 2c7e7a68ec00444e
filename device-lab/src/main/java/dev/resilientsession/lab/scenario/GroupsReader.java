package dev.resilientsession.lab.scenario;

import dev.resilientsession.lab.scenario.GroupSpec.SignInFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code [[groups]]}: the kinds of device every user has. */
final class GroupsReader {
  static final int MAX_DEVICES = 100;
  private static final Set<String> KEYS = Set.of("name", "devices", "application", "device_scope",
      "password_replay", "sign_in_flow", "call", "call_every", "sign_in");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

  private GroupsReader() {
  }

  /**
   * The groups, each one the file gets wrong left out, its mistakes kept in {@code problems}; its
   * name, when readable, still goes into {@code declared}, so that events naming it are not refused too.
   *
   * @param applicationNames every application declared, including those the file gets wrong
   */
  static List<GroupSpec> read(Section root, Map<String, ApplicationSpec> applications, Set<String> applicationNames,
      Problems problems, Set<String> declared) throws ScenarioException {
    List<Section> sections = root.tables("groups");
    if (sections.isEmpty()) throw root.error("groups", "required: at least one [[groups]] of devices");
    List<GroupSpec> groups = new ArrayList<>();
    for (Section group : sections) {
      problems.check(() -> group.allowOnly(KEYS));
      GroupSpec spec = problems.read(() -> group(group, applications, applicationNames, declared));
      if (spec != null) groups.add(spec);
    }
    return groups;
  }

  private static GroupSpec group(Section group, Map<String, ApplicationSpec> applications,
      Set<String> applicationNames, Set<String> declared) throws ScenarioException {
    String name = group.requiredString("name");
    if (!NAME.matcher(name).matches()) {
      throw group.error("name", "must be lower-case letters, digits, '_' and '-', was \"" + name + "\"");
    }
    if (!declared.add(name)) throw group.error("name", "duplicate group \"" + name + "\"");
    String application = group.has("application") ? group.requiredString("application") : ApplicationSpec.JWT.name();
    if (!applicationNames.contains(application)) {
      throw group.error("application", "no application \"" + application + "\"; applications are "
          + String.join(", ", new TreeSet<>(applicationNames)));
    }
    String call = group.has("call") ? group.requiredString("call") : "/orders";
    if (!call.startsWith("/")) throw group.error("call", "must start with '/', was \"" + call + "\"");
    Duration callEvery = group.positiveDuration("call_every");
    SignInFlow flow = signInFlow(group);
    if (flow == SignInFlow.BROWSER && group.has("password_replay")) {
      throw group.error("password_replay", "goes with sign_in_flow = \"password\": a browser sign-in leaves no "
          + "password to replay");
    }
    ApplicationSpec spec = applications.get(application);
    boolean deviceScope = group.bool("device_scope", spec == null || spec.deviceScope());
    return new GroupSpec(name, group.integer("devices", 1, MAX_DEVICES, 1), application, deviceScope,
        flow == SignInFlow.PASSWORD && group.bool("password_replay", true), flow, call, callEvery,
        signInAtStart(group), group.line());
  }

  private static SignInFlow signInFlow(Section group) throws ScenarioException {
    String text = group.string("sign_in_flow");
    if (text == null) return SignInFlow.PASSWORD;
    for (SignInFlow flow : SignInFlow.values()) {
      if (flow.toml().equals(text)) return flow;
    }
    throw group.error("sign_in_flow", "must be \"password\" or \"browser\", was \"" + text + "\"");
  }

  private static boolean signInAtStart(Section group) throws ScenarioException {
    String signIn = group.string("sign_in");
    if (signIn == null || signIn.equals("start")) return true;
    if (signIn.equals("event")) return false;
    throw group.error("sign_in", "must be \"start\" or \"event\", was \"" + signIn + "\"");
  }
}

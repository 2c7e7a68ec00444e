package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a run was meant to exercise and did not: devices the scenario had sign in that never did,
 * and groups whose calls all fell due while their devices were signed out. Without this a run
 * whose every sign-in failed met "no failed calls" by making no call at all.
 */
final class Shortfalls {
  private Shortfalls() {
  }

  /** @param results each device's results, in the order of {@code devices} */
  static List<Shortfall> of(Scenario scenario, List<SimulatedDevice> devices, List<DeviceResult> results) {
    List<Shortfall> shortfalls = new ArrayList<>();
    for (GroupSpec group : scenario.groups()) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i).group.name().equals(group.name())) members.add(i);
      }
      List<Integer> neverSignedIn = new ArrayList<>();
      long calls = 0;
      long skipped = 0;
      int due = 0;
      @Nullable Integer firstSkipped = null;
      for (int i : members) {
        SimulatedDevice device = devices.get(i);
        DeviceResult result = results.get(i);
        if (device.askedToSignIn() && result.counts().signIns() == 0
            && !signInFailuresExpected(scenario, group.name(), result.passwordChanged())) {
          neverSignedIn.add(i);
        }
        calls += result.counts().calls();
        long deviceSkipped = device.log.skippedCalls();
        skipped += deviceSkipped;
        if (deviceSkipped > 0) {
          due++;
          if (firstSkipped == null) firstSkipped = i;
        }
      }
      if (!neverSignedIn.isEmpty()) {
        SimulatedDevice example = devices.get(neverSignedIn.get(0));
        String problem = example.signInProblem();
        shortfalls.add(new Shortfall(Shortfall.NEVER_SIGNED_IN, group.name(), neverSignedIn.size(), members.size(), 0,
            example.log.id, problem != null ? problem : "its sign-in never finished"));
      }
      // A group none of whose devices signed in made no call, and says why above.
      boolean someSignedIn = neverSignedIn.size() < members.size();
      if (calls == 0 && skipped > 0 && someSignedIn && !signInFailuresExpected(scenario, group.name(), null)) {
        SimulatedDevice example = devices.get(firstSkipped);
        String problem = example.signInProblem();
        shortfalls.add(new Shortfall(Shortfall.NO_CALLS, group.name(), due, members.size(), skipped, example.log.id,
            "not signed in when its calls were due" + (problem != null ? "; its last sign-in: " + problem : "")));
      }
    }
    return shortfalls;
  }

  /**
   * Whether a {@code sign_in_failures} expectation that allows some covers the group, and when
   * {@code passwordChanged} is given, the users it is about: then the scenario means sign-ins there to fail.
   */
  private static boolean signInFailuresExpected(Scenario scenario, String group, @Nullable Boolean passwordChanged) {
    for (Expectation expectation : scenario.expectations()) {
      if (expectation.metric() != Expectation.Metric.SIGN_IN_FAILURES) continue;
      if (expectation.max() != null && expectation.max() <= 0) continue;
      if (expectation.group() != null && !expectation.group().equals(group)) continue;
      if (passwordChanged != null && !covers(expectation.users(), passwordChanged)) continue;
      return true;
    }
    return false;
  }

  private static boolean covers(Expectation.Users users, boolean passwordChanged) {
    switch (users) {
      case PASSWORD_CHANGED:
        return passwordChanged;
      case PASSWORD_UNCHANGED:
        return !passwordChanged;
      default:
        return true;
    }
  }
}

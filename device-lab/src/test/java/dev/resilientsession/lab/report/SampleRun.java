package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.at;
import static dev.resilientsession.lab.report.ResultsBuilder.counts;

import dev.resilientsession.lab.report.ResultsBuilder.CountsBuilder;
import dev.resilientsession.lab.report.RunResults.DeviceEvent;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A run as the engine might report it, to look at: 24 users with a phone, a tablet and a desktop
 * for 40 s; the API fails for 5 s, the phones sign out, three users change their password, the
 * desktops go offline. {@code main} writes its report into the directory given.
 */
final class SampleRun {
  private static final String[] GROUPS = {"phone", "tablet", "desktop"};
  private static final int USERS = 24;
  private static final int PASSWORD_CHANGED = 3;

  private SampleRun() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SampleRun DIRECTORY");
      System.exit(2);
    }
    ReportWriter.write(results(), Path.of(args[0]));
  }

  static RunResults results() {
    Random random = new Random(7);
    long[][] seconds = new long[40][6];
    List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    ResultsBuilder run = new ResultsBuilder()
        .scenario("storm-and-password-change")
        .description("Sign-out storm and a password change: 24 users with a phone, a tablet and a desktop.\n"
            + "Proves: the tablets recover silently after the phones sign out; only the users whose password"
            + " changed are asked to sign in again.");
    for (int user = 1; user <= USERS; user++) {
      for (int g = 0; g < GROUPS.length; g++) {
        device(run, user, g, random, seconds, latencies.get(g));
      }
    }
    for (int g = 0; g < GROUPS.length; g++) {
      run.group(GROUPS[g], latencies.get(g).stream().mapToLong(Long::longValue).toArray());
    }
    for (int s = 0; s < seconds.length; s++) {
      long[] c = seconds[s];
      run.second(s, c[0], c[1], c[2], c[3], 0, 0, c[4], c[5]);
    }
    return run
        .event(10, "api_fault", "the API answers 503 for 5 s")
        .event(20, "sign_out", "signed out 24 devices of group phone")
        .event(25, "change_password", "changed the password of the first 3 users; their tokens are revoked")
        .event(30, "offline", "24 devices of group desktop offline for 5 s")
        .event(38, "note", "the storm is over")
        .expect(Metric.FAILED_CALLS, "tablet", null, 0.0)
        .expect(Metric.PROMPTS, null, Users.PASSWORD_UNCHANGED, null, 0.0)
        .expect(Metric.PROMPTED_DEVICES, null, Users.PASSWORD_CHANGED, 6.0, 6.0)
        .expect(Metric.TOKEN_REQUESTS_PER_RECOVERY, null, null, 1.0)
        .expect(Metric.FAILED_CALLS, null, null, 30.0)
        .build();
  }

  /** One device's 40 s: a call every 2 s, and what the scenario's events do to it. */
  private static void device(ResultsBuilder run, int user, int g, Random random, long[][] seconds,
      List<Long> latencies) {
    String group = GROUPS[g];
    boolean passwordChanged = user <= PASSWORD_CHANGED;
    CountsBuilder counts = counts().signIns(1).tokenRequests(1);
    long calls = 0;
    long failed = 0;
    long offline = 0;
    long unauthorized = 0;
    long recoveries = 0;
    long tokenRequests = 1;
    long prompts = 0;
    List<DeviceEvent> timeline = new ArrayList<>();
    boolean recovered = false;
    for (double t = (user * 0.37 + g * 0.61) % 2; t < 40; t += 2) {
      int s = (int) t;
      if (group.equals("phone") && t >= 20) {
        timeline.add(at(20, "sign_out", "token revoked"));
        counts.signOuts(1);
        break;
      }
      if (passwordChanged && t >= 25) {
        timeline.add(at(t, "401", "GET /orders: token revoked"));
        timeline.add(at(t + 0.1, "prompt", "password replay refused: the password changed"));
        unauthorized++;
        tokenRequests++;
        prompts++;
        calls++;
        seconds[s][0]++;
        seconds[s][1]++;
        seconds[s][3]++;
        seconds[s][5]++;
        break;
      }
      calls++;
      seconds[s][0]++;
      if (group.equals("desktop") && t >= 30 && t < 35) {
        offline++;
        timeline.add(at(t, "offline", "GET /orders: no network"));
        continue;
      }
      if (group.equals("tablet") && t >= 20 && !recovered) {
        recovered = true;
        unauthorized++;
        recoveries++;
        tokenRequests++;
        seconds[s][1]++;
        seconds[s][2]++;
        seconds[s][3]++;
        timeline.add(at(t, "401", "GET /orders: token revoked by the phone's sign-out"));
        timeline.add(at(t + 0.2, "recovery", "refresh_token grant"));
      }
      if (t >= 10 && t < 15 && (user * 7 + s) % 11 == 0) {
        failed++;
        seconds[s][4]++;
        timeline.add(at(t, "failed", "GET /orders: 503 Service Unavailable"));
        continue;
      }
      long millis = 30 + (long) (random.nextDouble() * random.nextDouble() * 180);
      latencies.add(millis);
      timeline.add(at(t, "call", "GET /orders: 200 in " + millis + " ms"));
    }
    counts.calls(calls).failedCalls(failed).offlineCalls(offline).unauthorized(unauthorized).recoveries(recoveries)
        .tokenRequests(tokenRequests).prompts(prompts);
    boolean kept = user % 5 == 0 || failed > 0 || prompts > 0;
    String id = "user-" + user + "/" + group + "-1";
    run.device(id, group, passwordChanged, counts, kept ? timeline.toArray(DeviceEvent[]::new) : new DeviceEvent[0]);
  }
}

package dev.resilientsession.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab run} and {@code lab merge} as QA runs them: exit codes, messages, report files. */
class LabCommandTest {
  private static final String FLEET = String.join("\n",
      "# Four users with a phone and a tablet sharing an OPAQUE token; the phones sign out.",
      "[scenario]",
      "name = \"small-storm\"",
      "duration = \"2s\"",
      "[users]",
      "count = 4",
      "[[groups]]",
      "name = \"phone\"",
      "application = \"opaque\"",
      "device_scope = false",
      "[[groups]]",
      "name = \"tablet\"",
      "application = \"opaque\"",
      "device_scope = false",
      "[[events]]",
      "do = \"sign_out\"",
      "group = \"phone\"",
      "[[events]]",
      "do = \"call\"",
      "group = \"tablet\"",
      "[[expect]]",
      "metric = \"failed_calls\"",
      "max = 0",
      "");

  /** User-2 changes password through /admin; met only if the change reached the gateway. */
  private static final String PASSWORD_CHANGE = String.join("\n",
      "[scenario]", "duration = \"2s\"",
      "[users]", "count = 2",
      "[[groups]]", "name = \"tablet\"", "application = \"opaque\"",
      "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
      "[[events]]", "do = \"call\"",
      "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 1",
      "[[expect]]", "metric = \"failed_calls\"", "users = \"password_unchanged\"", "max = 0", "");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test void aMetScenarioExitsZeroAndWritesTheThreeReportFiles() throws Exception {
    Path report = dir.resolve("report");

    int status = lab("run", "--quiet", "--out", report.toString(), scenario("ok.toml", FLEET).toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(report.resolve("report.html")).exists();
    assertThat(report.resolve("junit.xml")).exists();
    RunResults results = ReportWriter.read(report.resolve("results.json"));
    assertThat(results.devices()).hasSize(8);
    assertThat(out.toString()).contains("met     failed_calls <= 0").contains("All 1 expectations met.");
  }

  @Test void theConsoleTellsTheTokenEndpointsLoadAndWhenTheDevicesANamedEventHitWereBack() throws Exception {
    String named = FLEET.replace("do = \"sign_out\"", "name = \"storm\"\ndo = \"sign_out\"")
        + "[[expect]]\nmetric = \"recovery_seconds\"\nevent = \"storm\"\nstatistic = \"p99\"\nmax = 60\n";

    int status = lab("run", "--quiet", "--out", dir.resolve("report").toString(), scenario("n.toml", named).toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("token endpoint: 12 requests, busiest second 4 at \\d+ s; 0 rejected \\(429, 5xx\\); 0 unanswered")
        .containsPattern("after storm \\(line 15, \\d+\\.\\d s\\): 4 devices hit, 4 back: half [\\d.]+ s after its end")
        .contains("met     recovery_seconds p99 after storm <= 60 (line 25): ");
  }

  @Test void aScenarioBuiltToFailAnExpectationExitsOneAndSaysWhichOne() throws Exception {
    Path report = dir.resolve("report");
    String failing = FLEET + "[[expect]]\nmetric = \"recoveries\"\ngroup = \"tablet\"\nequals = 0\n";

    int status = lab("run", "--quiet", "--out", report.toString(), scenario("fails.toml", failing).toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).contains("NOT MET recoveries in group tablet = 0 (line 24): 4")
        .contains("1 of 2 expectations not met.");
    assertThat(Files.readString(report.resolve("junit.xml"))).contains("<failure");
  }

  @Test void aBadScenarioExitsTwoWithFileLineAndKeyBeforeAnythingStarts() throws Exception {
    Path file = scenario("bad.toml", FLEET.replace("do = \"call\"\ngroup = \"tablet\"", "do = \"call\"\ngroup = \"tablt\""));

    int status = lab("run", "--quiet", "--out", dir.resolve("report").toString(), file.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(file + ":20: events[1].group: no group \"tablt\"");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void aShardNeedsASharedGateway() throws Exception {
    int status = lab("run", "--shard", "0/2", scenario("s.toml", FLEET).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--shard needs --gateway");
  }

  @Test void aBadGatewayOrCaExitsTwoSayingWhich() throws Exception {
    Path file = scenario("s.toml", FLEET);
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate");

    assertThat(lab("run", "--gateway", "ftp://gw", file.toString())).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--ca", notPem.toString(), file.toString())).isEqualTo(2);
    assertThat(lab("run", "--gateway", "https://gw:9443", "--ca", dir.resolve("missing.pem").toString(),
        file.toString())).isEqualTo(2);

    assertThat(err.toString()).contains("--gateway: not an http(s) URL: ftp://gw")
        .contains("holds no PEM certificate").contains("--ca: cannot read");
  }

  @Test void twoShardsAgainstOneGatewayMergeIntoTheWholeFleet() throws Exception {
    Path file = scenario("shared.toml", FLEET);
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(configFor(4))).host("127.0.0.1").start()) {
      String url = gateway.url("/").toString();
      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() ->
          quietLab("run", "--quiet", "--gateway", url, "--shard", "0/2", "--out", dir.resolve("s0").toString(), file.toString()));
      CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() ->
          quietLab("run", "--quiet", "--gateway", url, "--shard", "1/2", "--out", dir.resolve("s1").toString(), file.toString()));
      assertThat(first.get()).isZero();
      assertThat(second.get()).isZero();
    }
    RunResults shard0 = ReportWriter.read(dir.resolve("s0/results.json"));
    RunResults shard1 = ReportWriter.read(dir.resolve("s1/results.json"));
    assertThat(shard0.devices()).extracting(RunResults.DeviceResult::user).containsOnly("user-1", "user-3");
    assertThat(shard1.devices()).extracting(RunResults.DeviceResult::user).containsOnly("user-2", "user-4");

    int status = lab("merge", "--out", dir.resolve("merged").toString(), dir.resolve("s0").toString(),
        dir.resolve("s1").toString());

    assertThat(status).as(err.toString()).isZero();
    RunResults merged = ReportWriter.read(dir.resolve("merged/results.json"));
    assertThat(merged.shards()).isEqualTo("0/2,1/2");
    assertThat(merged.devices()).hasSize(8);
    assertThat(merged.totals().calls()).isEqualTo(shard0.totals().calls() + shard1.totals().calls());
    assertThat(merged.totals().recoveries()).isEqualTo(4);
    assertThat(merged.passed()).isTrue();
  }

  @Test void signInsTheGatewayRefusesAreCountedAndSaid() throws Exception {
    Path file = scenario("wrong.toml", FLEET.replace("count = 4", "count = 2\npassword = \"wrong\""));
    try (MockGatewayServer gateway = MockGatewayServer.builder(MockGateway.create(configFor(2))).host("127.0.0.1").start()) {
      int status = lab("run", "--quiet", "--gateway", gateway.url("/").toString(), "--out",
          dir.resolve("report").toString(), file.toString());

      assertThat(status).as("failed_calls <= 0 still holds: nobody called").isZero();
    }
    assertThat(out.toString()).contains("4 sign-ins failed");
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.totals().signInFailures()).isEqualTo(4);
    assertThat(results.devices()).allSatisfy(device -> assertThat(device.timeline())
        .anySatisfy(event -> assertThat(event.detail()).contains("invalid_grant")));
  }

  @Test void aMockThatWantsItsAdminTokenExitsTwoSayingHowToPassItBeforeAnyDeviceStarts() throws Exception {
    Path file = scenario("password.toml", PASSWORD_CHANGE);
    MockGateway guarded = MockGateway.builder(configFor(2)).adminToken("lab-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      String url = gateway.url("/").toString();

      int without = lab("run", "--quiet", "--gateway", url, "--out", dir.resolve("report").toString(), file.toString());
      int wrong = lab("run", "--quiet", "--gateway", url, "--admin-token", "not-the-admin-token",
          "--out", dir.resolve("report").toString(), file.toString());

      assertThat(without).isEqualTo(2);
      assertThat(wrong).isEqualTo(2);
      assertThat(guarded.activeTokens()).as("no device signed in").isEmpty();
    }
    assertThat(err.toString())
        .contains("requires an admin token for its /admin controls (401), and these events need them: "
            + "change_password (line 8). Pass the gateway's admin token with --admin-token, or set "
            + "MOCK_GATEWAY_ADMIN_TOKEN.")
        .contains("refused the admin token given")
        .doesNotContain("not-the-admin-token");
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test void theAdminTokenFlagReachesTheMocksAdminControls() throws Exception {
    Path file = scenario("password.toml", PASSWORD_CHANGE);
    MockGateway guarded = MockGateway.builder(configFor(2)).adminToken("lab-admin-token").build();
    try (MockGatewayServer gateway = MockGatewayServer.builder(guarded).host("127.0.0.1").start()) {
      int status = lab("run", "--quiet", "--gateway", gateway.url("/").toString(), "--admin-token", "lab-admin-token",
          "--out", dir.resolve("report").toString(), file.toString());

      assertThat(status).as(out + "\n" + err).isZero();
    }
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.totals().prompts()).as("user-2's replayed password was refused").isEqualTo(1);
    assertThat(Files.readString(dir.resolve("report/results.json"))).doesNotContain("lab-admin-token");
  }

  @Test void anAdminTokenWithoutAGatewayExitsTwo() throws Exception {
    int status = lab("run", "--admin-token", "lab-admin-token", scenario("s.toml", FLEET).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--admin-token needs --gateway").doesNotContain("lab-admin-token");
  }

  /** The users and applications a lab scenario expects on a gateway it does not start itself. */
  static GatewayConfig configFor(int users) {
    GatewayConfig.Builder config = GatewayConfig.builder();
    for (int n = 1; n <= users; n++) config.user(User.of("user-" + n, "user-" + n + "-pw"));
    for (ApplicationSpec application : new ApplicationSpec[] {ApplicationSpec.JWT, ApplicationSpec.OPAQUE}) {
      config.application(Application.builder(application.consumerKey(), application.consumerSecret())
          .tokenType(application.tokenType()).build());
    }
    return config.build();
  }

  private Path scenario(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private int lab(String... args) {
    return LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }

  private static int quietLab(String... args) {
    CommandLine commandLine = LabMain.commandLine();
    StringWriter sink = new StringWriter();
    return commandLine.setOut(new PrintWriter(sink)).setErr(new PrintWriter(sink)).execute(args);
  }
}

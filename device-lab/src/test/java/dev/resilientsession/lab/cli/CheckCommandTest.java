package dev.resilientsession.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.ResourceRule;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab check}: one device per group signs in, calls and signs out, and says what does not work. */
class CheckCommandTest {
  /** Two users, the second with a password the server does not know; an application it does not know; a bad path. */
  private static final String MIXED = String.join("\n",
      "[scenario]", "duration = \"10s\"",
      "[users]", "list = [", "  { name = \"user-1\", password = \"user-1-pw\" },",
      "  { name = \"user-2\", password = \"not-user-2s\" },", "]",
      "[applications.unknown]", "consumer_key = \"not-registered\"", "consumer_secret = \"unknown-secret\"",
      "[[groups]]", "name = \"good\"", "application = \"opaque\"", "call = \"/orders\"",
      "[[groups]]", "name = \"stranger\"", "application = \"unknown\"", "call = \"/orders\"",
      "[[groups]]", "name = \"lost\"", "application = \"opaque\"", "call = \"/menu\"",
      "[[expect]]", "metric = \"failed_calls\"", "max = 0", "");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test void everythingThatWorksIsSaidAndExitsZero() throws Exception {
    try (MockGatewayServer gateway = start()) {
      Path file = scenario("good.toml", MIXED.replace("not-user-2s", "user-2-pw").replace("\"unknown\"", "\"opaque\"")
          .replace("/menu", "/orders"));

      int status = lab("check", "--gateway", gateway.url("/").toString(), file.toString());

      assertThat(status).as(out + "\n" + err).isZero();
      assertThat(out.toString().lines()).containsExactly(
          "Checking " + file + " against " + gateway.url("/"),
          "  ok    group good: user user-1: signed in (scopes device_good), GET /orders: HTTP 200, signed out"
              + " (token revoked)",
          "  ok    group stranger: user user-1: signed in (scopes device_stranger), GET /orders: HTTP 200, signed out"
              + " (token revoked)",
          "  ok    group lost: user user-1: signed in (scopes device_lost), GET /orders: HTTP 200, signed out"
              + " (token revoked)",
          "  ok    group good: user user-2 (the last of 2 users): signed in (scopes device_good), GET /orders:"
              + " HTTP 200, signed out (token revoked)",
          "",
          "Everything works: 4 checks passed.");
    }
  }

  @Test void aWrongPasswordAnUnknownApplicationAndAPathTheServerLacksAreEachNamedAndExitOne() throws Exception {
    try (MockGatewayServer gateway = start()) {
      int status = lab("check", "--gateway", gateway.url("/").toString(), scenario("mixed.toml", MIXED).toString());

      assertThat(status).isEqualTo(1);
    }
    assertThat(out.toString().lines()).contains(
        "  ok    group good: user user-1: signed in (scopes device_good), GET /orders: HTTP 200, signed out"
            + " (token revoked)",
        "  FAIL  group stranger: user user-1: sign-in failed: client_rejected (invalid_client): The gateway refused"
            + " this client: check the consumer key and secret",
        "  FAIL  group lost: user user-1: GET /menu: HTTP 403",
        "  FAIL  group good: user user-2 (the last of 2 users): sign-in failed: invalid_credentials (invalid_grant):"
            + " Wrong username or password",
        "3 of 4 checks failed (FAIL above).");
    assertThat(out.toString() + err).doesNotContain("user-1-pw").doesNotContain("not-user-2s")
        .doesNotContain("unknown-secret").doesNotContain("Bearer");
  }

  @Test void withoutATargetTheFileIsCheckedAgainstTheEmbeddedGateway() throws Exception {
    int status = lab("check", scenario("mixed.toml", MIXED).toString());

    assertThat(status).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("against the embedded mock gateway").contains("Everything works");
  }

  @Test void everyScenarioOfTheRepositoryChecksOutAgainstTheEmbeddedGateway() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of("..", "scenarios"))) {
      files = listing.filter(file -> file.toString().endsWith(".toml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(lab("check", file.toString())).as(file + ":\n" + out + err).isZero();
    }
  }

  @Test void anUnreachableServerExitsTwo() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String url = closed.url("/").toString();
    closed.close();

    int status = lab("check", "--gateway", url, scenario("mixed.toml", MIXED).toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("lab check: cannot reach the gateway at " + url + ": ");
  }

  @Test void aBadFileOrTargetFlagExitsTwoSayingWhat() throws Exception {
    Path bad = scenario("bad.toml", MIXED.replace("call = \"/menu\"", "call = \"menu\"").replace("max = 0", "max = -1"));

    assertThat(lab("check", bad.toString())).isEqualTo(2);
    assertThat(lab("check", "--token-url", "https://kc/token", scenario("s.toml", MIXED).toString())).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "lab check: " + bad + ":22: groups[2].call: must start with '/', was \"menu\"",
        "lab check: " + bad + ":25: expect[0].max: must not be negative: metrics count things",
        "lab check: --token-url needs --api-url: the base the groups' call paths are relative to, such as"
            + " https://apim:8243/pizzashack/1.0.0");
  }

  /** The mock with the scenario's users and default applications; like WSO2, 403 for a path of no API. */
  private static MockGatewayServer start() throws IOException {
    GatewayConfig config = LabCommandTest.configFor(2).newBuilder().strictResources(true)
        .resource(ResourceRule.of("/orders")).build();
    return MockGatewayServer.builder(MockGateway.create(config)).host("127.0.0.1").start();
  }

  private Path scenario(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private int lab(String... args) {
    return LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }
}

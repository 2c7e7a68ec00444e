package dev.resilientsession.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resilientsession.lab.report.ReportWriter;
import dev.resilientsession.lab.report.RunResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab against the standalone mock gateway ({@code java -jar mock-gateway.jar}) over HTTPS with
 * its generated CA, as QA points it at a gateway it did not start: {@code --gateway URL --ca PEM}.
 * Needs the jar that {@code mvn verify} packages before this module's tests run.
 */
class StandaloneGatewayTest {
  private static final Path JAR = Path.of("..", "mock-gateway", "target", "mock-gateway.jar");

  @TempDir Path dir;
  private Process gateway;

  @AfterEach void stopGateway() throws Exception {
    if (gateway != null) {
      gateway.destroy();
      gateway.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test void aFleetPlaysAgainstTheStandaloneJarThroughItsAdminControls() throws Exception {
    assumeTrue(Files.exists(JAR), "mock-gateway.jar is built by mvn package/verify");
    Path config = Files.writeString(dir.resolve("deployment.toml"), String.join("\n",
        "[[gateway.users]]", "username = \"user-1\"", "password = \"user-1-pw\"",
        "[[gateway.users]]", "username = \"user-2\"", "password = \"user-2-pw\"",
        "[[gateway.applications]]", "consumer_key = \"lab-opaque\"", "consumer_secret = \"lab-opaque-secret\"",
        "token_type = \"OPAQUE\"", ""));
    String url = start(config);
    Path scenario = Files.writeString(dir.resolve("remote.toml"), String.join("\n",
        "[scenario]", "duration = \"5s\"",
        "[users]", "count = 2",
        "[[groups]]", "name = \"tablet\"", "application = \"opaque\"",
        "[[events]]", "do = \"change_password\"", "users = [\"user-2\"]",
        "[[events]]", "do = \"call\"",
        "[[expect]]", "metric = \"prompted_devices\"", "users = \"password_changed\"", "equals = 1",
        "[[expect]]", "metric = \"failed_calls\"", "users = \"password_unchanged\"", "max = 0", ""));
    StringWriter out = new StringWriter();

    int status = LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
        .execute("run", "--quiet", "--gateway", url, "--ca", dir.resolve("ca.pem").toString(),
            "--out", dir.resolve("report").toString(), scenario.toString());

    assertThat(status).as(out.toString()).isZero();
    RunResults results = ReportWriter.read(dir.resolve("report"));
    assertThat(results.target().apiUrl()).isEqualTo(url + "/");
    assertThat(results.devices()).hasSize(2);
    assertThat(results.totals().signIns()).isEqualTo(2);
    assertThat(results.totals().prompts()).as("user-2's replayed password was refused").isEqualTo(1);
  }

  @Test void onEveryInterfaceTheJarsPrintedAdminTokenIsWhatTheLabNeeds() throws Exception {
    assumeTrue(Files.exists(JAR), "mock-gateway.jar is built by mvn package/verify");
    Path config = Files.writeString(dir.resolve("deployment.toml"), String.join("\n",
        "[[gateway.users]]", "username = \"user-1\"", "password = \"user-1-pw\"",
        "[[gateway.applications]]", "consumer_key = \"lab-opaque\"", "consumer_secret = \"lab-opaque-secret\"",
        "token_type = \"OPAQUE\"", ""));
    BufferedReader stdout = launch("0.0.0.0", config);
    String port = listening(stdout).replaceAll(".*:", "");
    String tokenLine = stdout.readLine();
    assertThat(tokenLine).startsWith("mock-gateway admin token: ");
    String token = tokenLine.substring("mock-gateway admin token: ".length());
    // Every interface, reached over loopback only; the certificate names 127.0.0.1.
    String url = "https://127.0.0.1:" + port;
    Path scenario = Files.writeString(dir.resolve("clock.toml"), String.join("\n",
        "[scenario]", "duration = \"2s\"",
        "[users]", "count = 1",
        "[[groups]]", "name = \"tablet\"", "application = \"opaque\"",
        "[[events]]", "do = \"advance_clock\"", "by = \"1m\"",
        "[[events]]", "do = \"call\"", ""));
    StringWriter out = new StringWriter();
    String ca = dir.resolve("ca.pem").toString();

    int without = lab(out, "run", "--quiet", "--gateway", url, "--ca", ca, "--out", dir.resolve("r1").toString(),
        scenario.toString());
    int with = lab(out, "run", "--quiet", "--gateway", url, "--ca", ca, "--admin-token", token,
        "--out", dir.resolve("r2").toString(), scenario.toString());

    assertThat(without).as(out.toString()).isEqualTo(2);
    assertThat(out.toString()).contains("requires an admin token").contains("--admin-token");
    assertThat(with).as(out.toString()).isZero();
    assertThat(ReportWriter.read(dir.resolve("r2")).devices()).hasSize(1);
  }

  private static int lab(StringWriter out, String... args) {
    return LabMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(args);
  }

  /** Starts the jar on a free port over HTTPS; answers its URL once it says it is listening. */
  private String start(Path config) throws Exception {
    return listening(launch("localhost", config));
  }

  /** The jar on a free port of {@code host} over HTTPS, writing its CA to ca.pem; its stdout and stderr. */
  private BufferedReader launch(String host, Path config) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--port", "0", "--host", host, "--config", config.toString(),
        "--cert-out", dir.resolve("ca.pem").toString())
        .redirectErrorStream(true);
    builder.environment().remove("MOCK_GATEWAY_ADMIN_TOKEN");
    gateway = builder.start();
    return new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The URL of the ready line. */
  private static String listening(BufferedReader lines) throws IOException {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("mock-gateway listening on ")) return line.substring("mock-gateway listening on ".length());
    }
    throw new AssertionError("the gateway exited without listening");
  }
}

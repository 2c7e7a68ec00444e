package dev.resilientsession.sample.desktop;

import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceStats;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/**
 * A scripted device for QA runs: sign in (with the password, or in the browser), call the API
 * {@code --calls} times, {@code --interval} apart, optionally sign out, then print the device's
 * counts. The exit status is 0 when no call failed and the user was never asked to sign in again.
 */
final class HeadlessRun {
  @Option(names = "--calls", paramLabel = "N", defaultValue = "10", description = "API calls to make. Default: ${DEFAULT-VALUE}.")
  private int calls;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT1S",
      description = "Pause between calls, ISO-8601 (PT0.5S, PT1M). Default: ${DEFAULT-VALUE}.")
  private Duration interval;

  @Option(names = "--sign-out", description = "Sign out at the end (revokes this device's token).")
  private boolean signOut;

  int calls() {
    return calls;
  }

  Duration interval() {
    return interval;
  }

  /**
   * Runs the script on {@code device}, signing in with {@code signIn}, printing every event to
   * {@code out}; returns the exit status.
   */
  int run(Device device, BooleanSupplier signIn, PrintStream out) throws InterruptedException {
    if (calls < 0) throw new IllegalArgumentException("--calls must not be negative");
    device.showOn(new ConsoleView(out, device.name(), Clock.systemDefaultZone()));
    if (!signIn.getAsBoolean()) return 1;
    for (int call = 0; call < calls; call++) {
      if (call > 0 && !interval.isZero()) Thread.sleep(interval.toMillis());
      device.loadOrders();
    }
    if (signOut) device.signOut();
    DeviceStats stats = device.stats();
    out.println(device.name() + " summary: calls=" + stats.calls() + " failed_calls=" + stats.failedCalls()
        + " token_requests=" + stats.tokenRequests() + " unauthorized=" + stats.unauthorized()
        + " silent_recoveries=" + stats.silentRecoveries() + " password_replays=" + stats.passwordReplays()
        + " prompts=" + stats.prompts());
    return stats.failedCalls() == 0 && stats.prompts() == 0 ? 0 : 1;
  }
}

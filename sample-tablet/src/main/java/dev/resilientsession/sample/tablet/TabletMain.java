package dev.resilientsession.sample.tablet;

import dev.resilientsession.sample.device.ConsoleView;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceOptions;
import dev.resilientsession.sample.device.DeviceSettings;
import dev.resilientsession.sample.device.HeadlessRun;
import dev.resilientsession.sample.device.OneLineErrors;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code java -jar sample-tablet.jar}: the tablet device on the JVM, scripted, for QA runs. */
@Command(name = "sample-tablet", mixinStandardHelpOptions = true, version = "sample-tablet 0.1.0", usageHelpWidth = 110,
    description = {"The tablet device of a user on the JVM: signs in, calls GET /orders through the SDK,",
        "prints every event and a summary. Start several against one mock gateway to simulate devices.", ""})
public final class TabletMain implements Callable<Integer> {
  @Mixin private DeviceOptions device;
  @Mixin private HeadlessRun script;

  /** The command line, with errors reported as one line instead of a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new TabletMain()).setExecutionExceptionHandler(new OneLineErrors("sample-tablet"));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override public Integer call() throws Exception {
    DeviceSettings settings = device.settings("tablet");
    try (Device tablet = new Device(settings, new ConsoleView(System.out, settings.deviceName(), Clock.systemDefaultZone()))) {
      return script.run(tablet, device, System.out);
    }
  }
}

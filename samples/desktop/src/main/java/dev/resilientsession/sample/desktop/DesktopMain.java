package dev.resilientsession.sample.desktop;

import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceSettings;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar sample-desktop.jar}: the desktop device, in a window or headless and scripted. */
@Command(name = "sample-desktop", mixinStandardHelpOptions = true, version = "sample-desktop 0.1.0", usageHelpWidth = 110,
    description = {"The desktop device of a user: a Swing window with sign-in, a button and a timer that",
        "call GET /orders through the SDK, the session's status and event log, and sign-out.",
        "With --headless it runs the script (--calls, --interval, --sign-out) and prints every event.", ""})
public final class DesktopMain implements Callable<Integer> {
  @Mixin private DeviceOptions device;
  @Mixin private HeadlessRun script;

  @Option(names = "--headless", description = "No window: sign in, run the calls, print events and a summary.")
  private boolean headless;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Open the window, sign in, make the --calls, save the window as PNG to FILE and exit.")
  private Path screenshot;

  /** The command line, with errors reported as one line instead of a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new DesktopMain()).setExecutionExceptionHandler(new OneLineErrors("sample-desktop"));
  }

  public static void main(String[] args) {
    int status = commandLine().execute(args);
    if (status != 0 || GraphicsEnvironment.isHeadless()) System.exit(status);
  }

  @Override public Integer call() throws Exception {
    DeviceSettings settings = device.settings("desktop");
    if (headless) {
      try (Device desktop = new Device(settings, new ConsoleView(System.out, settings.deviceName(), Clock.systemDefaultZone()))) {
        return script.run(desktop, device, System.out);
      }
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("sample-desktop: no display; use --headless, or run under a display (for example xvfb-run)");
      return 2;
    }
    CompletableFuture<DesktopWindow> opened = new CompletableFuture<>();
    SwingUtilities.invokeAndWait(() -> {
      DesktopWindow window = new DesktopWindow(settings);
      window.show();
      opened.complete(window);
    });
    DesktopWindow window = opened.get();
    if (screenshot != null) return screenshot(window);
    return 0;
  }

  /** Signs in and runs the calls through the window's own worker, then captures the window from the screen. */
  private int screenshot(DesktopWindow window) throws Exception {
    window.background(() -> window.device().signIn(device.user(), device.password()));
    for (int call = 0; call < script.calls(); call++) {
      if (call > 0) Thread.sleep(script.interval().toMillis());
      CompletableFuture<Void> done = new CompletableFuture<>();
      window.background(() -> {
        window.device().loadOrders();
        done.complete(null);
      });
      done.get(30, TimeUnit.SECONDS);
    }
    Robot robot = new Robot();
    robot.waitForIdle(); // the log and counts have been painted
    CompletableFuture<Rectangle> bounds = new CompletableFuture<>();
    SwingUtilities.invokeLater(() -> bounds.complete(window.frame().getBounds()));
    BufferedImage pixels = robot.createScreenCapture(bounds.get(30, TimeUnit.SECONDS));
    ImageIO.write(pixels, "png", screenshot.toFile());
    SwingUtilities.invokeAndWait(() -> window.frame().dispose());
    System.exit(0);
    return 0;
  }
}

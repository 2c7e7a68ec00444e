package dev.resilientsession.sample.desktop;

import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceEvents;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.OrdersApi;
import dev.resilientsession.sample.device.TrafficCounter;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * {@code java -jar sample-desktop.jar}: the desktop device, in a window or headless and scripted.
 * {@link #device} is the whole SDK wiring of a JVM app: an {@code OkHttpClient}, the session on it,
 * and a Retrofit service on the session's client.
 */
@Command(name = "sample-desktop", mixinStandardHelpOptions = true, version = "sample-desktop 0.1.0", usageHelpWidth = 110,
    description = {"The desktop device of a user: a Swing window with sign-in, a button and a timer that",
        "call GET /orders through the SDK, the session's status and event log, and sign-out.",
        "With --headless it runs the script (--calls, --interval, --sign-out) and prints every event;",
        "--device tablet makes it the user's tablet.", ""})
public final class DesktopMain implements Callable<Integer> {
  @Mixin private DeviceOptions options;
  @Mixin private HeadlessRun script;

  @Option(names = "--headless", description = "No window: sign in, run the calls, print events and a summary.")
  private boolean headless;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Open the window, sign in, make the --calls, save the window as PNG to FILE and exit.")
  private Path screenshot;

  public static void main(String[] args) {
    int status = commandLine().execute(args);
    if (status != 0 || GraphicsEnvironment.isHeadless()) System.exit(status);
  }

  /** The command line, with errors reported as one line instead of a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new DesktopMain()).setExecutionExceptionHandler(new OneLineErrors("sample-desktop"));
  }

  /**
   * The device, wired to the gateway: an OkHttpClient, a session on it that keeps the user signed
   * in, and the orders API through Retrofit on the session's client.
   */
  private static Device device(DeviceOptions options) {
    HttpUrl gateway = options.gateway();
    DeviceStats stats = new DeviceStats();
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .addNetworkInterceptor(new TrafficCounter(stats)); // token requests and 401s, for the summary
    String caPem = options.caPem();
    if (caPem != null) { // the mock gateway's certificate is its own: trust the CA it wrote with --cert-out
      HandshakeCertificates trust = new HandshakeCertificates.Builder()
          .addTrustedCertificate(Certificates.decodeCertificatePem(caPem))
          .build();
      http.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    OkHttpClient client = http.build();

    DeviceEvents events = new DeviceEvents(stats); // tells the screen, and counts, what the session does
    ResilientSession session = ResilientSession.builder()
        .tokenUrl(gateway.resolve("/oauth2/token"))
        .client(options.clientId(), options.clientSecret())
        .deviceIdentity(DeviceIdentity.of(options.deviceName())) // scope device_<name>: a token of its own
        .deviceScope(options.deviceScope())
        .okHttpClient(client)
        // Token requests skip the client's interceptors, which could log the password, unless the
        // client is given here: TrafficCounter only counts them and reads no body.
        .tokenHttpClient(client)
        .listener(events)
        // Events run on the thread of the call that caused them, in order with the device's own: the
        // window hands both to Swing, and the summary counts every event of the calls before it.
        .listenerExecutor(Runnable::run)
        .build();

    OrdersApi orders = new Retrofit.Builder()
        .baseUrl(gateway)
        .client(session.newClient(client)) // calls carry the user's token and recover from 401s
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);
    return new Device(options.deviceName(), session, orders, events);
  }

  @Override public Integer call() throws Exception {
    if (headless) {
      try (Device device = device(options)) {
        return script.run(device, options, System.out);
      }
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("sample-desktop: no display; use --headless, or run under a display (for example xvfb-run)");
      return 2;
    }
    Device device = device(options);
    CompletableFuture<DesktopWindow> opened = new CompletableFuture<>();
    SwingUtilities.invokeAndWait(() -> {
      DesktopWindow window = new DesktopWindow(device, options.gateway());
      window.show();
      opened.complete(window);
    });
    DesktopWindow window = opened.get();
    if (screenshot != null) return screenshot(window);
    return 0;
  }

  /** Signs in and runs the calls through the window's own worker, then captures the window from the screen. */
  private int screenshot(DesktopWindow window) throws Exception {
    window.background(() -> window.device().signIn(options.user(), options.password()));
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

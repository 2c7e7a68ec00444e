package dev.resilientsession.sample.desktop;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.client.loopback.LoopbackRedirect;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceEvents;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.OrdersApi;
import dev.resilientsession.sample.device.TrafficCounter;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * {@link #device} and {@link #signInInBrowser} are the whole SDK wiring of a JVM app: an {@code
 * OkHttpClient}, the session on it, a Retrofit service on the session's client, and the browser
 * sign-in that comes back to the app on 127.0.0.1.
 */
@Command(name = "sample-desktop", mixinStandardHelpOptions = true, version = "sample-desktop 0.1.0", usageHelpWidth = 110,
    description = {"The desktop device of a user: a Swing window with sign-in, a button and a timer that",
        "call GET /orders through the SDK, the session's status and event log, and sign-out.",
        "With --headless it runs the script (--calls, --interval, --sign-out) and prints every event;",
        "--device tablet makes it the user's tablet. With --sign-in browser the user signs in on the",
        "gateway's login page in the system browser (headless: the run prints the URL to open and waits).", ""})
public final class DesktopMain implements Callable<Integer> {
  /** How long a browser sign-in waits for the user to come back from the login page. */
  private static final Duration BROWSER_SIGN_IN_TIMEOUT = Duration.ofMinutes(5);
  /** What the user reads, before the URL, when no browser could be opened for them. */
  static final String OPEN_URL = "Open this URL in a browser to sign in: ";

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
    ResilientSession.Builder builder = ResilientSession.builder()
        .tokenUrl(gateway.resolve("/oauth2/token"))
        .deviceIdentity(DeviceIdentity.of(options.deviceName())) // scope device_<name>: a token of its own
        .deviceScope(options.deviceScope())
        .okHttpClient(client)
        // Token requests skip the client's interceptors, which could log the password, unless the
        // client is given here: TrafficCounter only counts them and reads no body.
        .tokenHttpClient(client)
        .listener(events)
        // Events run on the thread of the call that caused them, in order with the device's own: the
        // window hands both to Swing, and the summary counts every event of the calls before it.
        .listenerExecutor(Runnable::run);
    String secret = options.clientSecret();
    if (secret != null) {
      builder.client(options.clientId(), secret); // a confidential app: its secret authenticates token requests
    } else {
      builder.publicClient(options.clientId()); // an app in users' hands keeps no secret: browser sign-in with PKCE
    }
    ResilientSession session = builder.build();

    OrdersApi orders = new Retrofit.Builder()
        .baseUrl(gateway)
        .client(session.newClient(client)) // calls carry the user's token and recover from 401s
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);
    return new Device(options.deviceName(), session, orders, events);
  }

  /**
   * Browser sign-in on a desktop (RFC 8252 section 7.3): the gateway's login page in the system
   * browser, which comes back with the code to a one-shot server on 127.0.0.1. Without a system
   * browser, or without {@code systemBrowser} (a headless run), {@code showUrl} shows the user the
   * URL to open. Returns whether the device signed in; the device shows why not.
   */
  static boolean signInInBrowser(Device device, boolean systemBrowser, Consumer<String> showUrl) {
    try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
      AuthorizationRequest request = device.browserSignIn(redirect.uri());
      if (systemBrowser) {
        redirect.openBrowser(request.url(), showUrl);
      } else {
        showUrl.accept(request.url());
      }
      return device.completeBrowserSignIn(request, redirect.await(BROWSER_SIGN_IN_TIMEOUT));
    } catch (SignInException e) {
      device.browserSignInFailed(e); // the user did not come back in time
      return false;
    } catch (InterruptedIOException e) {
      return false; // the window closed, or the user started over
    } catch (IOException e) {
      throw new UncheckedIOException("no port on 127.0.0.1 for the browser to come back to", e);
    }
  }

  @Override public Integer call() throws Exception {
    if (headless) {
      PrintStream out = System.out;
      try (Device device = device(options)) {
        return script.run(device, () -> signIn(device, false, url -> out.println(OPEN_URL + url)), out);
      }
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("sample-desktop: no display; use --headless, or run under a display (for example xvfb-run)");
      return 2;
    }
    Device device = device(options);
    CompletableFuture<DesktopWindow> opened = new CompletableFuture<>();
    SwingUtilities.invokeAndWait(() -> {
      DesktopWindow window = new DesktopWindow(device, options.gateway(), options.browserSignIn());
      window.show();
      opened.complete(window);
    });
    DesktopWindow window = opened.get();
    if (screenshot != null) return screenshot(window);
    return 0;
  }

  /** Signs in as --sign-in says: with the password, or in the browser (the system browser with a window). */
  private boolean signIn(Device device, boolean window, Consumer<String> showUrl) {
    if (options.browserSignIn()) return signInInBrowser(device, window, showUrl);
    return device.signIn(options.user(), options.password());
  }

  /** Signs in and runs the calls through the window's own worker, then captures the window from the screen. */
  private int screenshot(DesktopWindow window) throws Exception {
    window.background(() -> signIn(window.device(), true, url -> window.showEvent(OPEN_URL + url)));
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

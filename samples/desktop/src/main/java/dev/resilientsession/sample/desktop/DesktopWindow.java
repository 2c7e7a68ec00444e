package dev.resilientsession.sample.desktop;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.DeviceView;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import okhttp3.HttpUrl;

/**
 * The desktop device's window: a sign-in form (or, for a browser sign-in, a button that opens the
 * system browser), a button and a timer that call the orders API, the session's status and a live
 * event log, and sign-out. Network work runs on a background thread; the window is only touched on
 * the event dispatch thread. Closing the window closes the device and abandons a browser sign-in.
 */
final class DesktopWindow implements DeviceView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final JFrame frame;
  private final JTextField username = new JTextField("admin", 12);
  private final JPasswordField password = new JPasswordField(12);
  private final JLabel status = new JLabel("SIGNED_OUT");
  private final JLabel counts = new JLabel("calls 0, failed 0, 401s 0, silent recoveries 0, prompts 0");
  private final JTextArea log = new JTextArea(14, 80);
  private final JButton signIn = new JButton("Sign in");
  private final JButton loadOrders = new JButton("Load orders");
  private final JButton signOut = new JButton("Sign out");
  private final JCheckBox autoRefresh = new JCheckBox("every 5 s");
  private final Timer timer = new Timer(5_000, event -> background(() -> device().loadOrders()));
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final Device device;
  private final boolean inBrowser;
  /** The browser sign-in waiting for the browser, abandoned when the user starts another; EDT only. */
  private Future<?> browserSignIn;

  DesktopWindow(Device device, HttpUrl gateway, boolean inBrowser) {
    this.device = device;
    this.inBrowser = inBrowser;
    frame = new JFrame("Resilient Session: desktop (" + device.name() + ")");
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);

    JPanel form;
    if (inBrowser) { // the user types the password on the gateway's page, never in the app
      signIn.setText("Sign in in the browser");
      form = new JPanel(new GridLayout(1, 2, 6, 6));
      form.add(signIn);
      form.add(signOut);
    } else {
      form = new JPanel(new GridLayout(2, 3, 6, 6));
      form.add(new JLabel("User"));
      form.add(username);
      form.add(signIn);
      form.add(new JLabel("Password"));
      form.add(password);
      form.add(signOut);
    }
    form.setBorder(BorderFactory.createTitledBorder("Sign in to " + gateway));

    JPanel actions = new JPanel();
    actions.add(loadOrders);
    actions.add(autoRefresh);
    actions.add(new JLabel("   Session:"));
    status.setFont(status.getFont().deriveFont(Font.BOLD));
    actions.add(status);
    JPanel counters = new JPanel();
    counters.add(counts);

    log.setEditable(false);
    log.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
    JPanel top = new JPanel(new BorderLayout());
    top.add(form, BorderLayout.NORTH);
    top.add(actions, BorderLayout.CENTER);
    top.add(counters, BorderLayout.SOUTH);
    frame.getContentPane().add(top, BorderLayout.NORTH);
    frame.getContentPane().add(new JScrollPane(log), BorderLayout.CENTER);

    signIn.addActionListener(event -> {
      if (inBrowser) {
        signInInBrowser();
        return;
      }
      char[] typed = password.getPassword();
      String user = username.getText();
      password.setText("");
      background(() -> {
        device.signIn(user, typed);
        Arrays.fill(typed, '\0');
      });
    });
    loadOrders.addActionListener(event -> background(device::loadOrders));
    signOut.addActionListener(event -> background(device::signOut));
    autoRefresh.addActionListener(event -> {
      if (autoRefresh.isSelected()) timer.start(); else timer.stop();
    });
    frame.addWindowListener(new WindowAdapter() {
      @Override public void windowClosed(WindowEvent event) {
        timer.stop();
        worker.shutdownNow(); // interrupts a wait for the browser
        device.close();
      }
    });
    frame.pack();
    frame.setLocationRelativeTo(null);
    device.showOn(this);
  }

  JFrame frame() {
    return frame;
  }

  Device device() {
    return device;
  }

  void show() {
    frame.setVisible(true);
  }

  /** Runs device work off the event dispatch thread, then refreshes the counts; a failure goes to the log. */
  Future<?> background(Runnable work) {
    return worker.submit(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        showEvent("failed: " + e.getMessage());
      }
      SwingUtilities.invokeLater(this::showCounts);
    });
  }

  /** Opens the gateway's login page in the system browser; a click while one waits starts over. */
  private void signInInBrowser() {
    if (browserSignIn != null) browserSignIn.cancel(true);
    browserSignIn = background(() -> DesktopMain.signInInBrowser(device, true,
        url -> showEvent(DesktopMain.OPEN_URL + url)));
  }

  @Override public void showEvent(String event) {
    String line = LocalTime.now().format(TIME) + "  " + event + "\n";
    SwingUtilities.invokeLater(() -> {
      log.append(line);
      log.setCaretPosition(log.getDocument().getLength());
    });
  }

  @Override public void showStatus(SessionState state) {
    SwingUtilities.invokeLater(() -> {
      status.setText(state.name());
      boolean signedIn = state == SessionState.SIGNED_IN;
      signOut.setEnabled(signedIn);
      loadOrders.setEnabled(signedIn);
    });
  }

  @Override public void promptSignIn(String reason) {
    showEvent("PLEASE SIGN IN AGAIN: " + reason);
    SwingUtilities.invokeLater(inBrowser ? signIn::requestFocusInWindow : password::requestFocusInWindow);
  }

  private void showCounts() {
    DeviceStats stats = device.stats();
    counts.setText("calls " + stats.calls() + ", failed " + stats.failedCalls() + ", 401s " + stats.unauthorized()
        + ", silent recoveries " + stats.silentRecoveries() + ", prompts " + stats.prompts());
  }
}

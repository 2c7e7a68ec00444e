package dev.resilientsession.client.loopback;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;

/** The user's default browser, through {@code java.awt.Desktop}: absent when headless or unsupported. */
final class SystemBrowser {
  private SystemBrowser() {
  }

  /** Opens {@code url} in the default browser; false if there is none to open it in. */
  static boolean open(String url) {
    if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) return false;
    Desktop desktop = Desktop.getDesktop();
    if (!desktop.isSupported(Desktop.Action.BROWSE)) return false;
    try {
      desktop.browse(URI.create(url));
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // no browser registered (a bare Linux desktop), or not allowed: the URL goes to the user instead
    }
  }
}

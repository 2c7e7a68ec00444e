package dev.resilientsession.benchmarks;

import java.util.Locale;

/** How a result line prints the SDK's figure beside a peer's: the SDK's divided by the peer's. */
final class Ratio {
  private Ratio() {
  }

  /** {@code sdk / peer} to two places; {@code inf} when only the peer's is 0, {@code nan} when both are. */
  static String of(double sdk, double peer) {
    if (peer == 0) return sdk == 0 ? "nan" : "inf";
    return String.format(Locale.ROOT, "%.2f", sdk / peer);
  }
}

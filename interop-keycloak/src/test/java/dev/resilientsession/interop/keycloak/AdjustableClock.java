package dev.resilientsession.interop.keycloak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The SDK's clock, moved by hand: a test reaches a token's renewal point in an instant instead of
 * waiting five minutes. Keycloak keeps its own time, so its tokens stay valid meanwhile.
 */
final class AdjustableClock extends Clock {
  private volatile Instant now = Instant.now();

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override public Instant instant() {
    return now;
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the SDK's clock is UTC");
  }
}

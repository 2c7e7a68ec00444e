package dev.resilientsession.gateway.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it: give it to the gateway
 * ({@link MockGatewayExtension.Builder#clock}) and to the code under test, and expire tokens on both
 * sides without waiting.
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  public TestClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Moves the time forward by {@code amount}. */
  public void advance(Duration amount) {
    now = now.plus(amount);
  }

  /** Moves the time to {@code instant}, backwards too: a device whose clock is set by hand. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override public Instant instant() {
    return now;
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    return this;
  }
}

package dev.resilientsession.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** The gateway's clock: the injected one plus whatever QA advanced it by. */
final class AdjustableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  AdjustableClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  Instant advance(Duration amount) {
    if (amount.isNegative()) throw new IllegalArgumentException("the gateway clock only moves forward");
    offset.accumulateAndGet(amount, Duration::plus);
    return instant();
  }

  void resetOffset() {
    offset.set(Duration.ZERO);
  }

  /** What {@link #advance} added so far. */
  Duration offset() {
    return offset.get();
  }

  /** Starts from an offset kept by a database; the clock still only moves forward. */
  void restoreOffset(Duration amount) {
    offset.set(amount);
  }

  @Override public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override public ZoneId getZone() {
    return base.getZone();
  }

  @Override public Clock withZone(ZoneId zone) {
    return new AdjustableClock(base.withZone(zone), offset);
  }
}

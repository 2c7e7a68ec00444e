package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The overloaded key manager's admission rule, on a clock the test moves. */
class TokenCapacityTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final TestClock clock = new TestClock(START);

  @Test void aBurstGetsOneSecondsWorthThroughAndTheRestIsShed() {
    TokenCapacity capacity = new TokenCapacity(500, clock);

    assertThat(admittedOf(capacity, 2_000)).isEqualTo(500);
    assertThat(capacity.admitted()).isEqualTo(500);
    assertThat(capacity.shed()).isEqualTo(1_500);
  }

  @Test void itRefillsAtItsCapacityPerSecond() {
    TokenCapacity capacity = new TokenCapacity(500, clock);
    admittedOf(capacity, 500);

    clock.set(START.plusMillis(100));
    assertThat(admittedOf(capacity, 1_000)).isEqualTo(50);
    clock.set(START.plusMillis(1_100));
    assertThat(admittedOf(capacity, 1_000)).isEqualTo(500);
  }

  @Test void aQuietSpellRefillsNoMoreThanOneSecondsWorth() {
    TokenCapacity capacity = new TokenCapacity(500, clock);
    admittedOf(capacity, 500);

    clock.set(START.plus(Duration.ofHours(1)));

    assertThat(admittedOf(capacity, 2_000)).isEqualTo(500);
  }

  @Test void aSteadyStreamAtCapacityIsNeverShed() {
    TokenCapacity capacity = new TokenCapacity(500, clock);

    for (int i = 0; i < 5_000; i++) {
      clock.set(START.plusMillis(2L * i));
      assertThat(capacity.admit()).as("request %d", i).isTrue();
    }
    assertThat(capacity.shed()).isZero();
  }

  @Test void aStreamAboveCapacityGetsCapacityPerSecondAfterTheFirstBurst() {
    TokenCapacity capacity = new TokenCapacity(100, clock);

    // 1,000 requests a second for 10 seconds, one every millisecond.
    for (int i = 0; i < 10_000; i++) {
      clock.set(START.plusMillis(i));
      capacity.admit();
    }

    // One second's worth at once, then 100 a second for the 9.999 seconds after it.
    assertThat(capacity.admitted()).isEqualTo(100 + 999);
    assertThat(capacity.shed()).isEqualTo(10_000 - 1_099);
  }

  @Test void aCapacityThatDoesNotDivideASecondStillRefillsItsWholeCapacityEachSecond() {
    TokenCapacity capacity = new TokenCapacity(3, clock);

    for (int second = 0; second < 100; second++) {
      clock.set(START.plusSeconds(second));
      assertThat(admittedOf(capacity, 10)).as("second %d", second).isEqualTo(3);
    }
  }

  @Test void concurrentRequestsAtOneInstantAdmitExactlyTheCapacity() throws Exception {
    TokenCapacity capacity = new TokenCapacity(1_000, clock);

    List<Integer> admitted = Simultaneously.run(8, () -> admittedOf(capacity, 10_000));

    assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
    assertThat(capacity.admitted()).isEqualTo(1_000);
    assertThat(capacity.shed()).isEqualTo(79_000);
  }

  @Test void concurrentRequestsWhileTimePassesNeverGetMoreThanTheCapacityAllows() throws Exception {
    // Every reading of this clock is 100 microseconds after the one before, whichever thread reads it.
    AtomicLong readings = new AtomicLong();
    Clock ticking = new Clock() {
      @Override public Instant instant() {
        return START.plusNanos(100_000 * readings.getAndIncrement());
      }

      @Override public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    TokenCapacity capacity = new TokenCapacity(50, ticking);

    List<Integer> admitted = Simultaneously.run(8, () -> admittedOf(capacity, 10_000));

    // The last reading is the time that passed: one second's worth at the start, 50 a second after.
    double seconds = 100e-6 * (readings.get() - 1);
    int total = admitted.stream().mapToInt(Integer::intValue).sum();
    assertThat(total).isBetween((int) (50 * seconds), 50 + (int) (50 * seconds));
    assertThat(capacity.admitted()).isEqualTo(total);
    assertThat(capacity.shed()).isEqualTo(80_000 - total);
  }

  @Test void aClockThatGoesBackDoesNotShedUntilItCatchesUp() {
    clock.set(START.plus(Duration.ofHours(1)));
    TokenCapacity capacity = new TokenCapacity(10, clock);
    admittedOf(capacity, 10);

    clock.set(START);

    assertThat(admittedOf(capacity, 20)).isEqualTo(10);
  }

  @Test void timeLongBeforeItsStartOrCenturiesAfterIsNoError() {
    TokenCapacity capacity = new TokenCapacity(10, clock);

    clock.set(Instant.MIN);
    assertThat(admittedOf(capacity, 20)).isEqualTo(10);
    clock.set(Instant.MAX);
    assertThat(admittedOf(capacity, 20)).isEqualTo(10);
  }

  @Test void aCapacityOutsideOneToAMillionIsRefused() {
    assertThatThrownBy(() -> new TokenCapacity(0, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenCapacity(-1, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenCapacity(1_000_001, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThat(admittedOf(new TokenCapacity(1_000_000, clock), 1_500_000)).isEqualTo(1_000_000);
  }

  private static int admittedOf(TokenCapacity capacity, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      if (capacity.admit()) admitted++;
    }
    return admitted;
  }
}

package dev.resilientsession.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Times in seconds, as nanoTime would give them; each device has one slot per named event. */
class EventWatchTest {
  private static final long S = 1_000_000_000L;

  private final EventWatch watch = new EventWatch(List.of("outage", "storm"));
  private final long[] hitAt = none();
  private final long[] backAt = none();

  @Test void theFirstTroubledCallAfterAnEventIsWhereItHitAndTheFirstSuccessAfterItsEndIsWhereItIsBack() {
    watch.started(0, 10 * S, 100 * S);

    call(5, 6, true, false);    // before the event: not its doing
    call(12, 12, true, false);  // a 401 the session could not mend
    call(17, 17, true, false);
    call(101, 102, true, true); // after the heal: a 401, recovered silently

    assertThat(hitAt[0]).isEqualTo(12 * S);
    assertThat(backAt[0]).isEqualTo(102 * S);
  }

  @Test void aSuccessBeforeTheEventsEndIsNotBack() {
    watch.started(0, 10 * S, 100 * S);

    call(12, 12, true, false);
    call(50, 51, false, true);  // a call that needed no token request, in the middle of the outage
    call(99, 100.001, false, true);

    assertThat(backAt[0]).as("returned just after the heal").isEqualTo(100_001_000_000L);
  }

  @Test void anEventWithoutLengthIsOverWhenItStartsSoTheCallThatMetItsRevocationAndRecoveredIsBack() {
    watch.started(0, 10 * S, 10 * S);

    call(11, 12, true, true);

    assertThat(hitAt[0]).isEqualTo(11 * S);
    assertThat(backAt[0]).isEqualTo(12 * S);
  }

  @Test void aDeviceTheEventDidNotTroubleIsNotHitNorBack() {
    watch.started(0, 10 * S, 10 * S);

    call(11, 12, false, true);

    assertThat(hitAt[0]).isEqualTo(EventWatch.NONE);
    assertThat(backAt[0]).isEqualTo(EventWatch.NONE);
  }

  @Test void troubleAfterTheNextNamedEventIsThatEventsNotThisOnes() {
    watch.started(0, 10 * S, 10 * S);
    watch.started(1, 20 * S, 20 * S);

    call(21, 22, true, false);
    call(25, 26, false, true);

    assertThat(hitAt[0]).as("outage").isEqualTo(EventWatch.NONE);
    assertThat(hitAt[1]).as("storm").isEqualTo(21 * S);
    assertThat(backAt[1]).isEqualTo(26 * S);
  }

  @Test void anEventNotPlayedYetHitsNobody() {
    call(11, 12, true, false);

    assertThat(hitAt).containsOnly(EventWatch.NONE);
  }

  private void call(double startSeconds, double endSeconds, boolean troubled, boolean succeeded) {
    watch.observe(hitAt, backAt, Math.round(startSeconds * S), Math.round(endSeconds * S), troubled, succeeded);
  }

  private static long[] none() {
    long[] slots = new long[2];
    Arrays.fill(slots, EventWatch.NONE);
    return slots;
  }
}

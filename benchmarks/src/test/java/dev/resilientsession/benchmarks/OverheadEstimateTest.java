package dev.resilientsession.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.resilientsession.benchmarks.InterceptorOverheadBenchmark.Arm;
import dev.resilientsession.benchmarks.OverheadEstimate.Iteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverheadEstimateTest {
  @Test void theFigureIsTheArmLessTheBareArm() {
    OverheadEstimate estimate = OverheadEstimate.of(Arm.OPAQUE, List.of(
        fork(3, 303), fork(3, 303), fork(3, 303)));

    assertThat(estimate.nanos).isEqualTo(300);
    assertThat(estimate.armNanos).isEqualTo(303);
    assertThat(estimate.bareNanos).isEqualTo(3);
    assertThat(estimate.errorNanos).isZero();
    assertThat(estimate.forks).isEqualTo(3);
  }

  @Test void forksThatDisagreeWidenTheError() {
    OverheadEstimate estimate = OverheadEstimate.of(Arm.OPAQUE, List.of(
        fork(3, 283), fork(3, 303), fork(3, 323)));

    assertThat(estimate.nanos).isCloseTo(300, within(1e-9));
    // Student's t at 99.9% on 2 degrees of freedom (31.6) times the standard error (20 / sqrt(3)).
    assertThat(estimate.errorNanos).isCloseTo(364.9, within(0.1));
    assertThat(estimate.resolvedWithin(50)).isFalse();
  }

  @Test void anIterationStarvedOfItsCoreDoesNotMoveItsFork() {
    List<Iteration> starved = new ArrayList<>(fork(3, 303));
    starved.set(2, iteration(Arm.OPAQUE, 4_000));

    OverheadEstimate estimate = OverheadEstimate.of(Arm.OPAQUE, List.of(
        starved, fork(3, 303), fork(3, 303)));

    assertThat(estimate.nanos).isEqualTo(300);
  }

  @Test void fewerThanThreeForksResolveNothing() {
    OverheadEstimate estimate = OverheadEstimate.of(Arm.OPAQUE, List.of(fork(3, 303), fork(3, 303)));

    assertThat(estimate.nanos).isEqualTo(300);
    assertThat(estimate.errorNanos).isNaN();
    assertThat(estimate.resolvedWithin(50)).isFalse();
  }

  @Test void allocationIsCountedPerCallOfTheArm() {
    OverheadEstimate estimate = OverheadEstimate.of(Arm.OPAQUE, List.of(
        fork(3, 303), fork(3, 303), fork(3, 303)));

    assertThat(estimate.allocatedBytes).isEqualTo(800);
  }

  @Test void aForkWithoutTheArmIsAnError() {
    List<Iteration> bareOnly = List.of(iteration(Arm.BARE, 3), iteration(Arm.BARE, 3));

    assertThatThrownBy(() -> OverheadEstimate.of(Arm.OPAQUE, List.of(bareOnly, bareOnly, bareOnly)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPAQUE");
  }

  /** One block as the benchmark runs it: bare, the arm twice, JWT twice (for OPAQUE to ignore), the arm twice, bare. */
  private static List<Iteration> fork(double bareNanos, double opaqueNanos) {
    return List.of(iteration(Arm.BARE, bareNanos), iteration(Arm.OPAQUE, opaqueNanos),
        iteration(Arm.OPAQUE, opaqueNanos), iteration(Arm.JWT, 1_600), iteration(Arm.JWT, 1_600),
        iteration(Arm.OPAQUE, opaqueNanos), iteration(Arm.OPAQUE, opaqueNanos), iteration(Arm.BARE, bareNanos));
  }

  /** A million calls at {@code nanosPerCall}, 800 bytes each for a session arm. */
  private static Iteration iteration(Arm arm, double nanosPerCall) {
    long calls = 1_000_000;
    long cpuNanos = Math.round(nanosPerCall * calls);
    return new Iteration(arm, calls, cpuNanos, cpuNanos, arm == Arm.BARE ? 0 : 800 * calls);
  }
}

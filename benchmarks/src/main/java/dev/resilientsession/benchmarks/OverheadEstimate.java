package dev.resilientsession.benchmarks;

import dev.resilientsession.benchmarks.InterceptorOverheadBenchmark.Arm;
import java.util.List;
import org.openjdk.jmh.util.ListStatistics;

/**
 * What an {@link Arm} costs per call beyond the bare arm, from the forks of {@link
 * InterceptorOverheadBenchmark}: in each fork, the CPU time per call of the arm's median iteration
 * less that of the bare arm's; over the forks, the mean of those differences and the half-width of
 * its 99.9% confidence interval (Student's t on forks - 1 degrees of freedom, as JMH computes the
 * error of a score). The fork is the unit, not the iteration: what differs from one fork to the next
 * (the JIT's choices, the machine's load while it ran) is in the error. The median keeps an
 * iteration that a neighbour's burst of load starved of its core from pulling its fork's figure.
 */
final class OverheadEstimate {
  static final double CONFIDENCE = 0.999;

  /** One measured iteration of a fork, as the benchmark's counters report it. */
  record Iteration(Arm arm, long calls, long cpuNanos, long wallNanos, long allocatedBytes) {
    double cpuNanosPerCall() {
      return (double) cpuNanos / calls;
    }
  }

  final double nanos;
  final double errorNanos;
  final int forks;
  /** The arm's and the bare arm's own CPU time per call: the means of the forks' medians. */
  final double armNanos;
  final double bareNanos;
  /** Bytes the arm allocates per call. */
  final double allocatedBytes;

  private OverheadEstimate(double nanos, double errorNanos, int forks, double armNanos, double bareNanos,
      double allocatedBytes) {
    this.nanos = nanos;
    this.errorNanos = errorNanos;
    this.forks = forks;
    this.armNanos = armNanos;
    this.bareNanos = bareNanos;
    this.allocatedBytes = allocatedBytes;
  }

  /** {@code arm} against {@link Arm#BARE}, from each fork's measured iterations in the order they ran. */
  static OverheadEstimate of(Arm arm, List<List<Iteration>> forks) {
    ListStatistics differences = new ListStatistics();
    ListStatistics armCosts = new ListStatistics();
    ListStatistics bareCosts = new ListStatistics();
    long calls = 0;
    long allocated = 0;
    for (List<Iteration> fork : forks) {
      ListStatistics armFork = new ListStatistics();
      ListStatistics bareFork = new ListStatistics();
      for (Iteration iteration : fork) {
        if (iteration.arm() == arm) {
          armFork.addValue(iteration.cpuNanosPerCall());
          calls += iteration.calls();
          allocated += iteration.allocatedBytes();
        } else if (iteration.arm() == Arm.BARE) {
          bareFork.addValue(iteration.cpuNanosPerCall());
        }
      }
      if (armFork.getN() == 0 || bareFork.getN() == 0) {
        throw new IllegalArgumentException("a fork without a " + arm + " or a BARE iteration");
      }
      double armMedian = armFork.getPercentile(50);
      double bareMedian = bareFork.getPercentile(50);
      differences.addValue(armMedian - bareMedian);
      armCosts.addValue(armMedian);
      bareCosts.addValue(bareMedian);
    }
    // NaN for fewer than three forks (JMH's rule): too few to say how the next fork would differ.
    double error = differences.getMeanErrorAt(CONFIDENCE);
    return new OverheadEstimate(differences.getMean(), error, (int) differences.getN(), armCosts.getMean(),
        bareCosts.getMean(), (double) allocated / calls);
  }

  /** Whether the error is finite and under {@code maxErrorNanos}: the figure means something. */
  boolean resolvedWithin(double maxErrorNanos) {
    return errorNanos < maxErrorNanos;
  }

  /** The top of the confidence interval. */
  double upperNanos() {
    return nanos + errorNanos;
  }
}

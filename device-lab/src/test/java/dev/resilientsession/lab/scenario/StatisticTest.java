package dev.resilientsession.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatisticTest {
  private static final double NEVER = Double.POSITIVE_INFINITY;

  @Test void aPercentileIsTheNearestRank() {
    double[] hundred = new double[100];
    for (int i = 0; i < 100; i++) hundred[i] = 100 - i;

    assertThat(Statistic.parse("p99").of(hundred)).isEqualTo(99);
    assertThat(Statistic.parse("p50").of(hundred)).isEqualTo(50);
    assertThat(Statistic.parse("p99.5").of(hundred)).isEqualTo(100);
    assertThat(Statistic.parse("p100").of(hundred)).isEqualTo(Statistic.MAX.of(hundred)).isEqualTo(100);
    assertThat(Statistic.parse("p1").of(new double[] {7, 3})).as("never below the smallest").isEqualTo(3);
  }

  @Test void theMeanIsOfEveryValue() {
    assertThat(Statistic.MEAN.of(new double[] {1, 2, 6})).isEqualTo(3);
  }

  @Test void aDeviceThatNeverGotThereCountsOnlyWhereTheStatisticReachesIt() {
    double[] oneInAHundredNever = new double[100];
    oneInAHundredNever[0] = NEVER;

    assertThat(Statistic.parse("p99").of(oneInAHundredNever)).isZero();
    assertThat(Statistic.MAX.of(oneInAHundredNever)).isInfinite();
    assertThat(Statistic.MEAN.of(oneInAHundredNever)).isInfinite();
  }

  @Test void noValuesAreZero() {
    assertThat(Statistic.MAX.of(new double[0])).isZero();
    assertThat(Statistic.MEAN.of(new double[0])).isZero();
  }

  @Test void theNamesAreReadAsScenarioFilesWriteThem() {
    assertThat(Statistic.parse("max")).isEqualTo(Statistic.MAX);
    assertThat(Statistic.parse("mean")).isEqualTo(Statistic.MEAN);
    assertThat(Statistic.parse("p99.90").toml()).isEqualTo("p99.9");
    assertThat(Statistic.parse("p099")).isEqualTo(Statistic.parse("p99"));
    for (String wrong : new String[] {"p0", "p100.1", "P99", "99", "p", "median", "p-1", "p99.", "min"}) {
      assertThat(Statistic.parse(wrong)).as(wrong).isNull();
    }
  }
}

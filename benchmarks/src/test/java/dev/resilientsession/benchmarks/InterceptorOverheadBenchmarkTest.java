package dev.resilientsession.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.benchmarks.InterceptorOverheadBenchmark.Arm;
import dev.resilientsession.benchmarks.InterceptorOverheadBenchmark.Arms;
import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark measures the happy path it claims: every session arm's call leaves signed. */
class InterceptorOverheadBenchmarkTest {
  private final Arms arms = new Arms();

  @BeforeEach void setUp() {
    arms.setUp();
  }

  @AfterEach void tearDown() {
    arms.tearDown();
  }

  @Test void eachArmRunsInTurnAndTheSessionArmsSignTheCall() throws IOException {
    assertThat(Arms.ORDER).hasSize(Arms.BLOCK);
    for (Arm expected : Arms.ORDER) {
      arms.begin();
      Response response = new InterceptorOverheadBenchmark().call(arms);
      arms.end();

      assertThat(arms.arm).isEqualTo(expected.ordinal());
      assertThat(arms.calls).isEqualTo(1);
      assertThat(response.code()).isEqualTo(200);
      Request sent = arms.chain.proceeded;
      switch (expected) {
        case BARE:
          assertThat(sent.header("Authorization")).isNull();
          break;
        case OPAQUE:
          assertThat(sent.header("Authorization"))
              .matches("Bearer [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
          break;
        case JWT:
          assertThat(sent.header("Authorization")).startsWith("Bearer eyJ").hasSize("Bearer ".length() + 792);
          break;
      }
    }
  }
}

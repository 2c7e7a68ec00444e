package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedTest {
  @Test void anAnswerIsReturned() throws Exception {
    assertThat(Bounded.call(() -> "answer")).isEqualTo("answer");
  }

  @Test void theInputsExceptionIsRethrownAsItIs() {
    IOException thrown = new IOException("boom");

    IOException caught = assertThrows(IOException.class, () -> Bounded.call(() -> {
      throw thrown;
    }));

    assertThat(caught).isSameAs(thrown);
  }

  @Test void aBusyLoopIsAFindingOnceItHasUsedTheCpuLimit() {
    long start = System.nanoTime();

    AssertionError error = assertThrows(AssertionError.class, () -> Bounded.call(() -> {
      // Stops when Bounded gives up on it, so it doesn't burn a core for the rest of the build.
      while (!Thread.currentThread().isInterrupted()) {
        Math.sqrt(start);
      }
      return null;
    }, Duration.ofMillis(200), Duration.ofSeconds(30)));

    assertThat(error).hasMessageStartingWith("Used more than 200 ms of CPU");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test void waitingIsNotCountedAgainstTheCpuLimit() throws Exception {
    // As an input waits for a core or for GC on a busy machine.
    String answer = Bounded.call(() -> {
      Thread.sleep(500);
      return "answer";
    }, Duration.ofMillis(200), Duration.ofSeconds(30));

    assertThat(answer).isEqualTo("answer");
  }

  @Test void aBlockedInputIsAFindingAfterTheBackstop() {
    CountDownLatch never = new CountDownLatch(1);

    AssertionError error = assertThrows(AssertionError.class, () -> Bounded.call(() -> {
      never.await();
      return null;
    }, Duration.ofSeconds(5), Duration.ofMillis(300)));

    assertThat(error).hasMessageStartingWith("No answer within 300 ms wall clock");
  }

  @Test void theInputAfterAHangGetsAFreshWorker() throws Exception {
    assertThrows(AssertionError.class, () -> Bounded.call(() -> {
      new CountDownLatch(1).await();
      return null;
    }, Duration.ofSeconds(5), Duration.ofMillis(100)));

    assertThat(Bounded.call(() -> "answer")).isEqualTo("answer");
  }
}

package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.password;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The table forgets what nobody can use any more: memory follows the live tokens. */
class TokenTableMemoryTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = new TokenService(Tokens.config().build(), clock, Runnable::run);

  @Test void freshDeviceIdsLeaveNothingBehindOnceTheirTokensAreDead() {
    for (int i = 0; i < 5_000; i++) tokens.token(password(OPAQUE_APP, "device_" + i));
    assertThat(tokens.keyCount()).isEqualTo(5_000);

    clock.advance(Duration.ofDays(1).plusSeconds(2));
    tokens.token(password(OPAQUE_APP, "device_last")); // finds the purge due and runs it

    assertThat(tokens.keyCount()).isEqualTo(1);
    assertThat(tokens.rowCount()).isEqualTo(1);
  }

  @Test void aRevokedKeyIsDroppedAtOnce() {
    IssuedToken token = tokens.token(password(JWT_APP, "device_gone"));

    tokens.revoke(JWT_APP, Tokens.SECRET, token.accessToken(), null);

    assertThat(tokens.keyCount()).isZero();
  }

  @Test void purgingKeepsEveryTokenThatCanStillBeUsed() {
    IssuedToken early = tokens.token(password(OPAQUE_APP, "device_a"));
    clock.advance(Duration.ofHours(2)); // the access token expired, its refresh token did not
    IssuedToken late = tokens.token(password(JWT_APP, "device_b"));

    tokens.purge();

    assertThat(tokens.validate(late.accessToken())).isPresent();
    assertThat(Tokens.refreshFails(tokens, OPAQUE_APP, early.refreshToken())).isNull();
  }

  @Test void purgingWhileDevicesSignInNeverLosesALiveToken() throws Exception {
    int threads = 8;
    int rounds = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    try {
      List<Future<Integer>> lost = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        lost.add(pool.submit(() -> {
          start.await();
          int missing = 0;
          for (int i = 0; i < rounds; i++) {
            IssuedToken token = tokens.token(password(OPAQUE_APP, "device_" + thread + "_" + i));
            if (tokens.validate(token.accessToken()).isEmpty()) missing++;
          }
          return missing;
        }));
      }
      Future<?> purger = pool.submit(() -> {
        start.await();
        for (int i = 0; i < 200; i++) tokens.purge();
        return null;
      });
      purger.get(30, TimeUnit.SECONDS);
      for (Future<Integer> missing : lost) assertThat(missing.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(tokens.keyCount()).isEqualTo(threads * rounds);
    } finally {
      pool.shutdownNow();
    }
  }
}

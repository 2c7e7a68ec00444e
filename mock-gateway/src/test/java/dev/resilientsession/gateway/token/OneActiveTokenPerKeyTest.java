package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.Simultaneously;
import dev.resilientsession.gateway.junit.TestClock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * WSO2 enforces one ACTIVE token per key with a unique constraint; here the key's lock must do the
 * same when many devices ask at once. Repeated to shake out races.
 */
class OneActiveTokenPerKeyTest {
  private static final int THREADS = 64;

  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
  private final TokenService tokens = Tokens.service(new TestClock());

  @AfterEach void stopThreads() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @RepeatedTest(20) void simultaneousJwtRequestsLeaveExactlyOneSurvivor() throws Exception {
    List<IssuedToken> issued = all(() -> tokens.token(password(JWT_APP, null)));

    assertThat(issued).extracting(IssuedToken::accessToken).doesNotHaveDuplicates();
    assertThat(issued).filteredOn(token -> tokens.validate(token.accessToken()).isPresent()).hasSize(1);
    assertThat(tokens.tokens(false)).hasSize(1);
  }

  @RepeatedTest(20) void simultaneousOpaqueRequestsAllGetTheSameToken() throws Exception {
    List<IssuedToken> issued = all(() -> tokens.token(password(OPAQUE_APP, null)));

    assertThat(issued).extracting(IssuedToken::accessToken).containsOnly(issued.get(0).accessToken());
    assertThat(issued).extracting(IssuedToken::refreshToken).containsOnly(issued.get(0).refreshToken());
    assertThat(tokens.tokens(false)).hasSize(1);
  }

  @RepeatedTest(20) void simultaneousRefreshesWithOneRefreshTokenSucceedOnce() throws Exception {
    IssuedToken first = tokens.token(password(JWT_APP, null));

    List<IssuedToken> refreshed = all(() -> {
      try {
        return tokens.token(refresh(JWT_APP, first.refreshToken()));
      } catch (OAuthException e) {
        assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT);
        return null;
      }
    });

    assertThat(refreshed).filteredOn(token -> token != null).hasSize(1);
    assertThat(tokens.tokens(false)).hasSize(1);
  }

  @RepeatedTest(20) void revokingWhileOthersSignInNeverLeavesARevokedTokenValid() throws Exception {
    IssuedToken shared = tokens.token(password(OPAQUE_APP, null));
    AtomicInteger caller = new AtomicInteger();

    List<IssuedToken> issued = all(() -> {
      if (caller.incrementAndGet() % 2 == 0) {
        tokens.revoke(OPAQUE_APP, Tokens.SECRET, shared.accessToken(), null);
      }
      return tokens.token(password(OPAQUE_APP, null));
    });

    assertThat(tokens.validate(shared.accessToken()).isPresent())
        .isEqualTo(issued.stream().allMatch(token -> token.accessToken().equals(shared.accessToken())));
    assertThat(tokens.tokens(false)).hasSize(1);
  }

  /** Runs {@code task} on every thread at once and returns what each returned. */
  private <T> List<T> all(Callable<T> task) throws Exception {
    return Simultaneously.run(executor, THREADS, task);
  }
}

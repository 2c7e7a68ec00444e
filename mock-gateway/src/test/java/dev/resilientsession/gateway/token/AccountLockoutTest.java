package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Account locking: how replaying a stale password locks a user out. */
class AccountLockoutTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(
      Tokens.config().accountLockout(AccountLockout.after(3, Duration.ofMinutes(5))), clock);

  @Test void threeWrongPasswordsLockTheUserEvenForTheRightOne() {
    assertThat(wrongPassword().description()).isEqualTo("Authentication failed for alice");
    wrongPassword();
    OAuthException third = wrongPassword();

    assertThat(third.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(third.description()).startsWith("17003 ");
    OAuthException right = Tokens.failure(tokens, password(JWT_APP, null));
    assertThat(right).isNotNull();
    assertThat(right.description()).startsWith("17003 ");
  }

  @Test void aLockedUsersRefreshFailsWith17003() {
    IssuedToken token = tokens.token(password(JWT_APP, null));
    for (int i = 0; i < 3; i++) wrongPassword();

    OAuthException refused = Tokens.failure(tokens, refresh(JWT_APP, token.refreshToken()));

    assertThat(refused.error()).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(refused.description()).startsWith("17003 ");
  }

  @Test void lockingRevokesTheUsersTokens() {
    IssuedToken token = tokens.token(password(JWT_APP, null));
    for (int i = 0; i < 3; i++) wrongPassword();

    assertThat(tokens.validate(token.accessToken())).isEmpty();
  }

  @Test void theLockLiftsAfterItsDuration() {
    for (int i = 0; i < 3; i++) wrongPassword();
    clock.advance(Duration.ofMinutes(5));

    assertThat(Tokens.failure(tokens, password(JWT_APP, null))).isNull();
  }

  @Test void theRightPasswordStartsTheCountAgain() {
    wrongPassword();
    wrongPassword();
    tokens.token(password(JWT_APP, null));
    wrongPassword();
    wrongPassword();

    assertThat(Tokens.failure(tokens, password(JWT_APP, null))).isNull();
  }

  @Test void withoutLockingWrongPasswordsNeverLockAnyone() {
    TokenService tokens = Tokens.service(clock);
    for (int i = 0; i < 50; i++) Tokens.failure(tokens, password(JWT_APP, "alice", "wrong", null));

    assertThat(Tokens.failure(tokens, password(JWT_APP, null))).isNull();
  }

  private OAuthException wrongPassword() {
    OAuthException failure = Tokens.failure(tokens, password(JWT_APP, "alice", "wrong", null));
    assertThat(failure).isNotNull();
    return failure;
  }
}

package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.password;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.resilientsession.gateway.junit.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database answers a change only once it is kept: what its redo log restores after a kill, and
 * what a request hears when the log cannot be written. The kill itself is {@code DataDirKillTest}.
 */
class GatewayDatabaseTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  private final TestClock clock = new TestClock();
  private final List<GatewayDatabase> opened = new ArrayList<>();
  private final ExecutorService requests = Executors.newSingleThreadExecutor();

  @AfterEach void closeEverything() {
    requests.shutdownNow();
    for (GatewayDatabase database : opened) database.close();
  }

  @Test void theRedoLogAloneRestoresWhatWasAnswered() throws IOException {
    GatewayDatabase database = open(GatewayDatabase.DURABLE_WAIT);
    TokenService tokens = service(database);
    IssuedToken revoked = tokens.token(password(OPAQUE_APP, "device_phone"));
    tokens.revoke(OPAQUE_APP, SECRET, revoked.accessToken(), null);
    IssuedToken kept = tokens.token(password(OPAQUE_APP, "device_tablet"));
    tokens.changePassword("bob", "bob-new-pw");
    saveRedoLog(); // as a kill leaves it, before H2 wrote anything
    database.close();
    Files.delete(dataDir.resolve("gateway.mv.db"));
    restoreRedoLog();

    TokenService restarted = service(open(GatewayDatabase.DURABLE_WAIT));

    assertThat(restarted.validate(kept.accessToken())).isPresent();
    assertThat(restarted.validate(revoked.accessToken())).isEmpty();
    assertThat(Tokens.failure(restarted, password(OPAQUE_APP, "bob", "bob-new-pw", null))).isNull();
  }

  @Test void aRedoLogAppliedAgainOnWhatH2KeptChangesNothing() throws IOException {
    GatewayDatabase database = open(GatewayDatabase.DURABLE_WAIT);
    TokenService tokens = service(database);
    IssuedToken revoked = tokens.token(password(OPAQUE_APP, "device_phone"));
    tokens.revoke(OPAQUE_APP, SECRET, revoked.accessToken(), null);
    IssuedToken kept = tokens.token(password(OPAQUE_APP, "device_tablet"));
    saveRedoLog();
    database.close(); // H2 keeps everything, and the log is applied once more at open
    restoreRedoLog();

    TokenService restarted = service(open(GatewayDatabase.DURABLE_WAIT));

    assertThat(restarted.tokens(false)).extracting(info -> String.join(" ", info.scopes()))
        .containsExactly("device_tablet");
    assertThat(restarted.validate(kept.accessToken())).isPresent();
    assertThat(restarted.validate(revoked.accessToken())).isEmpty();
  }

  @Test void aChangeTheRedoLogCannotTakeIsAnsweredTemporarilyUnavailable() throws IOException {
    TokenService tokens = service(open(Duration.ofMillis(200)));
    Files.createDirectory(dataDir.resolve("gateway.redo.1")); // where the log's first segment goes

    OAuthException failure = Tokens.failure(tokens, password(OPAQUE_APP, "device_phone"));

    assertThat(failure).isNotNull();
    assertThat(failure.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.description()).contains("could not keep the change");
  }

  @Test void closingAnswersTheRequestsStillWaitingForTheRedoLog() throws Exception {
    GatewayDatabase database = open(Duration.ofMinutes(1));
    TokenService tokens = service(database);
    Files.createDirectory(dataDir.resolve("gateway.redo.1"));
    CountDownLatch failedOnce = new CountDownLatch(1);
    Logger logger = Logger.getLogger(GatewayDatabase.class.getName());
    Handler failures = new Handler() {
      @Override public void publish(LogRecord record) {
        if (record.getMessage().contains("could not write the redo log")) failedOnce.countDown();
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
    logger.addHandler(failures);
    try {
      CompletableFuture<OAuthException> waiting = CompletableFuture.supplyAsync(
          () -> Tokens.failure(tokens, password(OPAQUE_APP, "device_phone")), requests);
      assertThat(failedOnce.await(BOUND.toSeconds(), SECONDS)).as("the request met the failure").isTrue();

      assertTimeoutPreemptively(BOUND, database::close);

      OAuthException failure = waiting.get(BOUND.toSeconds(), SECONDS);
      assertThat(failure).isNotNull();
      assertThat(failure.status()).isEqualTo(503);
    } finally {
      logger.removeHandler(failures);
    }
  }

  private GatewayDatabase open(Duration durableWait) {
    GatewayDatabase database = GatewayDatabase.open(dataDir, durableWait);
    opened.add(database);
    return database;
  }

  private TokenService service(GatewayDatabase database) {
    return new TokenService(Tokens.config().build(), clock, TokenService.backgroundThreads(), database);
  }

  private void saveRedoLog() throws IOException {
    for (Path segment : segments(dataDir)) Files.copy(segment, elsewhere.resolve(segment.getFileName()));
    assertThat(segments(elsewhere)).isNotEmpty();
  }

  private void restoreRedoLog() throws IOException {
    for (Path segment : segments(elsewhere)) Files.copy(segment, dataDir.resolve(segment.getFileName()));
  }

  private static List<Path> segments(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().startsWith("gateway.redo.")).toList();
    }
  }
}

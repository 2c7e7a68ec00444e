package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.GatewayConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: the measurement behind {@code dataDir}'s choice of H2. OPAQUE password grants per
 * second through {@link TokenService#token} in-process, on two threads, in memory, with the H2
 * database, and with a hand-written append-only journal (a text line per change, flushed per
 * batch, the simplest thing that could work). Two workloads: a new key per request (every request
 * inserts a row) and one key (WSO2 hands the same OPAQUE token back: no write). "drain" is how long
 * close took to write the writer's backlog; "sustained" counts it in.
 *
 * <pre>
 * mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl mock-gateway
 * java -cp mock-gateway/target/test-classes:mock-gateway/target/classes:$(cat mock-gateway/target/cp.txt) \
 *     dev.resilientsession.gateway.token.JournalThroughput
 * </pre>
 */
final class JournalThroughput {
  private static final int THREADS = 2;
  private static final int REQUESTS = 200_000;
  private static final String APP = "opaque-app";

  public static void main(String[] args) throws Exception {
    GatewayConfig config = GatewayConfig.builder()
        .user(User.of("alice", "alice-pw"))
        .application(Application.builder(APP, "secret").tokenType(TokenType.OPAQUE).build())
        .build();
    for (int round = 0; round < 2; round++) { // the first round warms the JIT
      for (boolean newKeys : new boolean[] {true, false}) {
        measure(round, "memory", newKeys, config, null);
        measure(round, "h2", newKeys, config, "h2");
        measure(round, "append-only", newKeys, config, "append-only");
      }
    }
  }

  private static void measure(int round, String name, boolean newKeys, GatewayConfig config, String store)
      throws Exception {
    Path dir = Files.createTempDirectory("journal-throughput");
    GatewayDatabase database = "h2".equals(store) ? GatewayDatabase.open(dir) : null;
    AppendOnlyJournal appendOnly = "append-only".equals(store) ? new AppendOnlyJournal(dir.resolve("journal")) : null;
    TokenJournal journal = database != null ? database.journal() : appendOnly != null ? appendOnly : TokenJournal.NONE;
    TokenService tokens = new TokenService(config, Clock.systemUTC(), Runnable::run, database, journal);

    AtomicLong next = new AtomicLong();
    CountDownLatch done = new CountDownLatch(THREADS);
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      new Thread(() -> {
        long i;
        while ((i = next.getAndIncrement()) < REQUESTS) {
          tokens.token(TokenRequest.builder().client(APP, "secret").grantType("password")
              .username("alice").password("alice-pw").scope(newKeys ? "device_" + i : "device_one").build());
        }
        done.countDown();
      }).start();
    }
    done.await();
    long requested = System.nanoTime() - start;
    if (database != null) database.close();
    if (appendOnly != null) appendOnly.close();
    long closed = System.nanoTime() - start;
    if (round == 0) return;
    System.out.printf(Locale.ROOT, "%-12s %-9s requests=%d req/s=%,.0f drain_ms=%d sustained_req/s=%,.0f%n",
        name, newKeys ? "new-keys" : "one-key", REQUESTS, REQUESTS / (requested / 1e9),
        (closed - requested) / 1_000_000, REQUESTS / (closed / 1e9));
  }

  /** The alternative: one line per change appended to a file by one writer thread, flushed per batch. */
  private static final class AppendOnlyJournal implements TokenJournal {
    private static final String STOP = "";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    AppendOnlyJournal(Path file) throws IOException {
      BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      writer = new Thread(() -> {
        List<String> batch = new ArrayList<>();
        try (out) {
          while (true) {
            batch.add(queue.take());
            queue.drainTo(batch, 999);
            for (String line : batch) {
              if (line == STOP) return;
              out.write(line);
            }
            batch.clear();
            out.flush();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      writer.start();
    }

    @Override public void inserted(TokenRecord r) {
      queue.add("I\t" + r.id + "\t" + r.key.clientId() + "\t" + r.key.user() + "\t" + r.key.scopes() + "\t"
          + r.key.binding() + "\t" + r.grantType + "\t" + r.issuedAt + "\t" + r.expiresAt + "\t" + r.refreshToken
          + "\t" + r.refreshExpiresAt + "\t" + r.accessToken + "\t" + r.state + "\n");
    }

    @Override public void stateChanged(TokenRecord r) {
      queue.add("S\t" + r.id + "\t" + r.state + "\t" + r.retiredAt + "\n");
    }

    @Override public void accessTokenSet(TokenRecord r) {
      queue.add("A\t" + r.id + "\t" + r.accessToken + "\n");
    }

    @Override public void deleted(TokenRecord r) {
      queue.add("D\t" + r.id + "\n");
    }

    void close() throws InterruptedException {
      queue.add(STOP);
      writer.join();
    }
  }
}

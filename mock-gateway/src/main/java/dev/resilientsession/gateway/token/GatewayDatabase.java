package dev.resilientsession.gateway.token;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.api.ErrorCode;

/**
 * The gateway's state in an embedded H2 database under a directory, as WSO2 keeps its tokens in a
 * database so that a restart signs nobody out: the token table, changed passwords (as salted
 * hashes), the clock's offset and the JWT signing key.
 *
 * <p>Nothing answered is lost, even to a {@code kill -9}: a request that changed something is
 * answered only once its changes are in a file. Changes are queued as immutable snapshots (under
 * the key's lock, so in the order they were made). A request that waits for its changes, outside
 * any lock, appends everything queued to a redo log in one write, for itself and for the requests
 * that arrived meanwhile, or waits while another request does (group commit). An apply thread then
 * applies the logged changes to H2 in transactions of up to {@value #BATCH}, and H2 writes its own
 * file later, on a thread of its own. Once H2 has written a log segment's changes (a checkpoint,
 * every few seconds or megabytes) the segment is deleted; a gateway opened after a kill applies
 * what the log still holds. A write reaches the operating system, which outlives the process; it
 * is not forced to the disk, so a power cut may lose the last changes. A request waits at most five
 * seconds, then is answered 503 {@code temporarily_unavailable}; a write that failed is tried again
 * by the next request. {@link #close} writes what is queued.
 */
public final class GatewayDatabase implements Closeable {
  private static final Logger LOGGER = Logger.getLogger(GatewayDatabase.class.getName());
  /** Changes in one write to the log, and in one H2 transaction, at most. */
  private static final int BATCH = 1000;
  /** Changes queued at most; past it, the request that queues one writes the log first. */
  private static final int BACKLOG = 100_000;
  /** How long a request waits for its changes to be written before it is answered 503. */
  static final Duration DURABLE_WAIT = Duration.ofSeconds(5);
  /** The size of a redo log segment that ends it, for a checkpoint. */
  private static final long SEGMENT_LIMIT = 8 * 1024 * 1024;
  /** The age of a redo log segment that ends it, while changes keep coming. */
  private static final long SEGMENT_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How long the apply thread lets changes gather, so that H2 gets few, large transactions. */
  private static final long APPLY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** H2's delay before it writes committed changes to its file, on its own thread (its default). */
  private static final int WRITE_DELAY_MILLIS = 500;
  /** The pauses after a write that failed, before the next attempt: from the first to the longest. */
  private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long LONGEST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final String SCHEMA_VERSION = "1";
  /** Directories open in this JVM: H2 would share one database between them rather than refuse. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Connection connection;
  private final long durableWaitNanos;
  private final Journal journal = new Journal();

  /** Changes not in the log yet. */
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(BACKLOG);
  /** Held to queue a change and count it, so that the count of a change is its place in the queue. */
  private final Object queueing = new Object();
  /** Changes queued so far, and changes dropped after {@link #close}. Written holding {@link #queueing}. */
  private volatile long queued;
  private volatile boolean closed;

  /**
   * Held by the request writing the log, the leader, while the others wait. Guards the log and the
   * fields after it, up to {@link #durable}.
   */
  private final ReentrantLock logLock = new ReentrantLock();
  private final RedoLog log;
  private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
  /** Changes taken from the queue whose write failed, for the next attempt. */
  private final List<Op> unlogged = new ArrayList<>(BATCH);
  private long written;
  private long segmentStart = System.nanoTime();
  private int failures;
  private long pause = FIRST_RETRY_NANOS;

  /** The first this many changes are in the log. Written holding {@link #logLock} and {@link #progress}. */
  private volatile long durable;
  /** No write before this {@link System#nanoTime}: the last one failed. */
  private volatile long nextAttempt;
  /** Set by {@link #close} once it wrote the log for the last time. */
  private volatile boolean logClosed;
  /** Waited on by the requests that wait for the leader. */
  private final Object progress = new Object();

  /**
   * Changes in the log, for the apply thread, with the ends of log segments between them. Not
   * bounded: these are kept already, so nobody waits for them.
   */
  private final BlockingQueue<Op> logged = new LinkedBlockingQueue<>();
  private final Thread applier;

  private List<Row> rows;
  private final Map<String, String> changedPasswords;
  private final RSAKey signingKey;
  private final Duration clockOffset;

  private GatewayDatabase(Path directory, Connection connection, RedoLog log, Statements statements,
      Duration durableWait, List<Row> rows, Map<String, String> changedPasswords, RSAKey signingKey,
      Duration clockOffset) {
    this.directory = directory;
    this.connection = connection;
    this.log = log;
    this.durableWaitNanos = durableWait.toNanos();
    this.rows = rows;
    this.changedPasswords = changedPasswords;
    this.signingKey = signingKey;
    this.clockOffset = clockOffset;
    this.applier = new Thread(() -> apply(statements), "mock-gateway-database");
    applier.setDaemon(true);
    applier.start();
  }

  /**
   * Opens (or creates) the database under {@code directory} and reads it. Throws {@link
   * DataDirException}, naming the directory, when it is not a directory, cannot be read, is corrupt,
   * or is open in another gateway.
   */
  public static GatewayDatabase open(Path directory) {
    return open(directory, DURABLE_WAIT);
  }

  /** Like {@link #open(Path)}; requests wait at most {@code durableWait} for their changes to be written. */
  static GatewayDatabase open(Path directory, Duration durableWait) {
    Path dir = directory.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) throw new DataDirException(dir, "not a directory", null);
    try {
      dir = Files.createDirectories(dir).toRealPath(); // one name per directory, for OPEN
    } catch (IOException e) {
      throw new DataDirException(dir, "cannot create it: " + e, e);
    }
    if (dir.toString().indexOf(';') >= 0) throw new DataDirException(dir, "H2 cannot open a path with ';'", null);
    if (!OPEN.add(dir)) throw new DataDirException(dir, "in use by another gateway in this process", null);
    Connection connection = null;
    RedoLog log = null;
    try {
      Properties properties = new Properties();
      properties.setProperty("user", "sa");
      properties.setProperty("password", "");
      connection = org.h2.Driver.load().connect(
          "jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;CACHE_SIZE=65536", properties);
      connection.setAutoCommit(false);
      createSchema(connection);
      Statements statements = new Statements(connection);
      // A checkpoint cut short by a kill leaves H2's own writes off: back on.
      statements.plain.execute("SET WRITE_DELAY " + WRITE_DELAY_MILLIS);
      log = RedoLog.open(dir);
      replay(log, statements, connection);
      Map<String, String> settings = settings(connection);
      String version = settings.get("schema_version");
      if (!SCHEMA_VERSION.equals(version)) {
        throw new DataDirException(dir, "written by another version of the gateway (schema " + version + ")", null);
      }
      String jwk = settings.get("signing_key");
      RSAKey signingKey = jwk == null ? null : RSAKey.parse(jwk);
      if (signingKey != null && !signingKey.isPrivate()) {
        throw new DataDirException(dir, "its signing key has no private part", null);
      }
      String offset = settings.get("clock_offset");
      return new GatewayDatabase(dir, connection, log, statements, durableWait, rows(connection),
          passwords(connection), signingKey, offset == null ? Duration.ZERO : Duration.parse(offset));
    } catch (SQLException e) {
      closeQuietly(connection, log, dir);
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new DataDirException(dir, "in use by another gateway (H2's file lock is held)", e);
      }
      throw new DataDirException(dir, "cannot read its database: " + firstLine(e.getMessage()), e);
    } catch (IOException e) {
      closeQuietly(connection, log, dir);
      throw new DataDirException(dir, "cannot read its redo log: " + e, e);
    } catch (java.text.ParseException | RuntimeException e) {
      closeQuietly(connection, log, dir);
      if (e instanceof DataDirException) throw (DataDirException) e;
      throw new DataDirException(dir, "its database holds something unreadable: " + e, e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** The clock offset kept at the last {@link #clockOffsetChanged}; zero for a new database. */
  public Duration clockOffset() {
    return clockOffset;
  }

  /**
   * Keeps the gateway clock's offset; call it in the order the offset changes. Returns once it is
   * written, or throws {@link OAuthException} ({@code temporarily_unavailable}, 503) when it cannot be.
   */
  public void clockOffsetChanged(Duration offset) {
    enqueue(new Op.Setting("clock_offset", offset.toString()));
    awaitDurable();
  }

  /**
   * Writes what is queued and closes the database. A request still waiting for its changes is
   * answered 503 if they could not be written. The gateway must not be used after this.
   */
  @Override public void close() {
    synchronized (queueing) {
      if (closed) return;
      closed = true; // queues nothing more
    }
    logLock.lock();
    try {
      while (!unlogged.isEmpty() || !queue.isEmpty()) writeLog();
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "mock-gateway: closed the database in " + directory
          + "; changes not written: " + (unlogged.size() + queue.size()), e);
    } finally {
      endSegment();
      logClosed = true;
      logLock.unlock();
    }
    wakeWaiters();
    logged.add(Op.STOP);
    LockSupport.unpark(applier); // when it retries a failed write, it gives up
    boolean interrupted = false;
    while (true) {
      try {
        applier.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the connection must not be closed under the apply thread
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    closeQuietly(connection, log, directory);
  }

  TokenJournal journal() {
    return journal;
  }

  /** The rows read at open, oldest first; handed over once, so they are not held twice. */
  List<Row> takeRows() {
    List<Row> result = rows;
    rows = List.of();
    return result;
  }

  /** Changed passwords read at open: user to {@link PasswordHash#encoded()}. */
  Map<String, String> changedPasswords() {
    return changedPasswords;
  }

  /** The JWT signing key read at open; null when none was made yet. */
  RSAKey signingKey() {
    return signingKey;
  }

  /** Deletes a row read at open that the gateway dropped (its application is no longer configured). */
  void delete(String id) {
    enqueue(new Op.Delete(id));
  }

  private void enqueue(Op op) {
    synchronized (queueing) {
      if (closed) {
        queued++; // dropped, but counted, so that nobody takes it for written
        return;
      }
      while (!queue.offer(op)) {
        // A backlog nobody waited for (a purge's, say): this caller writes it first.
        logLock.lock();
        try {
          writeLog();
        } catch (IOException e) {
          failed(e);
          LockSupport.parkNanos(pause);
        } finally {
          logLock.unlock();
        }
        wakeWaiters();
      }
      queued++;
    }
  }

  /**
   * Returns once every change queued so far is in the log; throws {@link OAuthException} (503
   * {@code temporarily_unavailable}) when that takes longer than the wait allows or the database closed
   * first. Costs two volatile reads when there is nothing to write.
   */
  private void awaitDurable() {
    long target = queued;
    if (durable >= target) return;
    long deadline = System.nanoTime() + durableWaitNanos;
    while (durable < target) {
      if (logClosed) throw unavailable("its database closed first");
      long now = System.nanoTime();
      if (now - deadline >= 0) throw unavailable("its database did not write it in time");
      if (now - nextAttempt >= 0 && logLock.tryLock()) {
        try {
          if (durable < target && !logClosed) writeLog();
        } catch (IOException | RuntimeException e) {
          failed(e);
        } finally {
          logLock.unlock();
        }
        wakeWaiters();
        continue;
      }
      synchronized (progress) {
        // Wait for the leader to finish, or for the pause after a failure to end.
        long wait = Math.min(deadline, logLock.isLocked() ? deadline : nextAttempt) - System.nanoTime();
        if (durable < target && !logClosed && wait > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(progress, wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while its database wrote it");
          }
        }
      }
    }
  }

  /**
   * Appends up to {@value #BATCH} queued changes to the log in one write and hands them to the
   * apply thread; ends the log segment when it is big or old enough. Holding {@link #logLock}. On
   * failure the changes stay for the next attempt.
   */
  private void writeLog() throws IOException {
    queue.drainTo(unlogged, BATCH - unlogged.size());
    if (unlogged.isEmpty()) return;
    encoded.reset();
    Op.encode(unlogged, encoded);
    log.append(encoded.toByteArray(), encoded.size());
    if (failures > 0) LOGGER.warning("mock-gateway: the database in " + directory + " is written again");
    failures = 0;
    pause = FIRST_RETRY_NANOS;
    written += unlogged.size();
    logged.addAll(unlogged);
    unlogged.clear();
    synchronized (progress) {
      durable = written;
    }
    long now = System.nanoTime();
    if (log.size() > SEGMENT_LIMIT || now - segmentStart > SEGMENT_NANOS) {
      endSegment();
      segmentStart = now;
    }
  }

  /** Ends the log segment, so that the apply thread deletes it once H2 has written it. Holding {@link #logLock}. */
  private void endSegment() {
    try {
      long segment = log.endSegment();
      if (segment > 0) logged.add(new Op.SegmentEnd(segment));
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "mock-gateway: could not end a redo log segment in " + directory, e);
    }
  }

  /** After a failed write: no attempt for a while, longer after each failure. Holding {@link #logLock}. */
  private void failed(Exception e) {
    if (failures++ == 0) {
      LOGGER.log(Level.WARNING, "mock-gateway: could not write the redo log in " + directory
          + "; answering 503 to requests that change anything until it works", e);
    }
    nextAttempt = System.nanoTime() + pause;
    pause = Math.min(pause * 2, LONGEST_RETRY_NANOS);
  }

  private void wakeWaiters() {
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  private static OAuthException unavailable(String why) {
    return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, 503,
        "The gateway could not keep the change: " + why + ". Try again.");
  }

  /**
   * Applies the changes a killed gateway left in the redo log, in order, then deletes it. A change
   * H2 had written already is applied again to no effect: each one sets what it sets, whatever was
   * there, so applying the log from any point since the last checkpoint leaves the last state.
   */
  private static void replay(RedoLog log, Statements statements, Connection connection)
      throws IOException, SQLException {
    List<byte[]> blocks = log.read();
    if (blocks.isEmpty()) return;
    statements.replaying = true;
    for (byte[] block : blocks) {
      for (Op op : Op.decode(block)) op.apply(statements);
    }
    statements.flush();
    connection.commit();
    statements.replaying = false;
    checkpoint(statements);
    log.deleteThrough(Long.MAX_VALUE);
  }

  /**
   * Makes H2 write everything committed to its file before this returns. With a write delay H2
   * writes on a thread of its own, and a checkpoint may return while that write is still under way;
   * {@code WRITE_DELAY 0} stops that thread, waiting for its write, so the checkpoint writes in this
   * one.
   */
  private static void checkpoint(Statements statements) throws SQLException {
    statements.plain.execute("SET WRITE_DELAY 0");
    try {
      statements.plain.execute("CHECKPOINT");
    } finally {
      statements.plain.execute("SET WRITE_DELAY " + WRITE_DELAY_MILLIS);
    }
  }

  /**
   * The apply thread: applies the logged changes to H2 in transactions of up to {@value #BATCH},
   * letting them gather for a moment; at the end of a log segment, makes H2 write its file and
   * deletes the segment. It gives up on a failed write only when the database closes: the log
   * keeps those changes for the next open.
   */
  private void apply(Statements statements) {
    List<Op> batch = new ArrayList<>(BATCH);
    List<Op> changes = new ArrayList<>(BATCH);
    while (true) {
      batch.clear();
      batch.add(take(logged));
      if (logged.size() < BATCH && !closed) LockSupport.parkNanos(APPLY_PAUSE_NANOS);
      logged.drainTo(batch, BATCH - 1);
      for (Op op : batch) {
        if (op != Op.STOP && !(op instanceof Op.SegmentEnd)) {
          changes.add(op);
          continue;
        }
        if (!retrying(() -> apply(statements, changes))) return;
        changes.clear();
        if (op == Op.STOP) return;
        long segment = ((Op.SegmentEnd) op).segment;
        if (!retrying(() -> {
          checkpoint(statements);
          log.deleteThrough(segment);
        })) {
          return;
        }
      }
      if (!retrying(() -> apply(statements, changes))) return;
      changes.clear();
    }
  }

  /** Applies {@code changes} to H2 in one transaction; on failure, H2 is left as it was. */
  private void apply(Statements statements, List<Op> changes) throws SQLException {
    if (changes.isEmpty()) return;
    try {
      for (Op op : changes) op.apply(statements);
      statements.flush();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      statements.discard();
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The next attempt reports it again.
      }
      throw e;
    }
  }

  /**
   * Runs {@code step} until it succeeds, pausing longer after each failure; false when the database
   * closes first.
   */
  private boolean retrying(Step step) {
    long wait = FIRST_RETRY_NANOS;
    for (int attempt = 1; ; attempt++) {
      try {
        step.run();
        if (attempt > 1) LOGGER.warning("mock-gateway: the database in " + directory + " is written again");
        return true;
      } catch (IOException | SQLException | RuntimeException e) {
        if (attempt == 1) {
          LOGGER.log(Level.WARNING, "mock-gateway: could not write to the database in " + directory
              + "; retrying (the redo log keeps the changes)", e);
        }
        if (closed) {
          LOGGER.warning("mock-gateway: closed the database in " + directory
              + " with changes H2 did not take; the redo log keeps them for the next open");
          return false;
        }
        LockSupport.parkNanos(this, wait); // close() unparks
        wait = Math.min(wait * 2, LONGEST_RETRY_NANOS);
      }
    }
  }

  /** The head of {@code queue}, waiting for it; the apply thread is never interrupted. */
  private static Op take(BlockingQueue<Op> queue) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS settings (name VARCHAR PRIMARY KEY, val VARCHAR NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS passwords (username VARCHAR PRIMARY KEY, hash VARCHAR NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS tokens ("
          + "seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
          + "id VARCHAR NOT NULL UNIQUE, client_id VARCHAR NOT NULL, username VARCHAR NOT NULL, "
          + "scopes VARCHAR NOT NULL, binding VARCHAR NOT NULL, grant_type VARCHAR NOT NULL, "
          + "issued_at TIMESTAMP(9) WITH TIME ZONE NOT NULL, expires_at TIMESTAMP(9) WITH TIME ZONE NOT NULL, "
          + "refresh_token VARCHAR, refresh_expires_at TIMESTAMP(9) WITH TIME ZONE, access_token VARCHAR, "
          + "state VARCHAR NOT NULL, retired_at TIMESTAMP(9) WITH TIME ZONE)");
      statement.execute("MERGE INTO settings KEY(name) SELECT 'schema_version', '" + SCHEMA_VERSION + "' "
          + "WHERE NOT EXISTS (SELECT 1 FROM settings WHERE name = 'schema_version')");
    }
    connection.commit();
  }

  private static Map<String, String> settings(Connection connection) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT name, val FROM settings")) {
      while (result.next()) settings.put(result.getString(1), result.getString(2));
    }
    return settings;
  }

  private static Map<String, String> passwords(Connection connection) throws SQLException {
    Map<String, String> passwords = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT username, hash FROM passwords")) {
      while (result.next()) {
        PasswordHash.parse(result.getString(2)); // unreadable now, not at the user's next sign-in
        passwords.put(result.getString(1), result.getString(2));
      }
    }
    return passwords;
  }

  private static List<Row> rows(Connection connection) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet r = statement.executeQuery("SELECT id, client_id, username, scopes, binding, grant_type, "
            + "issued_at, expires_at, refresh_token, refresh_expires_at, access_token, state, retired_at "
            + "FROM tokens ORDER BY seq")) {
      while (r.next()) {
        rows.add(new Row(r.getString(1), new TokenKey(r.getString(2), r.getString(3), r.getString(4), r.getString(5)),
            GrantType.valueOf(r.getString(6)), instant(r, 7), instant(r, 8), r.getString(9), instant(r, 10),
            r.getString(11), TokenState.valueOf(r.getString(12)), instant(r, 13)));
      }
    }
    return rows;
  }

  private static Instant instant(ResultSet result, int column) throws SQLException {
    OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static void closeQuietly(Connection connection, RedoLog log, Path dir) {
    try {
      if (connection != null) connection.close();
    } catch (SQLException e) {
      LOGGER.log(Level.WARNING, "mock-gateway: could not close the database in " + dir, e);
    }
    try {
      if (log != null) log.close();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "mock-gateway: could not close the redo log in " + dir, e);
    } finally {
      OPEN.remove(dir);
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "unknown error";
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A token row as the database keeps it. */
  record Row(String id, TokenKey key, GrantType grantType, Instant issuedAt, Instant expiresAt,
      String refreshToken, Instant refreshExpiresAt, String accessToken, TokenState state, Instant retiredAt) {
  }

  /** The prepared statements; used by the apply thread only, once the database is open. */
  private static final class Statements {
    final PreparedStatement insert;
    /** Inserts or replaces: a change the redo log holds may be in H2 already. */
    final PreparedStatement upsert;
    final PreparedStatement state;
    final PreparedStatement accessToken;
    final PreparedStatement delete;
    final PreparedStatement password;
    final PreparedStatement setting;
    final Statement plain;
    /** True while the redo log is applied again, at open: rows are inserted or replaced. */
    boolean replaying;
    /** The statement whose batch holds changes not executed yet; null when none does. */
    private PreparedStatement pending;

    Statements(Connection connection) throws SQLException {
      String columns = "(id, client_id, username, scopes, binding, grant_type, issued_at, expires_at, "
          + "refresh_token, refresh_expires_at, access_token, state, retired_at)";
      insert = connection.prepareStatement("INSERT INTO tokens " + columns
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      upsert = connection.prepareStatement("MERGE INTO tokens " + columns
          + " KEY(id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      state = connection.prepareStatement("UPDATE tokens SET state = ?, retired_at = ? WHERE id = ?");
      accessToken = connection.prepareStatement("UPDATE tokens SET access_token = ? WHERE id = ?");
      delete = connection.prepareStatement("DELETE FROM tokens WHERE id = ?");
      password = connection.prepareStatement("MERGE INTO passwords KEY(username) VALUES (?, ?)");
      setting = connection.prepareStatement("MERGE INTO settings KEY(name) VALUES (?, ?)");
      plain = connection.createStatement();
    }

    /**
     * Adds the parameters set on {@code statement} to its batch. Runs of one statement execute as one
     * batch; another statement's batch executes first, so changes keep their order.
     */
    void batch(PreparedStatement statement) throws SQLException {
      if (pending != statement) flush();
      statement.addBatch();
      pending = statement;
    }

    /** Executes the pending batch, if any. */
    void flush() throws SQLException {
      PreparedStatement statement = pending;
      if (statement == null) return;
      pending = null;
      statement.executeBatch();
    }

    /** Forgets the changes not executed yet, after a failure. */
    void discard() {
      pending = null;
      for (PreparedStatement statement : List.of(insert, upsert, state, accessToken, delete, password, setting)) {
        try {
          statement.clearBatch();
        } catch (SQLException ignored) {
          // Nothing to forget.
        }
      }
    }
  }

  /** A write that may fail, and is then tried again. */
  private interface Step {
    void run() throws IOException, SQLException;
  }

  /**
   * One change, as an immutable snapshot taken when it was made. Each sets what it sets whatever was
   * there before, so that the redo log can be applied again from any point.
   */
  private interface Op {
    Op STOP = new Op() {
      @Override public void apply(Statements statements) {
      }

      @Override public void write(DataOutputStream out) {
        throw new AssertionError("never written");
      }
    };

    void apply(Statements statements) throws SQLException;

    /** Writes this change for the redo log: a tag, then its fields. */
    void write(DataOutputStream out) throws IOException;

    /** Appends {@code ops} to {@code out}, for {@link #decode}. */
    static void encode(List<Op> ops, ByteArrayOutputStream out) {
      DataOutputStream data = new DataOutputStream(out);
      try {
        for (Op op : ops) op.write(data);
        data.flush();
      } catch (IOException e) {
        throw new AssertionError(e); // a ByteArrayOutputStream does not fail
      }
    }

    /** The changes {@link #encode} wrote to {@code block}; an {@link IOException} when it holds something else. */
    static List<Op> decode(byte[] block) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(block));
      List<Op> ops = new ArrayList<>();
      try {
        while (in.available() > 0) {
          byte tag = in.readByte();
          switch (tag) {
            case Insert.TAG:
              ops.add(new Insert(new Row(readString(in), new TokenKey(readString(in), readString(in),
                  readString(in), readString(in)), GrantType.valueOf(readString(in)), readInstant(in),
                  readInstant(in), readString(in), readInstant(in), readString(in),
                  TokenState.valueOf(readString(in)), readInstant(in))));
              break;
            case State.TAG:
              ops.add(new State(readString(in), TokenState.valueOf(readString(in)), readInstant(in)));
              break;
            case AccessToken.TAG:
              ops.add(new AccessToken(readString(in), readString(in)));
              break;
            case Delete.TAG:
              ops.add(new Delete(readString(in)));
              break;
            case Password.TAG:
              ops.add(new Password(readString(in), readString(in)));
              break;
            case Setting.TAG:
              ops.add(new Setting(readString(in), readString(in)));
              break;
            case Clear.TAG:
              ops.add(new Clear());
              break;
            default:
              throw new IOException("a change of unknown kind " + tag);
          }
        }
      } catch (EOFException | IllegalArgumentException | NullPointerException e) {
        throw new IOException("a change cut short or of unknown content", e);
      }
      return ops;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
      if (value == null) {
        out.writeInt(-1);
        return;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
      int length = in.readInt();
      if (length == -1) return null;
      if (length < 0 || length > in.available()) throw new IOException("a string cut short");
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
      out.writeBoolean(value != null);
      if (value == null) return;
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
      if (!in.readBoolean()) return null;
      long seconds = in.readLong();
      return Instant.ofEpochSecond(seconds, in.readInt());
    }

    record Insert(Row row) implements Op {
      static final byte TAG = 1;

      @Override public void apply(Statements s) throws SQLException {
        PreparedStatement insert = s.replaying ? s.upsert : s.insert;
        insert.setString(1, row.id);
        insert.setString(2, row.key.clientId());
        insert.setString(3, row.key.user());
        insert.setString(4, row.key.scopes());
        insert.setString(5, row.key.binding());
        insert.setString(6, row.grantType.name());
        insert.setObject(7, timestamp(row.issuedAt));
        insert.setObject(8, timestamp(row.expiresAt));
        insert.setString(9, row.refreshToken);
        insert.setObject(10, timestamp(row.refreshExpiresAt));
        insert.setString(11, row.accessToken);
        insert.setString(12, row.state.name());
        insert.setObject(13, timestamp(row.retiredAt));
        s.batch(insert);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, row.id);
        writeString(out, row.key.clientId());
        writeString(out, row.key.user());
        writeString(out, row.key.scopes());
        writeString(out, row.key.binding());
        writeString(out, row.grantType.name());
        writeInstant(out, row.issuedAt);
        writeInstant(out, row.expiresAt);
        writeString(out, row.refreshToken);
        writeInstant(out, row.refreshExpiresAt);
        writeString(out, row.accessToken);
        writeString(out, row.state.name());
        writeInstant(out, row.retiredAt);
      }
    }

    record State(String id, TokenState state, Instant retiredAt) implements Op {
      static final byte TAG = 2;

      @Override public void apply(Statements s) throws SQLException {
        s.state.setString(1, state.name());
        s.state.setObject(2, timestamp(retiredAt));
        s.state.setString(3, id);
        s.batch(s.state);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, id);
        writeString(out, state.name());
        writeInstant(out, retiredAt);
      }
    }

    record AccessToken(String id, String accessToken) implements Op {
      static final byte TAG = 3;

      @Override public void apply(Statements s) throws SQLException {
        s.accessToken.setString(1, accessToken);
        s.accessToken.setString(2, id);
        s.batch(s.accessToken);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, id);
        writeString(out, accessToken);
      }
    }

    record Delete(String id) implements Op {
      static final byte TAG = 4;

      @Override public void apply(Statements s) throws SQLException {
        s.delete.setString(1, id);
        s.batch(s.delete);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, id);
      }
    }

    record Password(String username, String hash) implements Op {
      static final byte TAG = 5;

      @Override public void apply(Statements s) throws SQLException {
        s.password.setString(1, username);
        s.password.setString(2, hash);
        s.batch(s.password);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, username);
        writeString(out, hash);
      }
    }

    record Setting(String name, String value) implements Op {
      static final byte TAG = 6;

      @Override public void apply(Statements s) throws SQLException {
        s.setting.setString(1, name);
        s.setting.setString(2, value);
        s.batch(s.setting);
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
        writeString(out, name);
        writeString(out, value);
      }
    }

    /** Not a change: the log thread ended this segment of the redo log. */
    record SegmentEnd(long segment) implements Op {
      @Override public void apply(Statements s) {
        throw new AssertionError("not a change");
      }

      @Override public void write(DataOutputStream out) {
        throw new AssertionError("not a change");
      }
    }

    record Clear() implements Op {
      static final byte TAG = 7;

      @Override public void apply(Statements s) throws SQLException {
        s.flush();
        s.plain.executeUpdate("DELETE FROM tokens");
        s.plain.executeUpdate("DELETE FROM passwords");
        s.plain.executeUpdate("DELETE FROM settings WHERE name = 'clock_offset'");
      }

      @Override public void write(DataOutputStream out) throws IOException {
        out.writeByte(TAG);
      }
    }
  }

  /** Turns the table's and user store's changes into queued snapshots. */
  private final class Journal implements TokenJournal {
    @Override public void inserted(TokenRecord r) {
      enqueue(new Op.Insert(new Row(r.id, r.key, r.grantType, r.issuedAt, r.expiresAt, r.refreshToken,
          r.refreshExpiresAt, r.accessToken, r.state, r.retiredAt)));
    }

    @Override public void stateChanged(TokenRecord record) {
      enqueue(new Op.State(record.id, record.state, record.retiredAt));
    }

    @Override public void accessTokenSet(TokenRecord record) {
      enqueue(new Op.AccessToken(record.id, record.accessToken));
    }

    @Override public void deleted(TokenRecord record) {
      enqueue(new Op.Delete(record.id));
    }

    @Override public void passwordChanged(String username, String hash) {
      enqueue(new Op.Password(username, hash));
    }

    @Override public void signingKeyMade(String jwkJson) {
      enqueue(new Op.Setting("signing_key", jwkJson));
    }

    @Override public void cleared() {
      enqueue(new Op.Clear());
    }

    @Override public void awaitDurable() {
      GatewayDatabase.this.awaitDurable();
    }
  }
}

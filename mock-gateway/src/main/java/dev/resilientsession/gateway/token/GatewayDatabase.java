package dev.resilientsession.gateway.token;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.Closeable;
import java.io.IOException;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.api.ErrorCode;

/**
 * The gateway's state in an embedded H2 database under a directory, as WSO2 keeps its tokens in a
 * database so that a restart signs nobody out: the token table, changed passwords (as salted
 * hashes), the clock's offset and the JWT signing key.
 *
 * <p>Requests do not wait for the disk: changes are queued as immutable snapshots and one writer
 * thread applies them in order, a transaction per batch (only a backlog of {@value #BACKLOG}
 * changes makes requests wait). {@link #close} writes what is queued. H2 writes its changes to the
 * file about every half second, so a killed process loses about that much.
 */
public final class GatewayDatabase implements Closeable {
  private static final Logger LOGGER = Logger.getLogger(GatewayDatabase.class.getName());
  private static final int BATCH = 1000;
  /** Changes queued at most; past it, requests wait for the writer, so a storm cannot exhaust memory. */
  private static final int BACKLOG = 100_000;
  private static final String SCHEMA_VERSION = "1";
  /** Directories open in this JVM: H2 would share one database between them rather than refuse. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Connection connection;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(BACKLOG);
  private final Thread writer;
  private final Journal journal = new Journal();
  private volatile boolean closed;

  private List<Row> rows;
  private final Map<String, String> changedPasswords;
  private final RSAKey signingKey;
  private final Duration clockOffset;

  private GatewayDatabase(Path directory, Connection connection, List<Row> rows,
      Map<String, String> changedPasswords, RSAKey signingKey, Duration clockOffset) throws SQLException {
    this.directory = directory;
    this.connection = connection;
    this.rows = rows;
    this.changedPasswords = changedPasswords;
    this.signingKey = signingKey;
    this.clockOffset = clockOffset;
    Statements statements = new Statements(connection);
    this.writer = new Thread(() -> write(statements), "mock-gateway-database");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens (or creates) the database under {@code directory} and reads it. Throws {@link
   * DataDirException}, naming the directory, when it is not a directory, cannot be read, is corrupt,
   * or is open in another gateway.
   */
  public static GatewayDatabase open(Path directory) {
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
    try {
      Properties properties = new Properties();
      properties.setProperty("user", "sa");
      properties.setProperty("password", "");
      connection = org.h2.Driver.load().connect(
          "jdbc:h2:file:" + dir.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;CACHE_SIZE=65536", properties);
      connection.setAutoCommit(false);
      createSchema(connection);
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
      return new GatewayDatabase(dir, connection, rows(connection), passwords(connection),
          signingKey, offset == null ? Duration.ZERO : Duration.parse(offset));
    } catch (SQLException e) {
      closeQuietly(connection, dir);
      if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new DataDirException(dir, "in use by another gateway (H2's file lock is held)", e);
      }
      throw new DataDirException(dir, "cannot read its database: " + firstLine(e.getMessage()), e);
    } catch (java.text.ParseException | RuntimeException e) {
      closeQuietly(connection, dir);
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

  /** Keeps the gateway clock's offset; call it in the order the offset changes. */
  public void clockOffsetChanged(Duration offset) {
    enqueue(new Op.Setting("clock_offset", offset.toString()));
  }

  /** Writes what is queued and closes the database. The gateway must not be used after this. */
  @Override public synchronized void close() {
    if (closed) return;
    closed = true;
    put(Op.STOP);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(connection, directory);
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
    if (!closed) put(op);
  }

  private void put(Op op) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(op);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // a change must not be lost to an interrupt; the flag is restored below
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void write(Statements statements) {
    List<Op> batch = new ArrayList<>(BATCH);
    boolean stop = false;
    while (!stop) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      try {
        for (Op op : batch) {
          if (op == Op.STOP) {
            stop = true;
          } else {
            if (!(op instanceof Op.Insert)) statements.flushInserts(); // keep the order of changes
            op.apply(statements);
          }
        }
        statements.flushInserts();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        LOGGER.log(Level.WARNING, "mock-gateway: could not write to the database in " + directory, e);
        try {
          statements.insert.clearBatch();
          statements.pendingInserts = 0;
          connection.rollback();
        } catch (SQLException ignored) {
          // The next batch reports it again.
        }
      }
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

  private static void closeQuietly(Connection connection, Path dir) {
    try {
      if (connection != null) connection.close();
    } catch (SQLException e) {
      LOGGER.log(Level.WARNING, "mock-gateway: could not close the database in " + dir, e);
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

  /** The writer's prepared statements; used by the writer thread only. */
  private static final class Statements {
    final PreparedStatement insert;
    final PreparedStatement state;
    final PreparedStatement accessToken;
    final PreparedStatement delete;
    final PreparedStatement password;
    final PreparedStatement setting;
    final Statement plain;
    /** Inserts added to {@link #insert}'s batch and not executed yet. */
    int pendingInserts;

    Statements(Connection connection) throws SQLException {
      insert = connection.prepareStatement("INSERT INTO tokens (id, client_id, username, scopes, binding, "
          + "grant_type, issued_at, expires_at, refresh_token, refresh_expires_at, access_token, state, retired_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      state = connection.prepareStatement("UPDATE tokens SET state = ?, retired_at = ? WHERE id = ?");
      accessToken = connection.prepareStatement("UPDATE tokens SET access_token = ? WHERE id = ?");
      delete = connection.prepareStatement("DELETE FROM tokens WHERE id = ?");
      password = connection.prepareStatement("MERGE INTO passwords KEY(username) VALUES (?, ?)");
      setting = connection.prepareStatement("MERGE INTO settings KEY(name) VALUES (?, ?)");
      plain = connection.createStatement();
    }

    void flushInserts() throws SQLException {
      if (pendingInserts == 0) return;
      pendingInserts = 0;
      insert.executeBatch();
    }
  }

  /** One change, as an immutable snapshot taken when it was made. */
  private interface Op {
    Op STOP = statements -> {
    };

    void apply(Statements statements) throws SQLException;

    record Insert(Row row) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        PreparedStatement insert = s.insert;
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
        insert.addBatch();
        s.pendingInserts++;
      }
    }

    record State(String id, TokenState state, Instant retiredAt) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.state.setString(1, state.name());
        s.state.setObject(2, timestamp(retiredAt));
        s.state.setString(3, id);
        s.state.executeUpdate();
      }
    }

    record AccessToken(String id, String accessToken) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.accessToken.setString(1, accessToken);
        s.accessToken.setString(2, id);
        s.accessToken.executeUpdate();
      }
    }

    record Delete(String id) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.delete.setString(1, id);
        s.delete.executeUpdate();
      }
    }

    record Password(String username, String hash) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.password.setString(1, username);
        s.password.setString(2, hash);
        s.password.executeUpdate();
      }
    }

    record Setting(String name, String value) implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.setting.setString(1, name);
        s.setting.setString(2, value);
        s.setting.executeUpdate();
      }
    }

    record Clear() implements Op {
      @Override public void apply(Statements s) throws SQLException {
        s.plain.executeUpdate("DELETE FROM tokens");
        s.plain.executeUpdate("DELETE FROM passwords");
        s.plain.executeUpdate("DELETE FROM settings WHERE name = 'clock_offset'");
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
  }
}

package life.suoke.ops.engine.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RejectionType;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's durable, append-only record log in PostgreSQL.
 *
 * <p>One writer (the engine's processing thread) appends each batch of records in one transaction
 * on a connection kept for it alone, with one prepared {@code INSERT ... SELECT FROM
 * unnest(arrays)} whatever the batch size (measured against binary {@code COPY}, multi-row {@code
 * VALUES} and JDBC batching: as fast as COPY for large batches, cheaper for small ones; see the
 * benchmark {@code recordlog} in module bench). {@link #append} returns only once PostgreSQL has
 * committed the batch; the log's connections ask for {@code synchronous_commit = on}, so that
 * commit is durable as long as the server runs with fsync on. Because the single writer commits
 * batches one after the other with increasing positions, what is committed is always a prefix of
 * what was appended: a reader that has seen position {@code p} will never later find a committed
 * record below {@code p}.
 *
 * <p>Readers: {@link #replay} streams the log through a cursor on a connection of its own (for
 * rebuilding the engine's state at start); {@link #read} returns pages for exporters, which keep
 * their progress with {@link #acknowledge} and {@link #exporterPosition}. Those calls share a
 * second connection and may come from any thread.
 *
 * <p>Each record is stored as plain columns for its envelope (position, source position, key,
 * timestamp, record type, value type, intent, rejection type and reason, broker version) and its
 * value as UTF-8 JSON in a {@code bytea} column (cheaper to write than {@code json}/{@code jsonb},
 * and read back in binary); a read rebuilds the Zeebe-shaped record ({@link
 * RecordJson#fromColumns}) with the constant fields Zeebe adds. Not repeating the envelope in the
 * JSON halves what a row stores (the records of one-task instances: 322 bytes of JSON on average
 * instead of 695), so there is less to serialize, write ahead and parse again. Look at a value with
 * SQL as {@code convert_from(data, 'UTF8')::jsonb}. Rows written before (column {@code data_format}
 * 1) hold the whole record's JSON and are read as such; new rows have {@code data_format} 2. Tables
 * live in one schema ({@value #DEFAULT_SCHEMA} unless told otherwise) and are created by {@link
 * #migrate()}: {@code record} (the log), {@code record_archive} (its older part), {@code
 * exporter_position}, {@code snapshot} and {@code snapshot_chunk}.
 *
 * <p>Compaction: {@link #compact} moves the records up to a position from {@code record} to {@code
 * record_archive}, a table with the same columns and primary key, so that the table the writer
 * appends to stays small once the engine no longer needs to replay its beginning. The move goes in
 * chunks, each one statement ({@code DELETE ... RETURNING} feeding an {@code INSERT}) in a
 * transaction of its own, so a record is at every moment in exactly one of the two tables, and a
 * compaction cut short is simply continued by the next. The log is still the union of both: {@link
 * #replay}, {@link #read} and {@link #lastPosition} read the archive and the table in one statement
 * (one snapshot of both), so they see every record once, in order, while a compaction runs. The
 * archive is never deleted from; PostgreSQL's autovacuum reclaims the room the moved rows leave.
 *
 * <p>State snapshots: the engine can store its serialized state at a log position ({@link
 * #saveSnapshot}), each snapshot in one transaction, its bytes in {@code snapshot_chunk} rows of at
 * most 8 MiB with their size and SHA-256 in {@code snapshot}; the two newest are kept. {@link
 * #latestSnapshot} returns the newest intact one. Compaction, snapshots and replays each work on a
 * connection of their own, opened for the call, so that none of them holds up the writer.
 *
 * <p>Failures are thrown as {@link RecordLogException}; a batch that fails leaves nothing behind.
 */
public final class RecordLog implements LogStorage {

  public static final String DEFAULT_SCHEMA = "engine";

  private static final Logger log = LoggerFactory.getLogger(RecordLog.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int REPLAY_FETCH_SIZE = 2000;

  /** How many records a compaction moves per transaction unless told otherwise. */
  public static final int DEFAULT_COMPACTION_CHUNK = 50_000;

  /** The record columns, in the order of the insert's arrays; the same in both record tables. */
  private static final String COLUMNS =
      "position, source_record_position, key, timestamp, record_type, value_type, intent,"
          + " rejection_type, rejection_reason, broker_version, data_format, data";

  /**
   * {@code data_format} of a row whose {@code data} is the whole record's JSON (rows written before
   * the envelope moved to columns).
   */
  static final short WHOLE_RECORD = 1;

  /**
   * {@code data_format} of a row whose {@code data} is only the value's JSON; the envelope is
   * rebuilt from the columns.
   */
  static final short VALUE_ONLY = 2;

  private static final String UNIQUE_VIOLATION = "23505";

  /** Thrown when the log cannot be written or read. */
  public static final class RecordLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordLogException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @FunctionalInterface
  private interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private final ConnectionSource connections;
  private final String schema;
  private final String recordTable;
  private final String archiveTable;
  private final String exporterTable;
  private final String insertSql;
  private final String readSql;
  private final String lastPositionSql;
  private final SnapshotStore snapshots;

  private final Object writeLock = new Object();
  private Connection writer;
  private PreparedStatement insert;

  /** Highest position known to be in the log; -1 until looked up. Guarded by writeLock. */
  private long lastAppended = -1;

  private final CommitTimes commitTimes = new CommitTimes();

  private final Object sideLock = new Object();
  private Connection side;

  /** One compaction at a time from this log (others, from other processes, are safe too). */
  private final Object compactLock = new Object();

  private volatile boolean closed;

  /** A log in schema {@value #DEFAULT_SCHEMA} of the database the data source connects to. */
  public RecordLog(DataSource dataSource) {
    this(dataSource, DEFAULT_SCHEMA);
  }

  /**
   * A log in {@code schema} of the database the data source connects to. The log keeps two of the
   * source's connections for as long as it is open, and borrows another for each replay, compaction
   * and snapshot call.
   */
  public RecordLog(DataSource dataSource, String schema) {
    this(Objects.requireNonNull(dataSource, "dataSource")::getConnection, schema);
  }

  /** A log in schema {@value #DEFAULT_SCHEMA} of the database at the JDBC URL. */
  public RecordLog(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, DEFAULT_SCHEMA);
  }

  /** A log in {@code schema} of the database at the JDBC URL (a {@code jdbc:postgresql:} URL). */
  public RecordLog(String jdbcUrl, String user, String password, String schema) {
    this(urlSource(jdbcUrl, user, password), schema);
  }

  private RecordLog(ConnectionSource connections, String schema) {
    this.connections = connections;
    this.schema = requireIdentifier(schema);
    this.recordTable = '"' + this.schema + "\".record";
    this.archiveTable = '"' + this.schema + "\".record_archive";
    this.exporterTable = '"' + this.schema + "\".exporter_position";
    // The last parameter is the batch's first position: nothing is inserted unless it lies above
    // the archive's highest position (the primary key guards the table, this guards the archive,
    // against a second writer that missed later appends; one that appends a position in the very
    // moment a compaction moves it could still slip through, but the log has a single writer).
    // Written with max() so that even a generic plan reads it off the end of the archive's index
    // (NOT EXISTS (... WHERE position >= ?) gets a generic plan that scans the whole archive).
    this.insertSql =
        "INSERT INTO "
            + recordTable
            + " ("
            + COLUMNS
            + ") SELECT * FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::int2[], ?::bytea[])"
            + " WHERE ? > (SELECT coalesce(max(position), 0) FROM "
            + archiveTable
            + ")";
    // One statement, so one snapshot of both tables: a record a compaction moves meanwhile is seen
    // in exactly one of them. With the condition outside the UNION ALL, PostgreSQL merges the two
    // primary key scans (Merge Append) with no sort, custom or generic plan, replay or page; the
    // archive's side costs one index probe when it holds nothing above the position. (With the
    // condition inside each branch, PostgreSQL 14 appends both and sorts everything.)
    this.readSql =
        "SELECT "
            + COLUMNS
            + " FROM (SELECT "
            + COLUMNS
            + " FROM "
            + archiveTable
            + " UNION ALL SELECT "
            + COLUMNS
            + " FROM "
            + recordTable
            + ") log WHERE position > ? ORDER BY position";
    this.lastPositionSql =
        "SELECT coalesce(greatest((SELECT max(position) FROM "
            + recordTable
            + "), (SELECT max(position) FROM "
            + archiveTable
            + ")), 0)";
    this.snapshots = new SnapshotStore(this::open, this.schema);
  }

  private static ConnectionSource urlSource(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "suoke-ops-engine");
    return () -> DriverManager.getConnection(jdbcUrl, props);
  }

  private static String requireIdentifier(String schema) {
    if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a plain lower-case SQL identifier, not " + schema);
    }
    return schema;
  }

  /** The schema the log's tables are in. */
  public String schema() {
    return schema;
  }

  // ----------------------------------------------------------------------------------------------
  // schema

  /** Creates the schema and its tables if they are absent; safe to call on every start. */
  public void migrate() {
    String q = '"' + schema + '"';
    List<String> ddl = new ArrayList<>();
    ddl.add("CREATE SCHEMA IF NOT EXISTS " + q);
    ddl.add(createRecordTable(recordTable));
    ddl.addAll(addEnvelopeColumns(recordTable));
    ddl.add(
        "COMMENT ON TABLE "
            + recordTable
            + " IS 'Append-only log of the workflow engine. data: the record''s value as UTF-8 JSON"
            + " (data_format 2), or the whole Zeebe-shaped record (data_format 1, older rows); the"
            + " columns hold the rest. timestamp: epoch milliseconds."
            + " Records up to a position may have been moved to record_archive.'");
    ddl.add(createRecordTable(archiveTable));
    ddl.addAll(addEnvelopeColumns(archiveTable));
    ddl.add(
        "COMMENT ON TABLE "
            + archiveTable
            + " IS 'The older part of the workflow engine''s log, moved out of record by compaction;"
            + " the same columns. The log is the union of both: every position is in exactly one.'");
    ddl.add(
        "CREATE TABLE IF NOT EXISTS "
            + exporterTable
            + " ("
            + "exporter_id TEXT PRIMARY KEY,"
            + " position BIGINT NOT NULL,"
            + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    ddl.addAll(snapshots.ddl());
    synchronized (sideLock) {
      Connection c = side();
      try {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          for (String sql : ddl) {
            s.execute(sql);
          }
        }
        c.commit();
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw new RecordLogException(
            "could not create the record log tables in schema " + schema, e);
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException e) {
          discardSide();
        }
      }
    }
  }

  /** The two record tables have these columns and this primary key. */
  private static String createRecordTable(String table) {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " ("
        + "position BIGINT PRIMARY KEY,"
        + " source_record_position BIGINT NOT NULL,"
        + " key BIGINT NOT NULL,"
        + " timestamp BIGINT NOT NULL,"
        + " record_type TEXT NOT NULL,"
        + " value_type TEXT NOT NULL,"
        + " intent TEXT,"
        + " rejection_type TEXT,"
        + " rejection_reason TEXT,"
        + " broker_version TEXT,"
        + " data_format SMALLINT NOT NULL DEFAULT "
        + WHOLE_RECORD
        + ","
        + " data BYTEA NOT NULL)";
  }

  /** Adds the columns of the value-only rows to a record table made before them. */
  private static List<String> addEnvelopeColumns(String table) {
    return List.of(
        "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS rejection_type TEXT",
        "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS rejection_reason TEXT",
        "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS broker_version TEXT",
        "ALTER TABLE "
            + table
            + " ADD COLUMN IF NOT EXISTS data_format SMALLINT NOT NULL DEFAULT "
            + WHOLE_RECORD);
  }

  /** The record of a row read with {@link #COLUMNS}, whichever its data format. */
  private static Record fromRow(ResultSet rs) throws SQLException {
    if (rs.getShort(11) == WHOLE_RECORD) {
      return RecordJson.fromBytes(rs.getBytes(12));
    }
    return RecordJson.fromColumns(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getBytes(12));
  }

  // ----------------------------------------------------------------------------------------------
  // writing

  /**
   * Appends the records in one transaction and returns once it is committed. Positions must
   * strictly increase within the batch and lie above every position already in the log, archived or
   * not; otherwise nothing is written and an {@link IllegalArgumentException} (found before
   * writing) or a {@link RecordLogException} (found by PostgreSQL, such as a position another
   * writer took, or one at or below the highest archived position) is thrown. After a failed commit
   * whose outcome PostgreSQL could not report, the writer connection is replaced and the last
   * position is looked up again before the next append.
   */
  public void append(List<Record> batch) {
    if (batch.isEmpty()) {
      return;
    }
    synchronized (writeLock) {
      ensureOpen();
      Connection c = writer();
      long last = lastAppended();
      long previous = last;
      for (int i = 0; i < batch.size(); i++) {
        long position = batch.get(i).position();
        if (position <= previous) {
          throw new IllegalArgumentException(
              "record positions must strictly increase: position "
                  + position
                  + (i == 0 ? " does not follow the log's last position " : " follows position ")
                  + previous
                  + (i == 0 ? "" : " in the same batch"));
        }
        previous = position;
      }
      int n = batch.size();
      long[] positions = new long[n];
      long[] sources = new long[n];
      long[] keys = new long[n];
      long[] timestamps = new long[n];
      String[] recordTypes = new String[n];
      String[] valueTypes = new String[n];
      String[] intents = new String[n];
      String[] rejectionTypes = new String[n];
      String[] rejectionReasons = new String[n];
      String[] brokerVersions = new String[n];
      Short[] formats = new Short[n];
      byte[][] data = new byte[n][];
      for (int i = 0; i < n; i++) {
        Record r = batch.get(i);
        positions[i] = r.position();
        sources[i] = r.sourceRecordPosition();
        keys[i] = r.key();
        timestamps[i] = r.timestamp();
        recordTypes[i] = Objects.requireNonNull(r.recordType(), "recordType").name();
        valueTypes[i] = Objects.requireNonNull(r.valueType(), "valueType").name();
        intents[i] = r.intent();
        if (r.rejectionType() != null && r.rejectionType() != RejectionType.NULL_VAL) {
          rejectionTypes[i] = r.rejectionType().name();
        }
        if (r.rejectionReason() != null && !r.rejectionReason().isEmpty()) {
          rejectionReasons[i] = r.rejectionReason();
        }
        brokerVersions[i] = r.brokerVersion();
        formats[i] = VALUE_ONLY;
        data[i] = RecordJson.valueToBytes(r);
      }
      boolean committing = false;
      try {
        PreparedStatement insert = insertStatement(c);
        insert.setObject(1, positions);
        insert.setObject(2, sources);
        insert.setObject(3, keys);
        insert.setObject(4, timestamps);
        insert.setArray(5, c.createArrayOf("text", recordTypes));
        insert.setArray(6, c.createArrayOf("text", valueTypes));
        insert.setArray(7, c.createArrayOf("text", intents));
        insert.setArray(8, c.createArrayOf("text", rejectionTypes));
        insert.setArray(9, c.createArrayOf("text", rejectionReasons));
        insert.setArray(10, c.createArrayOf("text", brokerVersions));
        insert.setArray(11, c.createArrayOf("int2", formats));
        insert.setArray(12, c.createArrayOf("bytea", data));
        insert.setLong(13, positions[0]);
        int inserted = insert.executeUpdate();
        if (inserted == 0) {
          throw new SQLException(
              "position " + positions[0] + " is not above the highest archived position",
              UNIQUE_VIOLATION);
        }
        if (inserted != n) {
          throw new SQLException("inserted " + inserted + " rows for a batch of " + n);
        }
        committing = true;
        c.commit();
        commitTimes.committed(batch.get(0).position(), previous, System.nanoTime());
        lastAppended = previous;
      } catch (SQLException e) {
        // Whatever went wrong (a clash, a lost connection, a commit whose outcome is unknown),
        // start afresh: a new connection, and the last position looked up again.
        if (!committing) {
          rollbackQuietly(c);
        }
        discardWriter();
        String what =
            UNIQUE_VIOLATION.equals(e.getSQLState())
                ? "a position of the batch is already in the log"
                : "the batch could not be written";
        throw new RecordLogException(
            what
                + " (positions "
                + batch.get(0).position()
                + ".."
                + previous
                + "): "
                + e.getMessage(),
            e);
      }
    }
  }

  private PreparedStatement insertStatement(Connection c) throws SQLException {
    if (insert == null) {
      insert = c.prepareStatement(insertSql);
    }
    return insert;
  }

  private long lastAppended() {
    if (lastAppended < 0) {
      Connection c = writer();
      try {
        lastAppended = queryLastPosition(c);
        c.commit();
      } catch (SQLException e) {
        discardWriter();
        throw new RecordLogException("could not read the last position of the log", e);
      }
    }
    return lastAppended;
  }

  /** A new connection that commits durably whatever the server's default. */
  private Connection open() throws SQLException {
    Connection c = connections.open();
    try (Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit TO on");
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  private Connection writer() {
    if (writer == null) {
      try {
        Connection c = open();
        c.setAutoCommit(false);
        writer = c;
      } catch (SQLException e) {
        throw new RecordLogException("could not connect the record log writer", e);
      }
    }
    return writer;
  }

  private void discardWriter() {
    Connection c = writer;
    writer = null;
    insert = null;
    lastAppended = -1;
    closeQuietly(c);
  }

  // ----------------------------------------------------------------------------------------------
  // reading

  /**
   * When this process committed the batches it appended: how long ago a record not yet exported was
   * committed (see {@link CommitTimes}).
   */
  public CommitTimes commitTimes() {
    return commitTimes;
  }

  /** The highest position in the log (archived or not), 0 if it is empty. */
  public long lastPosition() {
    return onSide("read the last position", this::queryLastPosition);
  }

  private long queryLastPosition(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(lastPositionSql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Passes every record above {@code fromPositionExclusive} to the consumer, in position order,
   * archived or not, streaming through a cursor on a connection of its own (the log is never held
   * in memory whole). Records appended while it runs may or may not be included. An exception
   * thrown by the consumer ends the replay and is rethrown.
   *
   * @return how many records were passed
   */
  public long replay(long fromPositionExclusive, Consumer<Record> consumer) {
    ensureOpen();
    Objects.requireNonNull(consumer, "consumer");
    long count = 0;
    try (Connection c = open()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(readSql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(REPLAY_FETCH_SIZE);
        binaryResults(ps);
        ps.setLong(1, fromPositionExclusive);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(fromRow(rs));
            count++;
          }
        }
      } finally {
        rollbackQuietly(c);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new RecordLogException(
          "replay from position " + fromPositionExclusive + " failed after " + count + " records",
          e);
    }
    return count;
  }

  /**
   * Up to {@code maxRecords} records above {@code fromPositionExclusive}, in position order,
   * archived or not.
   */
  public List<Record> read(long fromPositionExclusive, int maxRecords) {
    if (maxRecords <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    return onSide(
        "read records after position " + fromPositionExclusive,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(readSql + " LIMIT ?")) {
            binaryResults(ps);
            ps.setLong(1, fromPositionExclusive);
            ps.setInt(2, maxRecords);
            try (ResultSet rs = ps.executeQuery()) {
              List<Record> page = new ArrayList<>(Math.min(maxRecords, 1024));
              while (rs.next()) {
                page.add(fromRow(rs));
              }
              return page;
            }
          }
        });
  }

  /** The statement {@link #replay} runs; with {@code " LIMIT ?"} after it, {@link #read}'s. */
  String readSql() {
    return readSql;
  }

  /**
   * Asks the driver for binary results: bytea then arrives as raw bytes rather than as hex text,
   * which halves what crosses the wire and spares decoding (measured: replay ~2x faster).
   */
  private static void binaryResults(PreparedStatement ps) throws SQLException {
    ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
  }

  // ----------------------------------------------------------------------------------------------
  // compaction

  /**
   * Moves every record at or below {@code upToInclusive} from {@code record} to {@code
   * record_archive}, {@value #DEFAULT_COMPACTION_CHUNK} records per transaction; see {@link
   * #compact(long, int)}.
   */
  public long compact(long upToInclusive) {
    return compact(upToInclusive, DEFAULT_COMPACTION_CHUNK);
  }

  /**
   * Moves every record at or below {@code upToInclusive} from {@code record} to {@code
   * record_archive}, in position order, at most {@code chunkRecords} records per transaction, on a
   * connection of its own: appends and reads go on meanwhile, and see every record exactly once.
   * Each chunk is one statement ({@code WITH moved AS (DELETE ... RETURNING ...) INSERT INTO
   * archive SELECT ... FROM moved}): it moves exactly the rows it deleted, whatever is appended at
   * the same time, and if it fails or the process dies, its transaction leaves both tables as they
   * were. What earlier chunks moved stays moved; calling this again finishes the job. A bound at or
   * below {@link #archivedUpTo()} moves nothing. Once records moved, the hot table is vacuumed and
   * both tables analyzed, so that reads near the end of the log plan quickly. An interrupt of the
   * calling thread stops the work between two chunks. May be called from any thread; calls on one
   * log run one after the other.
   *
   * @return how many records this call moved
   * @throws RecordLogException if a chunk fails (the chunks before it stay moved)
   */
  public long compact(long upToInclusive, int chunkRecords) {
    if (chunkRecords <= 0) {
      throw new IllegalArgumentException("chunkRecords must be positive: " + chunkRecords);
    }
    synchronized (compactLock) {
      ensureOpen();
      long moved = 0;
      try (Connection c = open()) {
        // Every record of the table lies above the archive's highest position, so the chunks
        // start there, past the index entries of rows already moved.
        long from = archivedUpTo(c);
        try (PreparedStatement bound =
                c.prepareStatement(
                    "SELECT position FROM "
                        + recordTable
                        + " WHERE position > ? AND position <= ? ORDER BY position OFFSET ? LIMIT 1");
            PreparedStatement move =
                c.prepareStatement(
                    "WITH moved AS (DELETE FROM "
                        + recordTable
                        + " WHERE position > ? AND position <= ? RETURNING "
                        + COLUMNS
                        + ") INSERT INTO "
                        + archiveTable
                        + " ("
                        + COLUMNS
                        + ") SELECT "
                        + COLUMNS
                        + " FROM moved")) {
          while (from < upToInclusive && !Thread.currentThread().isInterrupted()) {
            ensureOpen();
            // The chunk ends at its last record, or at the bound if fewer records are left.
            long to = upToInclusive;
            bound.setLong(1, from);
            bound.setLong(2, upToInclusive);
            bound.setInt(3, chunkRecords - 1);
            try (ResultSet rs = bound.executeQuery()) {
              if (rs.next()) {
                to = rs.getLong(1);
              }
            }
            move.setLong(1, from);
            move.setLong(2, to);
            moved += move.executeUpdate(); // autocommit: one transaction
            from = to;
          }
        }
        if (moved > 0 && !Thread.currentThread().isInterrupted()) {
          // The moved rows are dead index entries and stale statistics until a vacuum: planning a
          // replay from the end of the log would step over all of them (seconds for millions).
          try (Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) " + recordTable);
            s.execute("ANALYZE " + archiveTable);
          }
        }
      } catch (SQLException e) {
        throw new RecordLogException(
            "compaction up to position "
                + upToInclusive
                + " failed after moving "
                + moved
                + " records: "
                + e.getMessage(),
            e);
      }
      if (moved > 0) {
        log.debug("record log compaction moved {} records up to position {}", moved, upToInclusive);
      }
      return moved;
    }
  }

  /** The highest position in {@code record_archive}, 0 if nothing was archived. */
  public long archivedUpTo() {
    return onSide("read the highest archived position", this::archivedUpTo);
  }

  private long archivedUpTo(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(position), 0) FROM " + archiveTable)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // state snapshots

  /**
   * Stores a snapshot of the engine's state, {@code data}, taken at log {@code position} (the state
   * after every record up to it) in the engine's serialization {@code format}. The snapshot row and
   * all its chunks are written in one transaction on a connection of its own (appends go on
   * meanwhile): a failure or a crash leaves no trace of it. Then every snapshot but the two newest
   * (highest positions) is deleted. If a snapshot at that position is already stored, it is left as
   * it is and nothing is written (a no-op, logged).
   *
   * @throws IllegalArgumentException if the position is not positive
   * @throws RecordLogException if the snapshot could not be stored
   */
  public void saveSnapshot(long position, int format, byte[] data) {
    ensureOpen();
    if (!snapshots.save(position, format, data)) {
      log.info("a snapshot at position {} is already stored; it is left as it is", position);
    }
  }

  /**
   * The newest snapshot whose bytes are all there and match its checksum. A damaged one (a chunk
   * missing, bytes that do not match its size or SHA-256) is logged as a warning and passed over
   * for the one before it. Empty if there is none. Reads on a connection of its own, one chunk at a
   * time besides the snapshot's bytes.
   */
  public Optional<StoredSnapshot> latestSnapshot() {
    ensureOpen();
    return snapshots.latest();
  }

  /** Every snapshot stored, newest (highest position) first, without its bytes. */
  public List<SnapshotInfo> snapshots() {
    ensureOpen();
    return snapshots.list();
  }

  // ----------------------------------------------------------------------------------------------
  // exporters

  /** The last position the exporter acknowledged, 0 if it never did. */
  public long exporterPosition(String exporterId) {
    requireExporterId(exporterId);
    return onSide(
        "read the position of exporter " + exporterId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT position FROM " + exporterTable + " WHERE exporter_id = ?")) {
            ps.setString(1, exporterId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /**
   * Records durably that the exporter has exported every record up to {@code position}. A position
   * below the one already acknowledged is ignored: the position never moves backwards.
   */
  public void acknowledge(String exporterId, long position) {
    requireExporterId(exporterId);
    onSide(
        "acknowledge position " + position + " for exporter " + exporterId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + exporterTable
                      + " AS e (exporter_id, position) VALUES (?, ?)"
                      + " ON CONFLICT (exporter_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()"
                      + " WHERE e.position < EXCLUDED.position")) {
            ps.setString(1, exporterId);
            ps.setLong(2, position);
            ps.executeUpdate();
            return null;
          }
        });
  }

  private static void requireExporterId(String exporterId) {
    if (exporterId == null || exporterId.isBlank()) {
      throw new IllegalArgumentException("exporter id must not be blank");
    }
  }

  // ----------------------------------------------------------------------------------------------
  // side connection (reads, exporter positions, migration); autocommit on

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs the work on the side connection; once more on a fresh one if the connection broke. */
  private <T> T onSide(String what, SqlWork<T> work) {
    synchronized (sideLock) {
      ensureOpen();
      for (int attempt = 1; ; attempt++) {
        try {
          return work.run(side());
        } catch (SQLException e) {
          discardSide();
          if (attempt > 1 || !isConnectionFailure(e)) {
            throw new RecordLogException("could not " + what, e);
          }
          log.info("record log reader connection broke ({}); reconnecting", e.getMessage());
        }
      }
    }
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P01"));
  }

  private Connection side() {
    if (side == null) {
      try {
        Connection c = open();
        c.setAutoCommit(true);
        side = c;
      } catch (SQLException e) {
        throw new RecordLogException("could not connect the record log reader", e);
      }
    }
    return side;
  }

  private void discardSide() {
    Connection c = side;
    side = null;
    closeQuietly(c);
  }

  // ----------------------------------------------------------------------------------------------

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the record log is closed");
    }
  }

  /** Closes the log's connections; appends and reads after this fail. */
  @Override
  public void close() {
    closed = true;
    synchronized (writeLock) {
      if (writer != null) {
        rollbackQuietly(writer);
        try {
          writer.setAutoCommit(true);
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      closeQuietly(writer);
      writer = null;
      insert = null;
    }
    synchronized (sideLock) {
      closeQuietly(side);
      side = null;
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a record log connection failed", e);
    }
  }
}

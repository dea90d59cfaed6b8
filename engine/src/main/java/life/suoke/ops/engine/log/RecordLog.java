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
 * on a connection kept for it alone: a batch of {@value #COPY_FROM} records or more as one binary
 * {@code COPY} ({@link CopyRows}), so that PostgreSQL inserts a heap page of rows at a time, with
 * one write-ahead record per page instead of one per row, and parses no arrays (at the engine's
 * saturation about a third less of the database's CPU per record than the insert below; "Record
 * log" in the bench README); a smaller batch as one prepared {@code INSERT ... SELECT FROM
 * unnest(arrays)}, one round trip where {@code COPY} takes two. {@link #append} returns only once
 * PostgreSQL has committed the batch; the log's connections ask for {@code synchronous_commit =
 * on}, so that commit is durable as long as the server runs with fsync on. Because the single
 * writer commits batches one after the other with increasing positions, what is committed is always
 * a prefix of what was appended: a reader that has seen position {@code p} will never later find a
 * committed record below {@code p}.
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
 * <p>Segments and compaction: {@code record} (the log) and {@code record_archive} (its older part)
 * are both tables partitioned by range of position, with the same columns and primary key, and
 * their partitions are the log's segments: tables {@code record_<first position>} of {@link
 * #segmentRecords()} positions each (a million unless told otherwise), each with a check constraint
 * that states its range. The writer creates the segment a batch needs, and the next one when the
 * log is half way through the last, before it appends ({@link #append}). {@link #compact} moves
 * every segment that lies wholly at or below a position from {@code record} to {@code
 * record_archive}: it detaches the segment from the one and attaches it to the other in one
 * transaction, so nothing is copied, deleted or left for the vacuum, and a record is at every
 * moment in exactly one of the two (a compaction killed at any point leaves the segment where it
 * was; the next one moves it). The attach does not scan the segment: its check constraint proves
 * the range. A start replays from its snapshot's position, which the primary keys find without
 * reading the archive. The log is still the union of both: {@link #replay}, {@link #read} and
 * {@link #lastPosition} read the archive and the table in one statement (one snapshot of both), so
 * they see every record once, in order, while a compaction runs. Nothing is ever deleted from the
 * archive. A database whose {@code record} and {@code record_archive} are plain tables (an older
 * layout) has them turned into the first segments by {@link #migrate()}: the archive's rows up to
 * its highest position, the table's rows above it.
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

  /** How many positions a segment of the log spans unless told otherwise. */
  public static final long DEFAULT_SEGMENT_RECORDS = 1_000_000;

  /**
   * How many of the newest records the engine's log serves from memory (as written: a few hundred
   * bytes each, and the records the engine wrote; {@link #keepRecent}); an exporter further behind
   * reads the table, and a reader of typed values (the projection) then parses every value again.
   * About half a second of records at the engine's saturation: the projection lets a page gather
   * for a quarter of a second under such a load and was often further behind than 32,000 records
   * (at 110,000 records a second its thread then took 0.11-0.15 cores, with 64,000 0.05-0.06, and
   * the reads back cost the database 0.04 cores). More records live longer in the heap: on a slower
   * machine, before the projection copied its rows, the ten-step benchmark's collections took
   * 0.23-0.25 cores with 64,000 against 0.10 with 32,000; on a faster one they did not grow.
   */
  public static final int RECENT_RECORDS = 64_000;

  /**
   * The smallest batch written with {@code COPY}; a smaller one goes as one {@code INSERT ...
   * SELECT FROM unnest(arrays)}, which takes one round trip where {@code COPY} takes two (the
   * server's answer to the {@code COPY} statement, then its end), and so commits the small batches
   * of a light load sooner.
   */
  static final int COPY_FROM = 100;

  /** How long a compaction waits for the log's tables before it tries again later. */
  private static final String COMPACTION_LOCK_TIMEOUT = "200ms";

  private static final int COMPACTION_LOCK_ATTEMPTS = 25;

  /** A partition's range as PostgreSQL prints it: {@code FOR VALUES FROM ('1') TO ('11')}. */
  private static final Pattern BOUNDS =
      Pattern.compile(
          "FOR VALUES FROM \\('?([-0-9]+|MINVALUE)'?\\) TO \\('?([-0-9]+|MAXVALUE)'?\\)");

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
  private static final String CHECK_VIOLATION = "23514";
  private static final String LOCK_NOT_AVAILABLE = "55P03";

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

  /**
   * A segment of the log: table {@code table} holds the positions from {@code from} below {@code
   * to}.
   */
  record Segment(String table, long from, long to) {}

  private final ConnectionSource connections;
  private final String schema;
  private final long segmentRecords;
  private final String recordTable;
  private final String archiveTable;
  private final String exporterTable;
  private final String copySql;
  private final String insertSql;
  private final String readSql;
  private final String lastPositionSql;
  private final SnapshotStore snapshots;

  private final Object writeLock = new Object();
  private Connection writer;
  private PreparedStatement insert;

  /** Highest position known to be in the log; -1 until looked up. Guarded by writeLock. */
  private long lastAppended = -1;

  /**
   * The first positions of the segments of {@code record} this writer knows to exist, and the end
   * of the highest segment of either table; null until looked up. Guarded by writeLock.
   */
  private java.util.NavigableMap<Long, Long> writerSegments;

  private long segmentsEnd;

  private final CommitTimes commitTimes = new CommitTimes();

  /** The newest committed batches, which the exporters read from memory ({@link #keepRecent}). */
  private volatile RecentBatches recent = new RecentBatches(0);

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
    this(dataSource, schema, DEFAULT_SEGMENT_RECORDS);
  }

  /** A log in {@code schema} whose segments span {@code segmentRecords} positions each. */
  public RecordLog(DataSource dataSource, String schema, long segmentRecords) {
    this(Objects.requireNonNull(dataSource, "dataSource")::getConnection, schema, segmentRecords);
  }

  /** A log in schema {@value #DEFAULT_SCHEMA} of the database at the JDBC URL. */
  public RecordLog(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, DEFAULT_SCHEMA);
  }

  /** A log in {@code schema} of the database at the JDBC URL (a {@code jdbc:postgresql:} URL). */
  public RecordLog(String jdbcUrl, String user, String password, String schema) {
    this(jdbcUrl, user, password, schema, DEFAULT_SEGMENT_RECORDS);
  }

  /** A log in {@code schema} whose segments span {@code segmentRecords} positions each. */
  public RecordLog(
      String jdbcUrl, String user, String password, String schema, long segmentRecords) {
    this(urlSource(jdbcUrl, user, password), schema, segmentRecords);
  }

  private RecordLog(ConnectionSource connections, String schema, long segmentRecords) {
    if (segmentRecords < 2) {
      throw new IllegalArgumentException("a segment spans at least 2 positions: " + segmentRecords);
    }
    this.connections = connections;
    this.segmentRecords = segmentRecords;
    this.schema = requireIdentifier(schema);
    this.recordTable = '"' + this.schema + "\".record";
    this.archiveTable = '"' + this.schema + "\".record_archive";
    this.exporterTable = '"' + this.schema + "\".exporter_position";
    // A position in an archived segment has no segment of the table to go to: PostgreSQL refuses
    // it, so a second writer that missed later appends cannot write below the archive either.
    this.copySql = "COPY " + recordTable + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    this.insertSql =
        "INSERT INTO "
            + recordTable
            + " ("
            + COLUMNS
            + ") SELECT p, s, k, t, rt, vt, i, rjt, rjr, bv, "
            + VALUE_ONLY
            + ", d FROM unnest(?::int8[], ?::int8[],"
            + " ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::bytea[]) AS r(p, s, k, t, rt, vt, i, rjt, rjr, bv, d)";
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

  /**
   * Creates the schema and its tables if they are absent, and turns plain record tables of an older
   * layout into segments (see the class comment); safe to call on every start.
   */
  public void migrate() {
    String q = '"' + schema + '"';
    synchronized (sideLock) {
      Connection c = side();
      try {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + q);
          // one migration at a time, whichever process runs it
          try (PreparedStatement lock =
              c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "suoke-record-log:" + schema);
            lock.executeQuery().close();
          }
          long archivedUpTo = migrateTable(c, s, "record_archive", Long.MIN_VALUE);
          migrateTable(c, s, "record", archivedUpTo + 1);
          s.execute(
              "COMMENT ON TABLE "
                  + recordTable
                  + " IS 'Append-only log of the workflow engine, partitioned by position into"
                  + " segments record_<first position>. data: the record''s value as UTF-8 JSON"
                  + " (data_format 2), or the whole Zeebe-shaped record (data_format 1, older rows);"
                  + " the columns hold the rest. timestamp: epoch milliseconds. Segments up to a"
                  + " position may have been moved to record_archive.'");
          s.execute(
              "COMMENT ON TABLE "
                  + archiveTable
                  + " IS 'The older segments of the workflow engine''s log, moved out of record by"
                  + " compaction; the same columns. The log is the union of both: every position is"
                  + " in exactly one.'");
          s.execute(
              "CREATE TABLE IF NOT EXISTS "
                  + exporterTable
                  + " ("
                  + "exporter_id TEXT PRIMARY KEY,"
                  + " position BIGINT NOT NULL,"
                  + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
          for (String sql : snapshots.ddl()) {
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
    synchronized (writeLock) {
      writerSegments = null;
    }
  }

  /**
   * Creates the partitioned table {@code name} ({@code record} or {@code record_archive}), or makes
   * a plain one of the older layout its segment from position {@code from} ({@link Long#MIN_VALUE}
   * for no lower bound); a plain one with nothing from there on is dropped. Returns the table's
   * highest position.
   */
  private long migrateTable(Connection c, Statement s, String name, long from) throws SQLException {
    String table = qualified(name);
    String kind = relationKind(c, name);
    if ("p".equals(kind)) {
      return highestPosition(s, table);
    }
    if (kind == null) {
      s.execute(createRecordTable(table) + " PARTITION BY RANGE (position)");
      return 0;
    }
    for (String sql : addEnvelopeColumns(table)) {
      s.execute(sql);
    }
    long highest = highestPosition(s, table);
    String segment = segmentName(from == Long.MIN_VALUE ? 0 : from);
    s.execute("ALTER TABLE " + table + " RENAME TO " + segment);
    s.execute("ALTER INDEX " + qualified(name + "_pkey") + " RENAME TO " + segment + "_pkey");
    s.execute(createRecordTable(table) + " PARTITION BY RANGE (position)");
    if (highest < Math.max(from, 1)) {
      // nothing in its range: an empty table is no segment
      s.execute("DROP TABLE " + qualified(segment));
      return highest;
    }
    s.execute(
        "ALTER TABLE "
            + table
            + " ATTACH PARTITION "
            + qualified(segment)
            + " FOR VALUES FROM ("
            + (from == Long.MIN_VALUE ? "MINVALUE" : from)
            + ") TO ("
            + (highest + 1)
            + ")");
    log.info(
        "record log: the rows of {} up to position {} are now segment {}", table, highest, segment);
    return highest;
  }

  /** {@code r} for a plain table, {@code p} for a partitioned one, null if absent. */
  private String relationKind(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static long highestPosition(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(position), 0) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The name of the segment whose first position is {@code from}. */
  static String segmentName(long from) {
    return "record_" + from;
  }

  private String qualified(String table) {
    return '"' + schema + "\"." + table;
  }

  /** How many positions a segment spans. */
  public long segmentRecords() {
    return segmentRecords;
  }

  /**
   * The segments of {@code record} or {@code record_archive} (by table name), in position order.
   */
  List<Segment> segments(String parent) {
    return onSide("list the segments of " + parent, c -> segments(c, parent));
  }

  private List<Segment> segments(Connection c, String parent) throws SQLException {
    List<Segment> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent"
                + " JOIN pg_namespace n ON n.oid = p.relnamespace"
                + " WHERE n.nspname = ? AND p.relname = ?")) {
      ps.setString(1, schema);
      ps.setString(2, parent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.util.regex.Matcher m = BOUNDS.matcher(rs.getString(2));
          if (!m.find()) {
            throw new SQLException(
                "segment " + rs.getString(1) + " has no range: " + rs.getString(2));
          }
          out.add(new Segment(rs.getString(1), bound(m.group(1)), bound(m.group(2))));
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(Segment::from));
    return out;
  }

  private static long bound(String text) {
    return switch (text) {
      case "MINVALUE" -> Long.MIN_VALUE;
      case "MAXVALUE" -> Long.MAX_VALUE;
      default -> Long.parseLong(text);
    };
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
      byte[][] data = new byte[n][];
      for (int i = 0; i < n; i++) {
        Record r = batch.get(i);
        positions[i] = r.position();
        sources[i] = r.sourceRecordPosition();
        keys[i] = r.key();
        timestamps[i] = r.timestamp();
        recordTypes[i] = Objects.requireNonNull(r.recordType(), "recordType").name();
        valueTypes[i] = Objects.requireNonNull(r.valueType(), "valueType").name();
        intents[i] = r.intent().name();
        if (r.rejectionType() != null && r.rejectionType() != RejectionType.NULL_VAL) {
          rejectionTypes[i] = r.rejectionType().name();
        }
        if (r.rejectionReason() != null && !r.rejectionReason().isEmpty()) {
          rejectionReasons[i] = r.rejectionReason();
        }
        brokerVersions[i] = r.brokerVersion();
        data[i] = RecordJson.valueToBytes(r);
      }
      LogRows rows =
          new LogRows(
              positions,
              sources,
              keys,
              timestamps,
              recordTypes,
              valueTypes,
              intents,
              rejectionTypes,
              rejectionReasons,
              brokerVersions,
              data);
      ensureSegments(positions);
      try {
        // One statement in its own transaction: it commits as it ends.
        long inserted =
            n >= COPY_FROM ? copy(c, CopyRows.encode(rows, VALUE_ONLY)) : insert(c, rows);
        if (inserted != n) {
          throw new SQLException("inserted " + inserted + " rows for a batch of " + n);
        }
        recent.committed(new RecentBatches.Batch(last, rows, batch));
        commitTimes.committed(batch.get(0).position(), previous, System.nanoTime());
        lastAppended = previous;
      } catch (SQLException e) {
        // Whatever went wrong (a clash, a lost connection, a commit whose outcome is unknown),
        // start afresh: a new connection, and the last position looked up again.
        // The batch may be in the log or not: readers go to the table until the next append.
        recent.clear();
        discardWriter();
        String what =
            UNIQUE_VIOLATION.equals(e.getSQLState())
                ? "a position of the batch is already in the log"
                : CHECK_VIOLATION.equals(e.getSQLState())
                    ? "a position of the batch is already in the log, at or below the highest"
                        + " archived position"
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

  /**
   * Creates the segments of {@code record} that the positions fall in, and the one half a segment
   * above the last of them, unless they exist; on the side connection, each in a transaction of its
   * own, committed before the batch is written. A position below the end of the highest segment
   * that no segment of the table holds (an archived one) is left to the insert, which PostgreSQL
   * then refuses. Called with the write lock held.
   */
  private void ensureSegments(long[] positions) {
    if (writerSegments == null) {
      onSide(
          "look up the log's segments",
          c -> {
            java.util.NavigableMap<Long, Long> known = new java.util.TreeMap<>();
            long end = 1;
            for (Segment seg : segments(c, "record")) {
              known.put(seg.from(), seg.to());
              end = Math.max(end, seg.to());
            }
            for (Segment seg : segments(c, "record_archive")) {
              end = Math.max(end, seg.to());
            }
            writerSegments = known;
            segmentsEnd = end;
            return null;
          });
    }
    long last = positions[positions.length - 1];
    long coveredTo = Long.MIN_VALUE;
    for (long position : positions) {
      if (position < coveredTo) {
        continue;
      }
      coveredTo = ensureSegment(position);
    }
    ensureSegment(last + segmentRecords / 2);
  }

  /** Ensures the segment of the position where it is the writer's to make; the end of its range. */
  private long ensureSegment(long position) {
    java.util.Map.Entry<Long, Long> below = writerSegments.floorEntry(position);
    if (below != null && position < below.getValue()) {
      return below.getValue();
    }
    if (position < segmentsEnd) {
      return position + 1; // archived, or a gap the log passed: not the writer's to fill
    }
    long from = segmentsEnd + (position - segmentsEnd) / segmentRecords * segmentRecords;
    long to = from + segmentRecords;
    String table = segmentName(from);
    onSide(
        "create segment " + table + " of the log",
        c -> {
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            // made already (by a call whose outcome was lost, or by another process)?
            String parent = null;
            boolean exists;
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT to_regclass(?) IS NOT NULL,"
                        + " (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                        + " WHERE i.inhrelid = to_regclass(?))")) {
              ps.setString(1, qualified(table));
              ps.setString(2, qualified(table));
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                exists = rs.getBoolean(1);
                parent = rs.getString(2);
              }
            }
            if (!exists) {
              s.execute(
                  "CREATE TABLE "
                      + qualified(table)
                      + " (LIKE "
                      + recordTable
                      + " INCLUDING DEFAULTS, CONSTRAINT "
                      + table
                      + "_range CHECK (position >= "
                      + from
                      + " AND position < "
                      + to
                      + "))");
            }
            if (parent == null) {
              // a share update exclusive lock on the log: appends and reads go on
              s.execute(
                  "ALTER TABLE "
                      + recordTable
                      + " ATTACH PARTITION "
                      + qualified(table)
                      + " FOR VALUES FROM ("
                      + from
                      + ") TO ("
                      + to
                      + ")");
            }
            c.commit();
          } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
          return null;
        });
    writerSegments.put(from, to);
    segmentsEnd = to;
    log.debug("record log segment {} created for positions {} to {}", table, from, to - 1);
    return to;
  }

  private PreparedStatement insertStatement(Connection c) throws SQLException {
    if (insert == null) {
      insert = c.prepareStatement(insertSql);
    }
    return insert;
  }

  /** Inserts the rows with one statement, one round trip; the number of rows PostgreSQL took. */
  private long insert(Connection c, LogRows rows) throws SQLException {
    PreparedStatement insert = insertStatement(c);
    insert.setObject(1, rows.positions());
    insert.setObject(2, rows.sources());
    insert.setObject(3, rows.keys());
    insert.setObject(4, rows.timestamps());
    insert.setArray(5, c.createArrayOf("text", rows.recordTypes()));
    insert.setArray(6, c.createArrayOf("text", rows.valueTypes()));
    insert.setArray(7, c.createArrayOf("text", rows.intents()));
    insert.setArray(8, c.createArrayOf("text", rows.rejectionTypes()));
    insert.setArray(9, c.createArrayOf("text", rows.rejectionReasons()));
    insert.setArray(10, c.createArrayOf("text", rows.brokerVersions()));
    insert.setArray(11, c.createArrayOf("bytea", rows.data()));
    return insert.executeUpdate();
  }

  /** Streams the rows (binary COPY format) into the log; the number of rows PostgreSQL took. */
  private long copy(Connection c, byte[] rows) throws SQLException {
    return BinaryCopy.copyIn(c, copySql, rows);
  }

  private long lastAppended() {
    if (lastAppended < 0) {
      Connection c = writer();
      try {
        lastAppended = queryLastPosition(c);
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
        // Each batch is one INSERT, committed by itself (autocommit): no separate COMMIT trip.
        Connection c = open();
        c.setAutoCommit(true);
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
    writerSegments = null;
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
   * archived or not. With {@link #keepRecent}, records among the newest this log appended come from
   * memory, decoded from the bytes written (the exporters follow the log closely); older ones from
   * the tables.
   */
  public List<Record> read(long fromPositionExclusive, int maxRecords) {
    return read(fromPositionExclusive, maxRecords, false);
  }

  /**
   * As {@link #read}, but records among the newest this log appended are the very records the
   * engine wrote ({@link LogStorage#readWritten}).
   */
  @Override
  public List<Record> readWritten(long fromPositionExclusive, int maxRecords) {
    return read(fromPositionExclusive, maxRecords, true);
  }

  private List<Record> read(long fromPositionExclusive, int maxRecords, boolean written) {
    if (maxRecords <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    ensureOpen();
    List<Record> recentPage =
        written
            ? recent.readWritten(fromPositionExclusive, maxRecords)
            : recent.read(fromPositionExclusive, maxRecords);
    if (recentPage != null) {
      return recentPage;
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

  /**
   * The records at positions {@code fromInclusive..toInclusive}, archived or not, in position
   * order, read through the caller's connection from the log in {@code schema}: for readers outside
   * the engine that check what the log holds (the audit verifier recomputes its seals from them).
   */
  public static List<Record> readRange(
      Connection c, String schema, long fromInclusive, long toInclusive) throws SQLException {
    requireIdentifier(schema);
    String where = " WHERE position BETWEEN ? AND ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM (SELECT "
                + COLUMNS
                + " FROM \""
                + schema
                + "\".record_archive"
                + where
                + " UNION ALL SELECT "
                + COLUMNS
                + " FROM \""
                + schema
                + "\".record"
                + where
                + ") log ORDER BY position")) {
      binaryResults(ps);
      ps.setLong(1, fromInclusive);
      ps.setLong(2, toInclusive);
      ps.setLong(3, fromInclusive);
      ps.setLong(4, toInclusive);
      List<Record> records = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          records.add(fromRow(rs));
        }
      }
      return records;
    }
  }

  /**
   * Lets {@link #read} answer from memory for the newest {@code records} records this log appends
   * (0: never). Only for the log's single writer, the engine: a read answered from memory does not
   * see records that another {@code RecordLog} appended to the same schema.
   */
  public void keepRecent(int records) {
    recent = new RecentBatches(records);
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
   * Moves every segment of {@code record} that lies wholly at or below {@code upToInclusive} to
   * {@code record_archive}, lowest first, each in a transaction of its own on a connection of its
   * own: the segment is detached from the one and attached to the other, nothing is copied. The
   * detach needs the log to itself for a moment (reads and appends under way finish, the next ones
   * wait the milliseconds the detach and attach take); if it cannot have it within {@value
   * #COMPACTION_LOCK_TIMEOUT}, it gives way and tries again a little later. A segment is at every
   * moment in exactly one of the two tables, so reads see every record once, and a compaction cut
   * short (killed, failed, interrupted between two segments) is simply continued by the next. A
   * bound below the first segment's end moves nothing. May be called from any thread; calls on one
   * log run one after the other.
   *
   * @return how many records this call moved
   * @throws RecordLogException if a segment could not be moved (the segments before it stay moved)
   */
  public long compact(long upToInclusive) {
    synchronized (compactLock) {
      ensureOpen();
      long moved = 0;
      try (Connection c = open()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("SET lock_timeout = '" + COMPACTION_LOCK_TIMEOUT + "'");
          List<Segment> segments = segments(c, "record");
          c.commit();
          for (Segment segment : segments) {
            if (segment.to() - 1 > upToInclusive || Thread.currentThread().isInterrupted()) {
              break;
            }
            moved += moveToArchive(c, s, segment);
          }
        } finally {
          rollbackQuietly(c);
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (moved > 0) {
        log.debug("record log compaction moved {} records up to position {}", moved, upToInclusive);
      }
      return moved;
    }
  }

  /** Moves one segment in one transaction, waiting its turn for the log; its record count. */
  private long moveToArchive(Connection c, Statement s, Segment segment)
      throws SQLException, InterruptedException {
    String table = qualified(segment.table());
    // counted first, without holding anything up: a segment this old no longer changes
    long records;
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      records = rs.getLong(1);
    }
    c.commit();
    for (int attempt = 1; ; attempt++) {
      try {
        // The log first, as readers take it before its segments (the other way round, a reader
        // holding the log and waiting for the segment would wait for this transaction, which waits
        // for it): reads and appends under way finish, the next ones wait the milliseconds the
        // detach and attach take. ONLY: the detach locks the one segment it moves, not all of them.
        s.execute("LOCK TABLE ONLY " + recordTable + " IN ACCESS EXCLUSIVE MODE");
        s.execute("ALTER TABLE " + recordTable + " DETACH PARTITION " + table);
        // the segment's check constraint proves the range: no scan
        s.execute(
            "ALTER TABLE "
                + archiveTable
                + " ATTACH PARTITION "
                + table
                + " FOR VALUES FROM ("
                + segment.from()
                + ") TO ("
                + segment.to()
                + ")");
        c.commit();
        return records;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt >= COMPACTION_LOCK_ATTEMPTS) {
          throw e;
        }
        Thread.sleep(20L * attempt);
      }
    }
  }

  /** The highest position in {@code record_archive}, 0 if nothing was archived. */
  public long archivedUpTo() {
    return onSide(
        "read the highest archived position",
        c -> {
          try (Statement s = c.createStatement()) {
            return highestPosition(s, archiveTable);
          }
        });
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
          // The commit does not wait for the WAL flush: a position lost in a crash only means
          // that the exporter gets some records again (at-least-once), and what the exporter
          // wrote to this database before the acknowledgement is earlier in the WAL, so never
          // lost while the acknowledgement is kept.
          c.setAutoCommit(false);
          try (Statement s = c.createStatement();
              PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + exporterTable
                          + " AS e (exporter_id, position) VALUES (?, ?)"
                          + " ON CONFLICT (exporter_id) DO UPDATE SET position = EXCLUDED.position, updated_at = now()"
                          + " WHERE e.position < EXCLUDED.position")) {
            s.execute("SET LOCAL synchronous_commit TO OFF");
            ps.setString(1, exporterId);
            ps.setLong(2, position);
            ps.executeUpdate();
            c.commit();
            return null;
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
          } finally {
            c.setAutoCommit(true);
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
    recent.clear();
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

package life.suoke.ops.engine.log;

import static life.suoke.ops.engine.log.RecordLogTest.record;
import static life.suoke.ops.engine.log.RecordLogTest.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import life.suoke.ops.engine.record.Record;
import org.junit.jupiter.api.Test;

/**
 * Moving the log's segments to {@code record_archive}, and reading the log across both. The
 * segments here span 10 positions: 1-10, 11-20, ...
 */
class RecordLogCompactionTest extends RecordLogTestSupport {

  @Override
  String schemaPrefix() {
    return "compaction";
  }

  @Override
  long segmentRecords() {
    return 10;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(statement.replace("$schema", schema));
    }
  }

  private List<Long> positionsIn(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT position FROM " + schema + "." + table + " ORDER BY position")) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    }
  }

  private static List<Long> range(long from, long toInclusive) {
    return LongStream.rangeClosed(from, toInclusive).boxed().toList();
  }

  /** Every position of both tables, each once, in order; fails on a position found twice. */
  private List<Long> wholeLog() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT position, count(*) FROM (SELECT position FROM "
                    + schema
                    + ".record_archive UNION ALL SELECT position FROM "
                    + schema
                    + ".record) t GROUP BY position ORDER BY position")) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        assertThat(rs.getLong(2)).as("copies of position %d", rs.getLong(1)).isEqualTo(1);
        out.add(rs.getLong(1));
      }
      return out;
    }
  }

  private List<Record> replayAll(RecordLog l, long from) {
    List<Record> out = new ArrayList<>();
    l.replay(from, out::add);
    return out;
  }

  private void appendInBatches(RecordLog l, long from, long toInclusive, int batch) {
    for (long p = from; p <= toInclusive; p += batch) {
      l.append(records(p, Math.min(p + batch - 1, toInclusive)));
    }
  }

  @Test
  void movesExactlyTheRecordsUpToTheBoundAndReadsStillSeeTheWholeLog() throws SQLException {
    appendInBatches(log, 1, 100, 7);

    assertThat(log.compact(40)).isEqualTo(40);

    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 40));
    assertThat(positionsIn("record")).isEqualTo(range(41, 100));
    assertThat(log.archivedUpTo()).isEqualTo(40);
    assertThat(log.lastPosition()).isEqualTo(100);
    // every field comes back from the archive as it went in
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(records(1, 100));
    assertThat(log.read(0, 1000)).containsExactlyElementsOf(records(1, 100));
    // pages inside the archive, across the boundary, and in the table
    assertThat(log.read(0, 25)).containsExactlyElementsOf(records(1, 25));
    assertThat(log.read(30, 20)).containsExactlyElementsOf(records(31, 50));
    assertThat(log.read(40, 5)).containsExactlyElementsOf(records(41, 45));
    assertThat(log.read(99, 5)).containsExactly(record(100));
    assertThat(log.read(100, 5)).isEmpty();
    assertThat(replayAll(log, 35)).containsExactlyElementsOf(records(36, 100));
    assertThat(replayAll(log, 70)).containsExactlyElementsOf(records(71, 100));
    // a reader outside the engine reads ranges the same way, through its own connection
    try (Connection c = connect()) {
      assertThat(RecordLog.readRange(c, schema, 35, 45)).containsExactlyElementsOf(records(35, 45));
      assertThat(RecordLog.readRange(c, schema, 1, 40)).containsExactlyElementsOf(records(1, 40));
      assertThat(RecordLog.readRange(c, schema, 100, 200)).containsExactly(record(100));
      assertThat(RecordLog.readRange(c, schema, 101, 200)).isEmpty();
    }
  }

  @Test
  void theArchiveHasTheColumnsAndPrimaryKeyOfTheTable() throws SQLException {
    String columns =
        "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', '"
            + " ORDER BY ordinal_position) FROM information_schema.columns"
            + " WHERE table_schema = '$schema' AND table_name = '%s'";
    String key =
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
            + " WHERE i.indrelid = '$schema.%s'::regclass AND i.indisprimary";
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      List<String> recordTable = new ArrayList<>();
      List<String> archiveTable = new ArrayList<>();
      for (String query : List.of(columns, key)) {
        for (String table : List.of("record", "record_archive")) {
          try (ResultSet rs =
              s.executeQuery(String.format(query.replace("$schema", schema), table))) {
            assertThat(rs.next()).isTrue();
            (table.equals("record") ? recordTable : archiveTable)
                .add(rs.getString(1).replace("record_archive", "record"));
          }
        }
      }
      assertThat(recordTable.get(0)).startsWith("position bigint NO, source_record_position");
      assertThat(recordTable.get(1)).contains("UNIQUE INDEX").endsWith("(\"position\")");
      assertThat(archiveTable).isEqualTo(recordTable);
    }
  }

  @Test
  void compactingAgainToTheSameOrALowerBoundMovesNothingAndOnlyWholeSegmentsMove()
      throws SQLException {
    log.append(records(1, 60));

    assertThat(log.compact(40)).isEqualTo(40);
    assertThat(log.compact(40)).isZero();
    assertThat(log.compact(25)).isZero();
    assertThat(log.compact(0)).isZero();
    assertThat(log.compact(-5)).isZero();
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 40));
    assertThat(positionsIn("record")).isEqualTo(range(41, 60));

    // 41-50 is one segment: it moves once the bound passes its end
    assertThat(log.compact(45)).isZero();
    assertThat(log.compact(50)).isEqualTo(10);
    assertThat(log.compact(50)).isZero();
    assertThat(positionsIn("record")).isEqualTo(range(51, 60));
    assertThat(wholeLog()).isEqualTo(range(1, 60));
  }

  @Test
  void segmentsFollowThePositionsWhateverTheGapsBetweenThem() throws SQLException {
    log.append(records(1, 3));
    log.append(records(7, 9));
    log.append(records(100, 120));
    log.append(records(5000, 5001));

    // the segments the positions fall in, and the one half a segment above the last of them; none
    // for the gaps
    assertThat(log.segments("record"))
        .extracting(RecordLog.Segment::from, RecordLog.Segment::to)
        .containsExactly(
            tuple(1L, 11L),
            tuple(11L, 21L),
            tuple(91L, 101L),
            tuple(101L, 111L),
            tuple(111L, 121L),
            tuple(121L, 131L),
            tuple(4991L, 5001L),
            tuple(5001L, 5011L));
    assertThat(log.segments("record"))
        .extracting(RecordLog.Segment::table)
        .startsWith("record_1", "record_11", "record_91");

    // segments 1-10, 11-20, 91-100 and 101-110 lie at or below 110
    assertThat(log.compact(110)).isEqualTo(6 + 11);

    assertThat(positionsIn("record_archive"))
        .isEqualTo(
            LongStream.concat(
                    LongStream.concat(LongStream.rangeClosed(1, 3), LongStream.rangeClosed(7, 9)),
                    LongStream.rangeClosed(100, 110))
                .boxed()
                .toList());
    assertThat(positionsIn("record"))
        .containsExactly(111L, 112L, 113L, 114L, 115L, 116L, 117L, 118L, 119L, 120L, 5000L, 5001L);
    assertThat(log.segments("record_archive"))
        .extracting(RecordLog.Segment::from)
        .containsExactly(1L, 11L, 91L, 101L);
    assertThat(log.read(8, 3)).extracting(Record::position).containsExactly(9L, 100L, 101L);
    assertThat(log.compact(1_000_000)).isEqualTo(12);
    assertThat(positionsIn("record")).isEmpty();
    assertThat(log.segments("record")).isEmpty();
  }

  @Test
  void theLastPositionStaysWhenTheTableIsEmptied() throws SQLException {
    appendInBatches(log, 1, 50, 10);

    assertThat(log.compact(50)).isEqualTo(50);

    assertThat(positionsIn("record")).isEmpty();
    assertThat(log.lastPosition()).isEqualTo(50);
    assertThat(log.archivedUpTo()).isEqualTo(50);
    assertThat(log.read(50, 10)).isEmpty();
    assertThat(log.read(0, 100)).containsExactlyElementsOf(records(1, 50));
    // a log opened afresh looks the last position up in both tables
    RecordLog reopened = open();
    assertThat(reopened.lastPosition()).isEqualTo(50);
    assertThatThrownBy(() -> reopened.append(records(50, 51)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last position 50");
    reopened.append(records(51, 52));
    assertThat(reopened.lastPosition()).isEqualTo(52);
    assertThat(reopened.read(49, 10)).containsExactlyElementsOf(records(50, 52));
    // a bound above the last position moves what there is
    assertThat(reopened.compact(1000)).isEqualTo(2);
    assertThat(reopened.lastPosition()).isEqualTo(52);
    assertThat(replayAll(reopened, 0)).containsExactlyElementsOf(records(1, 52));
  }

  @Test
  void refusesToAppendAtOrBelowAnArchivedPosition() throws SQLException {
    log.append(records(1, 10));
    RecordLog stale = open();
    stale.append(records(11, 11)); // knows 11 as its last position from now on
    log.append(records(12, 20));
    assertThat(log.compact(20)).isEqualTo(20);

    // this writer knows better itself
    assertThatThrownBy(() -> log.append(records(15, 15)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.append(records(3, 3)))
        .isInstanceOf(IllegalArgumentException.class);
    // a writer that does not know of later appends is stopped by PostgreSQL: the positions are
    // archived, so the table has no segment for them
    assertThatThrownBy(() -> stale.append(records(12, 13)))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("already in the log")
        .hasMessageContaining("highest archived position");
    assertThat(wholeLog()).isEqualTo(range(1, 20));
    // ... and it carries on after looking the last position up again
    stale.append(records(21, 21));
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(records(1, 21));
  }

  /** The tables of the layout before segments, in a schema of their own: plain tables. */
  private String olderLayout(long archivedUpTo, long lastPosition) throws SQLException {
    String older = schema + "_older";
    String columns =
        " (position BIGINT PRIMARY KEY, source_record_position BIGINT NOT NULL, key BIGINT NOT NULL,"
            + " timestamp BIGINT NOT NULL, record_type TEXT NOT NULL, value_type TEXT NOT NULL,"
            + " intent TEXT, data BYTEA NOT NULL)";
    sql("CREATE SCHEMA " + older);
    sql("CREATE TABLE " + older + ".record" + columns);
    sql("CREATE TABLE " + older + ".record_archive" + columns);
    sql(
        "CREATE TABLE "
            + older
            + ".exporter_position (exporter_id TEXT PRIMARY KEY, position BIGINT NOT NULL,"
            + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    sql("INSERT INTO " + older + ".exporter_position (exporter_id, position) VALUES ('search', 4)");
    try (Connection c = connect()) {
      for (long p = 1; p <= lastPosition; p++) {
        Record r = record(p);
        String table = p <= archivedUpTo ? "record_archive" : "record";
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO " + older + "." + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          insert.setLong(1, r.position());
          insert.setLong(2, r.sourceRecordPosition());
          insert.setLong(3, r.key());
          insert.setLong(4, r.timestamp());
          insert.setString(5, r.recordType().name());
          insert.setString(6, r.valueType().name());
          insert.setString(7, r.intent().name());
          // the whole record's JSON, as rows were written then
          insert.setBytes(8, RecordJson.toBytes(r));
          insert.executeUpdate();
        }
      }
    }
    return older;
  }

  /** A log on the schema, segments of 10, after its migration. */
  private RecordLog migrated(String schemaName) {
    RecordLog l = open(schemaName, 10);
    l.migrate();
    return l;
  }

  @Test
  void aPlainRecordTableOfTheOlderLayoutBecomesASegmentOnMigrate() throws SQLException {
    String older = olderLayout(0, 10);

    RecordLog upgraded = migrated(older);

    assertThat(upgraded.segments("record"))
        .containsExactly(new RecordLog.Segment("record_1", 1, 11));
    assertThat(upgraded.segments("record_archive")).isEmpty();
    assertThat(upgraded.lastPosition()).isEqualTo(10);
    assertThat(upgraded.exporterPosition("search")).isEqualTo(4);
    assertThat(upgraded.archivedUpTo()).isZero();
    assertThat(upgraded.read(0, 100)).containsExactlyElementsOf(records(1, 10));
    assertThat(upgraded.snapshots()).isEmpty();
    assertThat(upgraded.compact(5)).isZero();
    assertThat(upgraded.compact(10)).isEqualTo(10);
    upgraded.append(records(11, 12));
    upgraded.migrate(); // and again: nothing changes
    RecordLog again = migrated(older);
    assertThat(again.segments("record")).extracting(RecordLog.Segment::from).containsExactly(11L);
    assertThat(again.read(0, 100)).containsExactlyElementsOf(records(1, 12));
  }

  @Test
  void aPlainArchiveAndTableOfTheOlderLayoutBecomeSegmentsOnMigrate() throws SQLException {
    String older = olderLayout(4, 10);

    RecordLog upgraded = migrated(older);

    assertThat(upgraded.segments("record_archive"))
        .containsExactly(new RecordLog.Segment("record_0", Long.MIN_VALUE, 5));
    assertThat(upgraded.segments("record"))
        .containsExactly(new RecordLog.Segment("record_5", 5, 11));
    assertThat(upgraded.archivedUpTo()).isEqualTo(4);
    assertThat(upgraded.lastPosition()).isEqualTo(10);
    assertThat(replayAll(upgraded, 0)).containsExactlyElementsOf(records(1, 10));
    // the next segment starts where the old table's range ends
    upgraded.append(records(11, 11));
    assertThat(upgraded.segments("record"))
        .extracting(RecordLog.Segment::from, RecordLog.Segment::to)
        .containsExactly(tuple(5L, 11L), tuple(11L, 21L));
    assertThat(upgraded.compact(11)).isEqualTo(6);
    assertThat(upgraded.read(3, 100)).containsExactlyElementsOf(records(4, 11));
  }

  @Test
  void anEmptyPlainTableOfTheOlderLayoutIsNoSegment() throws SQLException {
    String older = olderLayout(6, 6);

    RecordLog upgraded = migrated(older);

    assertThat(upgraded.segments("record")).isEmpty();
    assertThat(upgraded.lastPosition()).isEqualTo(6);
    upgraded.append(records(7, 8));
    assertThat(upgraded.segments("record"))
        .extracting(RecordLog.Segment::from, RecordLog.Segment::to)
        .containsExactly(tuple(7L, 17L));
    assertThat(upgraded.read(0, 100)).containsExactlyElementsOf(records(1, 8));
  }

  @Test
  void readersSeeEveryRecordOnceWhileACompactionAndAppendsRun() throws Exception {
    // segments of 100 positions here: 60 of them
    schema = schema + "_wide";
    log = open(schema, 100);
    log.migrate();
    int initial = 3000;
    int appended = 3000;
    appendInBatches(log, 1, initial, 500);
    RecordLog pagingReader = open();
    RecordLog replayingReader = open();
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger passes = new AtomicInteger();

    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (long p = initial + 1; p <= initial + appended; p += 50) {
                log.append(records(p, p + 49));
              }
            });
    CompletableFuture<Long> compaction =
        CompletableFuture.supplyAsync(
            () -> {
              long moved = 0;
              // chase the writer in small chunks, a bound at a time
              for (long bound = 100; bound <= initial + appended; bound += 250) {
                while (log.lastPosition() < bound) {
                  sleep(1);
                }
                moved += log.compact(bound); // the same log the writer appends to
              }
              return moved;
            });
    CompletableFuture<Void> pager =
        CompletableFuture.runAsync(
            () -> {
              RecordLog reader = pagingReader;
              while (!done.get()) {
                long floor = reader.lastPosition();
                long last = 0;
                List<Record> page;
                do {
                  page = reader.read(last, 97);
                  for (Record r : page) {
                    if (r.position() != last + 1) {
                      problems.add("paging: position " + r.position() + " after " + last);
                    }
                    last = r.position();
                  }
                } while (!page.isEmpty());
                if (last < floor) {
                  problems.add("paging ended at " + last + ", below " + floor);
                }
                passes.incrementAndGet();
              }
            });
    CompletableFuture<Void> replayer =
        CompletableFuture.runAsync(
            () -> {
              RecordLog reader = replayingReader;
              while (!done.get()) {
                long floor = reader.lastPosition();
                long[] last = {0};
                reader.replay(
                    0,
                    r -> {
                      if (r.position() != last[0] + 1) {
                        problems.add("replay: position " + r.position() + " after " + last[0]);
                      }
                      last[0] = r.position();
                    });
                if (last[0] < floor) {
                  problems.add("replay ended at " + last[0] + ", below " + floor);
                }
              }
            });

    writer.get(60, TimeUnit.SECONDS);
    long moved = compaction.get(60, TimeUnit.SECONDS);
    int passesDuringCompaction = passes.get();
    done.set(true);
    pager.get(60, TimeUnit.SECONDS);
    replayer.get(60, TimeUnit.SECONDS);

    assertThat(problems).isEmpty();
    assertThat(passesDuringCompaction).isPositive();
    // the last bound is 5850: the segments up to 5800 moved
    assertThat(moved).isEqualTo(5800);
    assertThat(wholeLog()).isEqualTo(range(1, initial + appended));
    assertThat(positionsIn("record")).isEqualTo(range(5801, initial + appended));
  }

  @Test
  void aCompactionKilledWhileMovingASegmentLosesAndDuplicatesNothing() throws Exception {
    appendInBatches(log, 1, 100, 10);
    // a reader holds segment 51-60 in a transaction: the compaction waits for it after moving 50
    // (with the log locked, after its lock timeouts), and is killed while it waits
    try (Connection reader = connect()) {
      reader.setAutoCommit(false);
      try (Statement s = reader.createStatement()) {
        s.execute("LOCK TABLE " + schema + ".record_51 IN ACCESS SHARE MODE");
      }
      CompletableFuture<Long> compaction = CompletableFuture.supplyAsync(() -> log.compact(100));
      int waiting =
          StalledBackends.awaitBackend(
              db, "wait_event_type = 'Lock' AND query LIKE '%DETACH PARTITION%record_51%'");
      // meanwhile the writer appends and readers see the whole log
      log.append(records(101, 105));
      assertThat(log.read(0, 2000)).containsExactlyElementsOf(records(1, 105));
      StalledBackends.terminate(db, waiting);

      assertThatThrownBy(() -> compaction.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(RecordLog.RecordLogException.class)
          .hasMessageContaining("failed after moving 50 records");
      reader.rollback();
    }
    assertThat(wholeLog()).isEqualTo(range(1, 105));
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 50));
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(records(1, 105));

    assertThat(log.compact(100)).isEqualTo(50);
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 100));
    assertThat(wholeLog()).isEqualTo(range(1, 105));
  }

  @Test
  void aSegmentThatCannotBeMovedLeavesTheOnesBeforeItMovedAndItselfInPlace() throws Exception {
    appendInBatches(log, 1, 40, 10);
    // a table in the archive over position 25 keeps segment 21-30 from being attached there
    sql("CREATE TABLE $schema.intruder (LIKE $schema.record_archive)");
    sql(
        "ALTER TABLE $schema.record_archive ATTACH PARTITION $schema.intruder FOR VALUES FROM (25) TO (26)");

    assertThatThrownBy(() -> log.compact(40))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("failed after moving 20 records")
        .hasMessageContaining("overlap");

    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 20));
    assertThat(positionsIn("record")).isEqualTo(range(21, 40));
    assertThat(log.read(0, 100)).containsExactlyElementsOf(records(1, 40));
    sql("DROP TABLE $schema.intruder");
    assertThat(log.compact(40)).isEqualTo(20);
    assertThat(wholeLog()).isEqualTo(range(1, 40));
    assertThat(positionsIn("record")).isEmpty();
  }

  @Test
  void readsMergeBothPrimaryKeysWithoutSorting() throws SQLException {
    // segments of 1,000 positions here: 5 in the archive, 5 (and one made ahead) in the table
    String bigger = schema + "_bigger";
    RecordLog log = open(bigger, 1000);
    log.migrate();
    for (long p = 1; p <= 10_000; p += 2500) {
      log.append(records(p, p + 2499));
    }
    assertThat(log.compact(5000)).isEqualTo(5000);
    sql("ANALYZE " + bigger + ".record");
    sql("ANALYZE " + bigger + ".record_archive");
    String replay = log.readSql().replace("?", "$1");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("PREPARE page(bigint, int) AS " + replay + " LIMIT $2");
      s.execute("PREPARE whole(bigint) AS " + replay);
      for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
        s.execute("SET plan_cache_mode = " + mode);
        for (String execute :
            List.of("page(0, 1000)", "page(7500, 1000)", "whole(0)", "whole(7500)")) {
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE " + execute)) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
          assertThat(plan.toString())
              .as("%s, %s", execute, mode)
              .contains("Merge Append")
              .containsPattern("Index Scan using record_[0-9]+_pkey")
              .doesNotContainPattern("(?m)^\\s*(->\\s+)?Sort\\s+\\(");
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

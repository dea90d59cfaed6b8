package life.suoke.ops.engine.log;

import static life.suoke.ops.engine.log.RecordLogTest.record;
import static life.suoke.ops.engine.log.RecordLogTest.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
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

/** Moving the beginning of the log to {@code record_archive}, and reading the log across both. */
class RecordLogCompactionTest extends RecordLogTestSupport {

  @Override
  String schemaPrefix() {
    return "compaction";
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
  void compactingAgainToTheSameOrALowerBoundMovesNothing() throws SQLException {
    log.append(records(1, 60));

    assertThat(log.compact(40)).isEqualTo(40);
    assertThat(log.compact(40)).isZero();
    assertThat(log.compact(25)).isZero();
    assertThat(log.compact(0)).isZero();
    assertThat(log.compact(-5)).isZero();
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 40));
    assertThat(positionsIn("record")).isEqualTo(range(41, 60));

    assertThat(log.compact(45)).isEqualTo(5);
    assertThat(log.compact(45)).isZero();
    assertThat(wholeLog()).isEqualTo(range(1, 60));
    assertThatThrownBy(() -> log.compact(50, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void movesInChunksWhateverTheGapsBetweenPositions() throws SQLException {
    log.append(records(1, 3));
    log.append(records(7, 9));
    log.append(records(100, 120));
    log.append(records(5000, 5001));

    // chunks of 4 records: 1-7, 8-101, 102-105, 106-109, then 110 up to the bound
    assertThat(log.compact(110, 4)).isEqualTo(6 + 11);

    assertThat(positionsIn("record_archive"))
        .isEqualTo(
            LongStream.concat(
                    LongStream.concat(LongStream.rangeClosed(1, 3), LongStream.rangeClosed(7, 9)),
                    LongStream.rangeClosed(100, 110))
                .boxed()
                .toList());
    assertThat(positionsIn("record"))
        .containsExactly(111L, 112L, 113L, 114L, 115L, 116L, 117L, 118L, 119L, 120L, 5000L, 5001L);
    assertThat(log.read(8, 3)).extracting(Record::position).containsExactly(9L, 100L, 101L);
    assertThat(log.compact(1_000_000, 1)).isEqualTo(12);
    assertThat(positionsIn("record")).isEmpty();
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
    log.compact(15);

    // this writer knows better itself
    assertThatThrownBy(() -> log.append(records(15, 15)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.append(records(3, 3)))
        .isInstanceOf(IllegalArgumentException.class);
    // a writer that does not know of later appends is stopped by PostgreSQL: the positions are
    // archived, so the table's primary key alone would not catch them
    assertThatThrownBy(() -> stale.append(records(12, 13)))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("already in the log")
        .hasMessageContaining("highest archived position");
    assertThat(wholeLog()).isEqualTo(range(1, 20));
    // ... and it carries on after looking the last position up again
    stale.append(records(21, 21));
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(records(1, 21));
  }

  @Test
  void aDatabaseWithOnlyTheRecordTableGetsTheNewTablesOnMigrate() throws SQLException {
    log.append(records(1, 10));
    log.acknowledge("search", 4);
    sql("DROP TABLE $schema.record_archive, $schema.snapshot_chunk, $schema.snapshot");
    log.close();

    RecordLog upgraded = open();
    upgraded.migrate();

    assertThat(upgraded.lastPosition()).isEqualTo(10);
    assertThat(upgraded.exporterPosition("search")).isEqualTo(4);
    assertThat(upgraded.archivedUpTo()).isZero();
    assertThat(upgraded.compact(5)).isEqualTo(5);
    assertThat(upgraded.read(0, 100)).containsExactlyElementsOf(records(1, 10));
    assertThat(upgraded.snapshots()).isEmpty();
    upgraded.migrate(); // and again: nothing changes
    assertThat(wholeLog()).isEqualTo(range(1, 10));
  }

  @Test
  void readersSeeEveryRecordOnceWhileACompactionAndAppendsRun() throws Exception {
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
                moved += log.compact(bound, 7); // the same log the writer appends to
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
    assertThat(moved).isEqualTo(initial + appended - 150); // the last bound is 5850
    assertThat(wholeLog()).isEqualTo(range(1, initial + appended));
    assertThat(positionsIn("record")).isEqualTo(range(5851, initial + appended));
  }

  @Test
  void aCompactionKilledMidChunkLosesAndDuplicatesNothing() throws Exception {
    appendInBatches(log, 1, 1000, 100);
    // the chunk 501-600 stalls on record 555 until its connection is terminated
    StalledBackends.createStallFunction(db, schema);
    sql(
        "CREATE TRIGGER stall BEFORE INSERT ON $schema.record_archive FOR EACH ROW"
            + " WHEN (NEW.position = 555) EXECUTE FUNCTION $schema.stall()");

    CompletableFuture<Long> compaction =
        CompletableFuture.supplyAsync(() -> log.compact(1000, 100));
    int stalled = StalledBackends.awaitStalled(db);
    // meanwhile the writer appends and readers see the whole log, the stalled chunk in the table
    log.append(records(1001, 1010));
    assertThat(log.read(0, 2000)).containsExactlyElementsOf(records(1, 1010));
    StalledBackends.terminate(db, stalled);

    assertThatThrownBy(() -> compaction.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("failed after moving 500 records");
    assertThat(wholeLog()).isEqualTo(range(1, 1010));
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 500));
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(records(1, 1010));

    sql("DROP TRIGGER stall ON $schema.record_archive");
    assertThat(log.compact(1000, 100)).isEqualTo(500);
    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 1000));
    assertThat(wholeLog()).isEqualTo(range(1, 1010));
  }

  @Test
  void aChunkThatFailsLeavesTheChunksBeforeItMovedAndItselfUndone() throws Exception {
    appendInBatches(log, 1, 300, 100);
    sql(
        "CREATE FUNCTION $schema.refuse() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN RAISE EXCEPTION 'disk full, say'; END $$");
    sql(
        "CREATE TRIGGER refuse BEFORE INSERT ON $schema.record_archive FOR EACH ROW"
            + " WHEN (NEW.position = 250) EXECUTE FUNCTION $schema.refuse()");

    assertThatThrownBy(() -> log.compact(300, 40))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("failed after moving 240 records")
        .hasMessageContaining("disk full, say");

    assertThat(positionsIn("record_archive")).isEqualTo(range(1, 240));
    assertThat(positionsIn("record")).isEqualTo(range(241, 300));
    sql("DROP TRIGGER refuse ON $schema.record_archive");
    assertThat(log.compact(300, 40)).isEqualTo(60);
    assertThat(wholeLog()).isEqualTo(range(1, 300));
    assertThat(positionsIn("record")).isEmpty();
  }

  @Test
  void readsMergeBothPrimaryKeysWithoutSorting() throws SQLException {
    appendInBatches(log, 1, 10_000, 2500);
    log.compact(5000);
    sql("ANALYZE $schema.record");
    sql("ANALYZE $schema.record_archive");
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
              .contains("Index Scan using record_pkey")
              .contains("Index Scan using record_archive_pkey")
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

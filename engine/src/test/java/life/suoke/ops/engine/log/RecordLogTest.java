package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DeploymentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

class RecordLogTest extends RecordLogTestSupport {

  @Override
  String schemaPrefix() {
    return "log";
  }

  static Record record(long position) {
    return RecordJsonTest.event(
        position, Map.of("elementId", "task_" + position, "processInstanceKey", 100L + position));
  }

  static List<Record> records(long from, long toInclusive) {
    return LongStream.rangeClosed(from, toInclusive).mapToObj(RecordLogTest::record).toList();
  }

  private List<Record> replayAll(RecordLog l, long from) {
    List<Record> out = new ArrayList<>();
    l.replay(from, out::add);
    return out;
  }

  private long count(String where) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM " + schema + ".record WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void appendsAndReadsBackEveryField() {
    Record rich = RecordJsonTest.event(1, RecordJsonTest.nestedValue());
    Record rejection =
        new Record(
            1,
            2,
            1,
            -1,
            1_730_000_000_999L,
            RecordType.COMMAND_REJECTION,
            ValueType.JOB,
            JobIntent.COMPLETE,
            RejectionType.NOT_FOUND,
            "Expected to complete job with key '42', but no such job was found — ✗",
            "8.8.14",
            Map.of(
                "variables", Map.of("ticket", Map.of("id", "INC-1", "tags", List.of("a", "b")))));
    Record command =
        new Record(
            1,
            5,
            -1,
            -1,
            3L,
            RecordType.COMMAND,
            ValueType.DEPLOYMENT,
            DeploymentIntent.CREATE,
            RejectionType.NULL_VAL,
            "",
            "8.8.14",
            Map.of(
                "resources",
                List.of(
                    Map.of("resourceName", "ticket.bpmn", "resource", "PD94bWwg".repeat(5000)))));
    List<Record> all = List.of(rich, rejection, command);

    log.append(List.of(rich, rejection));
    log.append(List.of(command));

    assertThat(log.read(0, 10)).containsExactlyElementsOf(all);
    assertThat(replayAll(log, 0)).containsExactlyElementsOf(all);
    assertThat(log.lastPosition()).isEqualTo(5);
  }

  @Test
  void theNewestRecordsAreReadFromMemoryExactlyAsTheTableGivesThem() throws SQLException {
    Record rich = RecordJsonTest.event(4, RecordJsonTest.nestedValue());
    Record rejection =
        new Record(
            1,
            5,
            4,
            -1,
            1_730_000_000_999L,
            RecordType.COMMAND_REJECTION,
            ValueType.JOB,
            JobIntent.COMPLETE,
            RejectionType.NOT_FOUND,
            "no such job — ✗",
            "8.8.14",
            Map.of("variables", Map.of("amount", 2.50, "big", 12345678901234L)));
    log.keepRecent(100);
    log.append(records(1, 3));
    log.append(List.of(rich, rejection));
    log.append(records(6, 9));
    RecordLog table = open(); // another reader: nothing in its memory

    for (long[] window : new long[][] {{0, 100}, {0, 2}, {2, 3}, {3, 2}, {4, 1}, {5, 10}, {9, 5}}) {
      assertThat(log.read(window[0], (int) window[1]))
          .as("records after %d, at most %d", window[0], window[1])
          .isEqualTo(table.read(window[0], (int) window[1]));
    }
    assertThat(log.read(0, 100)).hasSize(9);

    // what this log reads comes from memory: rows removed behind its back are still there for it
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + schema + ".record WHERE position > 6");
    }
    assertThat(log.read(5, 100)).extracting(Record::position).containsExactly(6L, 7L, 8L, 9L);
    assertThat(table.read(5, 100)).extracting(Record::position).containsExactly(6L);
  }

  @Test
  void readWrittenGivesTheRecordsAsAppendedWhereTheLogHoldsThem() {
    log.keepRecent(5);
    List<Record> first = records(1, 3);
    List<Record> second = records(4, 6);
    List<Record> third = records(7, 8);
    log.append(first);
    log.append(second);
    log.append(third);
    RecordLog table = open(); // another reader: nothing in its memory

    // the two newest batches are held (5 records at most): the very objects appended
    List<Record> written = log.readWritten(3, 10);
    assertThat(written).hasSize(5);
    for (int i = 0; i < 3; i++) {
      assertThat(written.get(i)).isSameAs(second.get(i));
    }
    assertThat(written.get(3)).isSameAs(third.get(0));
    assertThat(written.get(4)).isSameAs(third.get(1));
    // and equal to what the table gives
    assertThat(written).isEqualTo(table.read(3, 10));
    // a plain read decodes the bytes, also from memory
    assertThat(log.read(3, 10)).isEqualTo(written);
    assertThat(log.read(3, 10).get(0)).isNotSameAs(second.get(0));
    // older than the memory, or another log: the table
    assertThat(log.readWritten(0, 10)).isEqualTo(table.read(0, 10)).hasSize(8);
    assertThat(table.readWritten(0, 10)).isEqualTo(table.read(0, 10));
  }

  @Test
  void anAppendThatFailsLeavesTheReadsToTheTable() {
    log.keepRecent(100);
    log.append(records(1, 3));
    assertThat(log.read(3, 10)).isEmpty();
    // another writer got positions 4 and 5 in: this log's next append clashes with them
    RecordLog other = open();
    other.append(records(4, 5));
    assertThatThrownBy(() -> log.append(records(4, 6)))
        .isInstanceOf(RecordLog.RecordLogException.class);

    assertThat(log.read(3, 10)).extracting(Record::position).containsExactly(4L, 5L);
    log.append(records(6, 7));
    assertThat(log.read(0, 10)).containsExactlyElementsOf(records(1, 7));
  }

  @Test
  void fillsTheColumnsBesideTheJson() throws SQLException {
    log.append(List.of(record(1), record(2)));

    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT position, source_record_position, key, timestamp, record_type, value_type, intent,"
                    + " convert_from(data, 'UTF8')::jsonb ->> 'elementId', data_format,"
                    + " convert_from(data, 'UTF8')::jsonb ? 'intent', rejection_type, broker_version"
                    + " FROM "
                    + schema
                    + ".record ORDER BY position")) {
      assertThat(rs.next()).isTrue();
      Record r = record(1);
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getLong(2)).isEqualTo(r.sourceRecordPosition());
      assertThat(rs.getLong(3)).isEqualTo(r.key());
      assertThat(rs.getLong(4)).isEqualTo(r.timestamp());
      assertThat(rs.getString(5)).isEqualTo("EVENT");
      assertThat(rs.getString(6)).isEqualTo("PROCESS_INSTANCE");
      assertThat(rs.getString(7)).isEqualTo("ELEMENT_ACTIVATED");
      assertThat(rs.getString(8)).as("the value's JSON").isEqualTo("task_1");
      assertThat(rs.getShort(9)).as("data format: the value only").isEqualTo((short) 2);
      assertThat(rs.getBoolean(10)).as("the envelope is not repeated in the JSON").isFalse();
      assertThat(rs.getString(11)).as("no rejection").isNull();
      assertThat(rs.getString(12)).isEqualTo(r.brokerVersion());
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void recordsAndRejectionsComeBackAsTheyWereAppendedAndRowsOfTheWholeRecordAreStillRead()
      throws SQLException {
    Record rejection =
        new Record(
            Record.PARTITION_ID,
            3,
            -1,
            2251799813685251L,
            1_796_342_400_123L,
            life.suoke.ops.engine.record.RecordType.COMMAND_REJECTION,
            life.suoke.ops.engine.record.ValueType.JOB,
            JobIntent.COMPLETE,
            life.suoke.ops.engine.record.RejectionType.NOT_FOUND,
            // not ASCII: a text column's length in the COPY rows is its UTF-8 bytes, not its chars
            "Expected to complete job with key '2251799813685251' of type '审批', but no such job"
                + " was found",
            Record.BROKER_VERSION,
            Map.of("variables", Map.of("ok", true), "retries", 3));
    log.append(List.of(record(1), record(2), rejection));
    // A row as the log wrote them before the envelope had columns: the whole record's JSON.
    Record old = record(4);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + schema
                    + ".record (position, source_record_position, key, timestamp, record_type,"
                    + " value_type, intent, data) VALUES (4, ?, ?, ?, 'EVENT', 'PROCESS_INSTANCE',"
                    + " 'ELEMENT_ACTIVATED', ?)")) {
      ps.setLong(1, old.sourceRecordPosition());
      ps.setLong(2, old.key());
      ps.setLong(3, old.timestamp());
      ps.setBytes(4, RecordJson.toBytes(old));
      ps.executeUpdate();
    }

    List<Record> back = replayAll(open(), 0);
    assertThat(back).hasSize(4);
    assertThat(RecordJson.toJson(back.get(0))).isEqualTo(RecordJson.toJson(record(1)));
    assertThat(RecordJson.toJson(back.get(2))).isEqualTo(RecordJson.toJson(rejection));
    assertThat(back.get(2).rejectionType())
        .isEqualTo(life.suoke.ops.engine.record.RejectionType.NOT_FOUND);
    assertThat(RecordJson.toJson(back.get(3))).isEqualTo(RecordJson.toJson(old));
    assertThat(log.read(2, 1)).singleElement().isEqualTo(back.get(2));
  }

  @Test
  void aLargeBatchIsCopiedAndComesBackAsAppendedWhileSmallOnesAreInserted() throws SQLException {
    int copyFrom = RecordLog.COPY_FROM;
    List<Record> small = records(1, copyFrom - 1);
    List<Record> large = new ArrayList<>(records(copyFrom, 2 * copyFrom));
    // a rejection in the copied batch: text columns that are NULL in other rows, and not ASCII
    Record rejection =
        new Record(
            Record.PARTITION_ID,
            2 * copyFrom + 1,
            -1,
            2251799813685251L,
            1_796_342_400_123L,
            RecordType.COMMAND_REJECTION,
            ValueType.JOB,
            JobIntent.COMPLETE,
            RejectionType.INVALID_STATE,
            "作业 '审批' 已完成: expected to complete job with key '2251799813685251'",
            Record.BROKER_VERSION,
            Map.of("variables", Map.of("结果", "通过"), "retries", 3));
    large.add(rejection);
    log.append(small);
    log.append(large);

    List<Record> appended = new ArrayList<>(small);
    appended.addAll(large);
    List<Record> back = replayAll(open(), 0);
    assertThat(back).hasSize(appended.size());
    for (int i = 0; i < back.size(); i++) {
      assertThat(RecordJson.toJson(back.get(i))).isEqualTo(RecordJson.toJson(appended.get(i)));
    }
    assertThat(back.get(back.size() - 1).rejectionReason()).isEqualTo(rejection.rejectionReason());
    assertThat(count("data_format = 2")).isEqualTo(appended.size());

    // a copied batch that clashes with what a second writer appended leaves nothing behind
    long next = 2 * copyFrom + 2;
    open().append(records(next, next));
    assertThatThrownBy(() -> log.append(records(next, next + copyFrom)))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("already in the log");
    assertThat(count("position > " + next)).isZero();
    // and the writer goes on
    log.append(records(next + 1, next + copyFrom));
    assertThat(log.lastPosition()).isEqualTo(next + copyFrom);
  }

  @Test
  void emptyLogHasPositionZeroAndNothingToRead() {
    assertThat(log.lastPosition()).isZero();
    assertThat(log.read(0, 100)).isEmpty();
    assertThat(
            log.replay(
                0,
                r -> {
                  throw new AssertionError("nothing to replay");
                }))
        .isZero();
    log.append(List.of());
    assertThat(log.lastPosition()).isZero();
  }

  @Test
  void readsPagesInPositionOrder() {
    log.append(records(1, 3));
    log.append(records(4, 4));
    log.append(records(7, 9)); // positions may leave gaps

    assertThat(log.read(0, 2)).containsExactlyElementsOf(records(1, 2));
    assertThat(log.read(2, 3)).extracting(Record::position).containsExactly(3L, 4L, 7L);
    assertThat(log.read(5, 100)).extracting(Record::position).containsExactly(7L, 8L, 9L);
    assertThat(log.read(9, 100)).isEmpty();
    assertThatThrownBy(() -> log.read(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replaysFromTheMiddle() {
    log.append(records(1, 2500));

    List<Record> replayed = replayAll(log, 1234);

    assertThat(replayed).hasSize(2500 - 1234);
    assertThat(replayed).containsExactlyElementsOf(records(1235, 2500));
    assertThat(replayAll(log, 2500)).isEmpty();
  }

  @Test
  void replayStopsWhenTheConsumerThrows() {
    log.append(records(1, 10));
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                log.replay(
                    0,
                    r -> {
                      seen.add(r.position());
                      if (r.position() == 4) {
                        throw new IllegalStateException("broken state");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broken state");
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
    // the log is still usable
    assertThat(replayAll(log, 8)).extracting(Record::position).containsExactly(9L, 10L);
  }

  @Test
  void rejectsADuplicatePositionAndWritesNothingOfThatBatch() throws SQLException {
    log.append(records(1, 10));
    // A second writer on the same log knows only what was there when it first appended...
    RecordLog other = open();
    other.append(records(11, 11));

    // ...so this writer still thinks 10 is the last position, and only PostgreSQL sees the clash.
    assertThatThrownBy(() -> log.append(records(11, 15)))
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("already in the log");

    assertThat(count("position > 11")).isZero();
    assertThat(log.read(10, 100)).containsExactly(record(11));
    // the writer recovers: the next batch goes in
    log.append(records(12, 13));
    assertThat(log.lastPosition()).isEqualTo(13);
  }

  @Test
  void rejectsPositionsThatDoNotIncreaseBeforeWriting() throws SQLException {
    log.append(records(1, 5));

    assertThatThrownBy(() -> log.append(List.of(record(6), record(8), record(8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 8 follows position 8");
    assertThatThrownBy(() -> log.append(List.of(record(7), record(6))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.append(records(5, 6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last position 5");
    assertThatThrownBy(() -> log.append(records(3, 3)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(count("true")).isEqualTo(5);
    // a reopened log knows the last position from the database
    RecordLog reopened = open();
    assertThatThrownBy(() -> reopened.append(records(5, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    reopened.append(records(6, 6));
    assertThat(count("true")).isEqualTo(6);
  }

  @Test
  void keepsTheDataAcrossClosingAndReopening() {
    List<Record> written = new ArrayList<>();
    for (int batch = 0; batch < 20; batch++) {
      List<Record> records = records(batch * 50L + 1, batch * 50L + 50);
      log.append(records);
      written.addAll(records);
    }
    log.close();
    assertThatThrownBy(() -> log.append(records(1001, 1001)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.read(0, 1)).isInstanceOf(IllegalStateException.class);

    RecordLog reopened = open();
    reopened.migrate(); // idempotent, keeps the data

    assertThat(reopened.lastPosition()).isEqualTo(1000);
    assertThat(replayAll(reopened, 0)).containsExactlyElementsOf(written);
    reopened.append(records(1001, 1002));
    assertThat(reopened.read(1000, 10)).containsExactlyElementsOf(records(1001, 1002));
  }

  @Test
  void worksThroughADataSource() {
    RecordLog viaDataSource = new RecordLog(db.dataSource(), schema);
    opened.add(viaDataSource);
    log.append(records(1, 3));

    viaDataSource.append(records(4, 6));

    assertThat(replayAll(viaDataSource, 0)).containsExactlyElementsOf(records(1, 6));
    assertThat(log.read(3, 10)).containsExactlyElementsOf(records(4, 6));
  }

  @Test
  void keepsExporterPositionsDurablyAndNeverMovesThemBack() {
    assertThat(log.exporterPosition("search")).isZero();

    log.acknowledge("search", 10);
    log.acknowledge("audit", 3);
    log.acknowledge("search", 7); // an older acknowledgement arriving late

    assertThat(log.exporterPosition("search")).isEqualTo(10);
    assertThat(log.exporterPosition("audit")).isEqualTo(3);
    log.close();

    RecordLog reopened = open();
    assertThat(reopened.exporterPosition("search")).isEqualTo(10);
    assertThat(reopened.exporterPosition("audit")).isEqualTo(3);
    reopened.acknowledge("search", 25);
    reopened.acknowledge("search", 10);
    assertThat(reopened.exporterPosition("search")).isEqualTo(25);
    assertThat(reopened.exporterPosition("never")).isZero();
    assertThatThrownBy(() -> reopened.acknowledge(" ", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsSchemasApart() {
    String otherSchema = schema + "_other";
    RecordLog other = new RecordLog(db.jdbcUrl(), db.user(), db.password(), otherSchema);
    opened.add(other);
    other.migrate();

    log.append(records(1, 3));
    other.append(records(1, 1));
    other.acknowledge("search", 1);

    assertThat(log.lastPosition()).isEqualTo(3);
    assertThat(other.lastPosition()).isEqualTo(1);
    assertThat(log.exporterPosition("search")).isZero();
    assertThat(other.schema()).isEqualTo(otherSchema);
  }

  @Test
  void refusesSchemaNamesThatAreNotPlainIdentifiers() {
    for (String bad : new String[] {"", "Engine", "a-b", "x; DROP TABLE y", "1abc", null}) {
      assertThatThrownBy(() -> new RecordLog(db.jdbcUrl(), db.user(), db.password(), bad))
          .as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void defaultSchemaIsEngine() {
    RecordLog defaults = new RecordLog(db.dataSource());
    opened.add(defaults);
    defaults.migrate();

    defaults.append(records(1, 1));

    assertThat(defaults.schema()).isEqualTo("engine");
    assertThat(new RecordLog(db.jdbcUrl(), db.user(), db.password()).schema()).isEqualTo("engine");
    assertThat(defaults.read(0, 1)).containsExactly(record(1));
  }

  @Test
  void recoversFromLostConnections() throws SQLException {
    TestPostgres.Database own = TestPostgres.newDatabase("lost_connections");
    RecordLog l = new RecordLog(own.jdbcUrl(), own.user(), own.password(), "engine");
    opened.add(l);
    l.migrate();
    l.append(records(1, 3));
    assertThat(l.lastPosition()).isEqualTo(3);

    try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.user(), own.password());
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }

    // reads reconnect by themselves
    assertThat(l.lastPosition()).isEqualTo(3);
    // an append on the dead connection fails loudly and writes nothing...
    assertThatThrownBy(() -> l.append(records(4, 5)))
        .isInstanceOf(RecordLog.RecordLogException.class);
    assertThat(l.lastPosition()).isEqualTo(3);
    // ...and the next one goes through on a new connection
    l.append(records(4, 5));
    assertThat(l.read(0, 10)).containsExactlyElementsOf(records(1, 5));
  }

  @Test
  void commitsDurablyEvenWhereTheDatabaseDefaultIsNot() throws SQLException {
    TestPostgres.Database own = TestPostgres.newDatabase("async_default");
    try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.user(), own.password());
        Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE " + own.name() + " SET synchronous_commit = off");
    }
    List<Connection> handedOut = new ArrayList<>();
    javax.sql.DataSource recording =
        (javax.sql.DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(own.dataSource(), args);
                  if (result instanceof Connection c) {
                    handedOut.add(c);
                  }
                  return result;
                });
    RecordLog l = new RecordLog(recording, "engine");
    opened.add(l);
    l.migrate();
    l.append(records(1, 1));

    assertThat(handedOut).hasSize(2);
    for (Connection c : handedOut) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("on");
      }
    }
    try (Connection c = own.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
      rs.next();
      assertThat(rs.getString(1)).as("the database default this test sets").isEqualTo("off");
    }
  }
}

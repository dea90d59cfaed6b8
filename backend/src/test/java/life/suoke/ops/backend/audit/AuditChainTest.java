package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The chain holds together under concurrent writers, and verification (API object and command line)
 * catches a row edited, deleted or moved directly in the database by its owner, naming the row.
 * Each tampering is undone afterwards (the shared database serves the other tests too).
 */
class AuditChainTest extends ApplicationTest {

  @Autowired AuditTrail audit;
  @Autowired AuditVerifier verifier;
  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("ownerDataSource")
  DataSource ownerDataSource;

  @Test
  void concurrentWritersFormOneContiguousChainThatVerifies() throws Exception {
    String actor = "chain-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        done.add(
            pool.submit(
                () ->
                    audit.record(
                        AuditEvent.of(actor, AuditActions.TASK_COMPLETE, "task", "T-" + n)
                            .withTask(1000L + n)
                            .withDetail("comment", "第" + n + "条, \"quoted\"\ttab\nline")
                            .withDetail("n", n))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ?", Long.class, actor))
        .isEqualTo(200);
    // group commit: callers waiting at the same time share transactions (rows of one transaction
    // share its xmin)
    assertThat(
            jdbc.queryForObject(
                "SELECT count(DISTINCT xmin::text) FROM audit_event WHERE actor = ?",
                Long.class,
                actor))
        .isLessThan(200);
    // one chain: sequence numbers 1..max without a gap, each row linked to the one before
    assertThat(jdbc.queryForObject("SELECT max(seq) = count(*) FROM audit_event", Boolean.class))
        .isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event a JOIN audit_event b ON b.seq = a.seq - 1"
                    + " WHERE a.prev_hash <> b.hash",
                Long.class))
        .isZero();
    // details are stored as the canonical JSON that was hashed, characters as they are
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND object_id = 'T-7'",
                String.class,
                actor))
        .isEqualTo("{\"comment\":\"第7条, \\\"quoted\\\"\\ttab\\nline\",\"n\":7}");

    AuditVerification result = verifier.verify();
    assertThat(result.valid()).as(String.valueOf(result)).isTrue();
    assertThat(result.checked()).isGreaterThanOrEqualTo(200);
    assertThat(result.firstBrokenId()).isNull();
    assertThat(commandLine()).isEqualTo(AuditCommandLine.VALID);
  }

  @Test
  void aClosedWriterRefusesRowsAndWritesNothing() throws Exception {
    String actor = "closed-" + UUID.randomUUID();
    var writer = new life.suoke.ops.backend.audit.chain.AuditChainWriter(ownerDataSource);
    writer.append(
        List.of(
            life.suoke.ops.backend.audit.chain.AuditRow.of(
                AuditEvent.of(actor, AuditActions.CONFIGURATION_CHANGE, "setting", "before"))));
    writer.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                writer.append(
                    List.of(
                        life.suoke.ops.backend.audit.chain.AuditRow.of(
                            AuditEvent.of(
                                actor, AuditActions.CONFIGURATION_CHANGE, "setting", "after")))))
        .isInstanceOf(java.sql.SQLException.class)
        .hasMessageContaining("closed");
    assertThat(
            jdbc.queryForList(
                "SELECT object_id FROM audit_event WHERE actor = ?", String.class, actor))
        .containsExactly("before");
  }

  @Test
  void anEditedRowIsNamedWithAHashMismatch() throws Exception {
    Row row = ownRows(3).get(1);
    JdbcTemplate owner = tamperingOwner();
    try {
      owner.update("UPDATE audit_event SET actor = 'mallory' WHERE id = ?", row.id);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenId()).isEqualTo(row.id);
      assertThat(result.firstBrokenSeq()).isEqualTo(row.seq);
      assertThat(result.reason()).startsWith("hash mismatch");
      assertThat(commandLine()).isEqualTo(AuditCommandLine.BROKEN);
    } finally {
      owner.update("UPDATE audit_event SET actor = ? WHERE id = ?", row.actor, row.id);
      close(owner);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aRowWhoseHashWasRecomputedBreaksTheLinkOfTheNext() throws Exception {
    List<Row> rows = ownRows(3);
    Row edited = rows.get(1);
    JdbcTemplate owner = tamperingOwner();
    try {
      // a forger who also fixes the edited row's hash only moves the break to the next row
      owner.update(
          "UPDATE audit_event SET actor = 'mallory', hash = ? WHERE id = ?",
          life.suoke.ops.backend.audit.chain.AuditChain.hash(
              edited.prevHash,
              edited.seq,
              owner
                  .queryForObject(
                      "SELECT occurred_at FROM audit_event WHERE id = ?",
                      java.time.OffsetDateTime.class,
                      edited.id)
                  .toInstant(),
              "mallory",
              AuditActions.CONFIGURATION_CHANGE,
              "setting",
              edited.objectId,
              null,
              null,
              null,
              null,
              edited.details),
          edited.id);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSeq()).isEqualTo(edited.seq + 1);
      assertThat(result.reason()).startsWith("prev link broken");
    } finally {
      owner.update(
          "UPDATE audit_event SET actor = ?, hash = ? WHERE id = ?",
          edited.actor,
          edited.hash,
          edited.id);
      close(owner);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aDeletedRowIsNamedAsASequenceGap() throws Exception {
    List<Row> rows = ownRows(3);
    Row deleted = rows.get(1);
    Map<String, Object> saved =
        jdbc.queryForMap("SELECT * FROM audit_event WHERE id = ?", deleted.id);
    JdbcTemplate owner = tamperingOwner();
    try {
      owner.update("DELETE FROM audit_event WHERE id = ?", deleted.id);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSeq()).isEqualTo(deleted.seq + 1);
      assertThat(result.firstBrokenId())
          .isEqualTo(
              jdbc.queryForObject(
                  "SELECT id FROM audit_event WHERE seq = ?", Long.class, deleted.seq + 1));
      assertThat(result.reason())
          .startsWith("sequence gap")
          .contains("seq " + deleted.seq + " missing");
      assertThat(commandLine()).isEqualTo(AuditCommandLine.BROKEN);
    } finally {
      owner.update(
          "INSERT INTO audit_event (id, seq, occurred_at, actor, action, object_type, object_id,"
              + " process_instance_key, business_key, task_key, source_position, details, prev_hash, hash)"
              + " OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          saved.get("id"),
          saved.get("seq"),
          saved.get("occurred_at"),
          saved.get("actor"),
          saved.get("action"),
          saved.get("object_type"),
          saved.get("object_id"),
          saved.get("process_instance_key"),
          saved.get("business_key"),
          saved.get("task_key"),
          saved.get("source_position"),
          saved.get("details"),
          saved.get("prev_hash"),
          saved.get("hash"));
      close(owner);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void twoRowsSwappedAreNamedAsOutOfOrder() throws Exception {
    List<Row> rows = ownRows(3);
    Row a = rows.get(0);
    Row b = rows.get(1);
    JdbcTemplate owner = tamperingOwner();
    try {
      swap(owner, a.id, b.id);
      assertThat(jdbc.queryForObject("SELECT seq FROM audit_event WHERE id = ?", Long.class, a.id))
          .isEqualTo(b.seq);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenId()).isEqualTo(a.id);
      assertThat(result.firstBrokenSeq()).isEqualTo(b.seq);
      assertThat(result.reason()).startsWith("order");
      assertThat(commandLine()).isEqualTo(AuditCommandLine.BROKEN);
    } finally {
      swap(owner, a.id, b.id);
      close(owner);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void theCommandLineRefusesAnUnknownCommand() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        AuditCommandLine.run(
            new String[] {"audit", "repair"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(AuditCommandLine.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  // ---------------------------------------------------------------------------------------------

  record Row(
      long id,
      long seq,
      String actor,
      String objectId,
      String details,
      String prevHash,
      String hash) {}

  /** Rows of our own, written one after the other, so that they are consecutive in the chain. */
  private List<Row> ownRows(int count) throws Exception {
    String actor = "tamper-" + UUID.randomUUID();
    List<life.suoke.ops.backend.audit.chain.AuditRow> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(
          life.suoke.ops.backend.audit.chain.AuditRow.of(
              AuditEvent.of(actor, AuditActions.CONFIGURATION_CHANGE, "setting", "s-" + i)
                  .withDetail("value", i)));
    }
    try (var writer = new life.suoke.ops.backend.audit.chain.AuditChainWriter(ownerDataSource)) {
      writer.append(batch);
    }
    return jdbc.query(
        "SELECT id, seq, actor, object_id, details, prev_hash, hash FROM audit_event WHERE actor = ?"
            + " ORDER BY seq",
        (rs, n) ->
            new Row(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)),
        actor);
  }

  private JdbcTemplate tamperingOwner() throws Exception {
    return new TamperingOwner(ownerDataSource).jdbc;
  }

  private static void close(JdbcTemplate owner) {
    ((SingleConnectionDataSource) owner.getDataSource()).destroy();
  }

  /**
   * Exchanges everything but the id of two rows, in one transaction: the application's audit
   * indexer, which follows the table by seq, must never see the parking value in between.
   */
  private static void swap(JdbcTemplate owner, long first, long second) {
    String columns =
        "seq, occurred_at, actor, action, object_type, object_id, process_instance_key, business_key,"
            + " task_key, source_position, details, prev_hash, hash";
    owner.execute(
        (org.springframework.jdbc.core.ConnectionCallback<Void>)
            connection -> {
              connection.setAutoCommit(false);
              try {
                Map<String, Object> a =
                    owner.queryForMap(
                        "SELECT " + columns + " FROM audit_event WHERE id = ?", first);
                Map<String, Object> b =
                    owner.queryForMap(
                        "SELECT " + columns + " FROM audit_event WHERE id = ?", second);
                owner.update(
                    "UPDATE audit_event SET seq = 9000000000000000000 WHERE id = ?", first);
                put(owner, second, a);
                put(owner, first, b);
                connection.commit();
              } catch (RuntimeException e) {
                connection.rollback();
                throw e;
              } finally {
                connection.setAutoCommit(true);
              }
              return null;
            });
  }

  private static void put(JdbcTemplate owner, long id, Map<String, Object> row) {
    owner.update(
        "UPDATE audit_event SET seq = ?, occurred_at = ?, actor = ?, action = ?, object_type = ?,"
            + " object_id = ?, process_instance_key = ?, business_key = ?, task_key = ?, source_position = ?,"
            + " details = ?, prev_hash = ?, hash = ? WHERE id = ?",
        row.get("seq"),
        row.get("occurred_at"),
        row.get("actor"),
        row.get("action"),
        row.get("object_type"),
        row.get("object_id"),
        row.get("process_instance_key"),
        row.get("business_key"),
        row.get("task_key"),
        row.get("source_position"),
        row.get("details"),
        row.get("prev_hash"),
        row.get("hash"),
        id);
  }

  private int commandLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        AuditCommandLine.run(
            new String[] {"audit", "verify", "--suoke.data-dir=" + dataDir()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("running application's database")
        .contains("\"valid\":" + (code == 0));
    return code;
  }
}

package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.audit.chain.AuditRow;
import life.suoke.ops.backend.runtime.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code audit verify} while the application is not running: the command starts the embedded
 * database from the data directory itself; and against an external database by its URL. (With the
 * application running it connects to its database: {@link AuditChainTest}.)
 */
class AuditCommandLineTest {

  @TempDir Path dataDir;

  @Test
  void verifiesAStoppedApplicationsTrailAndAnExternalDatabase() throws Exception {
    Path pgDir = dataDir.resolve("postgres");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(pgDir, 0, "postgres")) {
      Flyway.configure()
          .dataSource(db.jdbcUrl(), db.username(), "")
          .locations("classpath:db/migration")
          .placeholders(Map.of("app_role", db.appUsername()))
          .load()
          .migrate();
      try (AuditChainWriter writer = new AuditChainWriter(owner(db.port()))) {
        writer.append(
            List.of(
                AuditRow.of(AuditEvent.of("alice", AuditActions.SIGN_IN, "user", "alice")),
                AuditRow.of(
                    AuditEvent.of("alice", AuditActions.TASK_CLAIM, "task", "7")
                        .withDetail("备注", "夜班")),
                AuditRow.of(AuditEvent.of("alice", AuditActions.SIGN_OUT, "user", "alice"))));
      }
    }
    assertThat(dataDir.resolve("postgres.port")).doesNotExist();

    Result valid = verify("--suoke.data-dir=" + dataDir);
    assertThat(valid.code).as(valid.out).isEqualTo(AuditCommandLine.VALID);
    assertThat(valid.out)
        .contains("not running: starting its database")
        .contains("audit chain valid: 3 rows checked")
        .contains("\"valid\":true");

    try (EmbeddedDatabase db = EmbeddedDatabase.start(pgDir, 0, "postgres")) {
      try (Connection c = owner(db.port()).getConnection();
          Statement s = c.createStatement()) {
        s.execute("SET session_replication_role = replica");
        s.execute("UPDATE audit_event SET object_id = '8' WHERE seq = 2");
      }
      Result external =
          verify(
              "--suoke.database.mode=external",
              "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres",
              "--spring.datasource.username=" + db.appUsername(),
              "--spring.datasource.password=" + db.appPassword());
      assertThat(external.code).as(external.out).isEqualTo(AuditCommandLine.BROKEN);
      assertThat(external.out).contains("BROKEN at row id 2 (seq 2): hash mismatch");
    }

    Result broken = verify("--suoke.data-dir=" + dataDir);
    assertThat(broken.code).as(broken.out).isEqualTo(AuditCommandLine.BROKEN);
    assertThat(broken.out).contains("\"firstBrokenSeq\":2").contains("\"reason\":\"hash mismatch");
  }

  private static PGSimpleDataSource owner(int port) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    source.setUser("postgres");
    return source;
  }

  record Result(int code, String out) {}

  private static Result verify(String... settings) {
    String[] args = new String[settings.length + 2];
    args[0] = "audit";
    args[1] = "verify";
    System.arraycopy(settings, 0, args, 2, settings.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        AuditCommandLine.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }
}

package life.suoke.ops.engine.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The exporter's guarantees: it follows the log, resumes where it acknowledged, and re-applying
 * records changes nothing.
 */
class ProjectionExporterTest {

  static final String TABLES =
      "process_definition, process_instance, element_instance, variable, job, user_task, incident";

  @Test
  void followsTheLogResumesAfterARestartAndAppliesPagesIdempotently() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(ProjectionExporterTest.class);
    byte[] bpmn =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("projected")
                    .startEvent()
                    .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("ops"))
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8);

    long instance;
    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()))) {
      EngineApi api = engine.api();
      api.deploy(List.of(new EngineApi.Resource("projected.bpmn", bpmn)), "<default>").join();
      instance =
          api.createProcessInstance(-1, "projected", -1, Map.of("a", 1), "<default>")
              .join()
              .processInstanceKey();
      long last = engine.recordLog().lastPosition();
      await().atMost(Duration.ofSeconds(15)).until(() -> engine.projectedPosition() >= last);
      // acknowledged within the runner's interval once it has caught up
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  engine.recordLog().exporterPosition(ProjectionExporter.EXPORTER_ID)
                      == engine.projectedPosition());
    }
    assertThat(count(db, "user_task WHERE state = 'CREATED'")).isEqualTo(1);

    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()))) {
      long taskKey = engine.api().query(s -> s.userTasks().iterator().next().key).join();
      engine.api().completeUserTask(taskKey, Map.of("ok", true), null).join();
      long last = engine.recordLog().lastPosition();
      await().atMost(Duration.ofSeconds(15)).until(() -> engine.projectedPosition() >= last);
    }
    assertThat(count(db, "user_task WHERE state = 'COMPLETED'")).isEqualTo(1);
    assertThat(
            count(
                db,
                "process_instance WHERE state = 'COMPLETED' AND process_instance_key = "
                    + instance))
        .isEqualTo(1);

    // At-least-once: applying the whole log again, page by page, leaves every row as it was.
    List<String> before = snapshot(db);
    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()));
        Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      RecordProjector projector = new RecordProjector("engine");
      List<Record> all = engine.recordLog().read(0, 100_000);
      for (int from = 0; from < all.size(); from += 7) {
        projector.apply(all.subList(from, Math.min(all.size(), from + 7)), c);
      }
      c.commit();
    }
    assertThat(snapshot(db)).isEqualTo(before);
  }

  static long count(TestPostgres.Database db, String from) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM engine." + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> snapshot(TestPostgres.Database db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES.split(", ")) {
        try (ResultSet rs =
            s.executeQuery("SELECT t::text FROM engine." + table + " t ORDER BY 1")) {
          while (rs.next()) {
            rows.add(table + " " + rs.getString(1));
          }
        }
      }
    }
    assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
    return rows;
  }
}

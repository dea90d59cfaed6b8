package life.suoke.ops.backend.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import java.nio.file.Path;
import java.util.Map;
import life.suoke.ops.backend.FreePort;
import life.suoke.ops.backend.SuokeOpsApplication;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stopping the application and starting it again on the same data directory loses nothing. */
class RestartKeepsDataTest {

  record Handover(String rotation, String from, String to) {}

  @TempDir Path dataDir;

  @Test
  void databaseRowsAndSearchDocumentsSurviveARestart() throws Exception {
    Integer migrations;
    try (ConfigurableApplicationContext first = start()) {
      first
          .getBean(AuditTrail.class)
          .record(AuditEvent.of("carol", "handover.recorded", "rotation", "tier-1"));
      migrations =
          first
              .getBean(JdbcTemplate.class)
              .queryForObject(
                  "SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class);
      first
          .getBean(ElasticsearchClient.class)
          .index(
              i ->
                  i.index("handovers")
                      .id("h-1")
                      .document(new Handover("tier-1", "carol", "dave"))
                      .refresh(Refresh.True));
    }

    try (ConfigurableApplicationContext second = start()) {
      JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
      Map<String, Object> row =
          jdbc.queryForMap(
              "SELECT actor, object_id FROM audit_event WHERE action = 'handover.recorded'");
      assertThat(row).containsEntry("actor", "carol").containsEntry("object_id", "tier-1");
      // no migration ran twice
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
          .isEqualTo(migrations);

      var read =
          second
              .getBean(ElasticsearchClient.class)
              .get(g -> g.index("handovers").id("h-1"), Handover.class);
      assertThat(read.found()).isTrue();
      assertThat(read.source()).isEqualTo(new Handover("tier-1", "carol", "dave"));
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(SuokeOpsApplication.class)
        .run(
            "--suoke.data-dir=" + dataDir,
            "--server.port=0",
            "--suoke.engine.grpc-port=" + FreePort.pick(),
            "--suoke.engine.rest-port=" + FreePort.pick());
  }
}

package life.suoke.ops.backend.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedRuntimesTest extends ApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @Test
  void healthReportsDatabaseAndSearchUpWithoutLogin() {
    ResponseEntity<JsonNode> response = http.getForEntity("/actuator/health", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.getBody();
    assertThat(body.path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("elasticsearch").path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("engine").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void embeddedPostgresRunsWithDurableSettings() {
    for (Map.Entry<String, String> setting : EmbeddedDatabase.DURABLE_SETTINGS.entrySet()) {
      assertThat(jdbc.queryForObject("SHOW " + setting.getKey(), String.class))
          .as(setting.getKey())
          .isEqualTo(setting.getValue());
    }
    assertThat(dataDir().resolve("postgres").resolve("PG_VERSION")).exists();
  }

  @Test
  void flywayMigrationIsAppliedAndItsTableReadsBack() {
    assertThat(
            jdbc.queryForObject(
                "SELECT success FROM flyway_schema_history WHERE version = '1'", Boolean.class))
        .isTrue();

    Long id =
        jdbc.queryForObject(
            "INSERT INTO audit_event (actor, action, subject_type, subject_id, details, hash)"
                + " VALUES ('alice', 'incident.acknowledged', 'incident', 'INC-1', '{\"tier\": 1}'::jsonb, ?)"
                + " RETURNING id",
            Long.class,
            "a".repeat(64));

    Map<String, Object> row = jdbc.queryForMap("SELECT actor, action, details->>'tier' AS tier FROM audit_event WHERE id = ?", id);
    assertThat(row).containsEntry("actor", "alice").containsEntry("action", "incident.acknowledged").containsEntry("tier", "1");
  }

  @Test
  void auditEventsCannotBeChangedOrRemoved() {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO audit_event (actor, action, subject_type, subject_id, hash) VALUES ('bob', 'change.approved', 'change', 'CHG-7', ?) RETURNING id",
            Long.class,
            "b".repeat(64));

    assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(jdbc.queryForObject("SELECT actor FROM audit_event WHERE id = ?", String.class, id)).isEqualTo("bob");
  }
}

package life.suoke.ops.backend.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import javax.sql.DataSource;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedRuntimesTest extends ApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeProperties runtime;
  @Autowired TestRestTemplate http;
  @Autowired DataSource dataSource;

  @Test
  void healthReportsDatabaseAndSearchUpWithoutLogin() {
    ResponseEntity<JsonNode> response = http.getForEntity("/actuator/health", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.getBody();
    assertThat(body.path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(body.path("components").path("elasticsearch").path("status").asText())
        .isEqualTo("UP");
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
  void embeddedPostgresRunsWithTheConfiguredServerSettings() {
    Map<String, String> settings = runtime.database().settings();
    // the names keep their underscores through the binding (bracketed keys in application.yml)
    assertThat(settings).containsKeys("checkpoint_timeout", "max_wal_size");
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      assertThat(jdbc.queryForObject("SHOW " + setting.getKey(), String.class))
          .as(setting.getKey())
          .isEqualTo(setting.getValue());
    }
  }

  @Test
  void sideConnectionsCommitAsynchronouslyOnlyWhenAskedAndThePoolStaysDurable() {
    try (SideConnections asynchronous = new SideConnections(dataSource, "test-async", 1, true);
        SideConnections durable = new SideConnections(dataSource, "test-durable", 1)) {
      assertThat(asynchronous.asynchronousCommit()).isTrue();
      assertThat(show(asynchronous.dataSource())).isEqualTo("off");
      assertThat(durable.asynchronousCommit()).isFalse();
      assertThat(show(durable.dataSource())).isEqualTo("on");
    }
    assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
  }

  private static String show(DataSource side) {
    return new JdbcTemplate(side).queryForObject("SHOW synchronous_commit", String.class);
  }

  @Test
  void flywayMigrationsAreAppliedAndTheirTablesReadBack() {
    assertThat(
            jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                String.class))
        .startsWith("1", "2", "3");

    jdbc.update(
        "INSERT INTO app_group (name, display_name) VALUES ('runtime-test-group', '运行时测试')");
    assertThat(
            jdbc.queryForObject(
                "SELECT display_name FROM app_group WHERE name = 'runtime-test-group'",
                String.class))
        .isEqualTo("运行时测试");
  }
}

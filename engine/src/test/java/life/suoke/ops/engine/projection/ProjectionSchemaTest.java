package life.suoke.ops.engine.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The projection's schema moves a projection of an earlier version forward without losing what it
 * derives.
 */
class ProjectionSchemaTest {

  @Test
  void aProjectionFromBeforeTheIncidentFlagGetsItFromItsActiveIncidents() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase(ProjectionSchemaTest.class);
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement()) {
      ProjectionSchema.migrate(c, "engine");
      // as an earlier version left it: no flag, no prefix column
      st.execute("DROP INDEX engine.process_instance_incident_started");
      st.execute("ALTER TABLE engine.process_instance DROP COLUMN has_incident");
      st.execute("DROP INDEX engine.variable_name_value");
      st.execute("ALTER TABLE engine.variable DROP COLUMN value_prefix");
      st.execute(
          "INSERT INTO engine.process_instance (process_instance_key, state) VALUES (1, 'ACTIVE'), (2, 'ACTIVE'), (3, 'ACTIVE')");
      st.execute(
          "INSERT INTO engine.incident (incident_key, process_instance_key, state) VALUES"
              + " (11, 1, 'ACTIVE'), (12, 2, 'RESOLVED'), (13, 1, 'RESOLVED')");
      st.execute(
          "INSERT INTO engine.variable (variable_key, name, value, scope_key) VALUES (21, 'note', '\""
              + "n".repeat(300)
              + "\"', 1)");

      ProjectionSchema.migrate(c, "engine");
      ProjectionSchema.migrate(c, "engine"); // and again, as every start does: nothing changes

      try (ResultSet rs =
          st.executeQuery(
              "SELECT process_instance_key FROM engine.process_instance WHERE has_incident ORDER BY 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT length(value_prefix) FROM engine.variable WHERE variable_key = 21")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(ProjectionSchema.VALUE_PREFIX);
      }
    }
  }
}

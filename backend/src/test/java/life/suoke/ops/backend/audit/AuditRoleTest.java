package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's database role may insert and read audit rows but neither change nor remove
 * them, while it keeps full use of the domain tables; the owner is stopped by the trigger.
 */
class AuditRoleTest extends ApplicationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired AuditTrail audit;

  @Autowired
  @Qualifier("ownerDataSource")
  DataSource ownerDataSource;

  @Test
  void theApplicationConnectsAsANonSuperuserRole() {
    assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("suoke_app");
    assertThat(
            jdbc.queryForObject(
                "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user",
                Boolean.class))
        .isFalse();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE tableowner = current_user", Long.class))
        .isZero();
  }

  @Test
  void theApplicationRoleCannotUpdateDeleteOrTruncateAuditRows() {
    String actor = "role-" + UUID.randomUUID();
    audit.record(
        AuditEvent.of(actor, AuditActions.USER_UPDATE, "user", "someone")
            .withDetail("enabled", false));
    Map<String, Object> before =
        jdbc.queryForMap("SELECT * FROM audit_event WHERE actor = ?", actor);
    long count = jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class);

    assertThatThrownBy(
            () -> jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE actor = ?", actor))
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("permission denied for table");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE actor = ?", actor))
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("permission denied for table");
    assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_event"))
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("permission denied for table");
    // nor move the search indexer's history behind its back: nothing but the trail is protected
    // there
    assertThatThrownBy(() -> jdbc.update("DELETE FROM flyway_schema_history"))
        .isInstanceOf(DataAccessException.class)
        .hasStackTraceContaining("permission denied for table");

    assertThat(jdbc.queryForMap("SELECT * FROM audit_event WHERE actor = ?", actor))
        .isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class))
        .isGreaterThanOrEqualTo(count);
  }

  @Test
  void theApplicationRoleKeepsFullUseOfTheDomainTables() {
    String group = "role-test-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.update("INSERT INTO app_group (name, display_name) VALUES (?, 'before')", group);
    assertThat(jdbc.update("UPDATE app_group SET display_name = '之后' WHERE name = ?", group))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT display_name FROM app_group WHERE name = ?", String.class, group))
        .isEqualTo("之后");
    assertThat(jdbc.update("DELETE FROM app_group WHERE name = ?", group)).isEqualTo(1);
  }

  @Test
  void evenTheOwnerIsStoppedByTheAppendOnlyTriggers() {
    String actor = "owner-" + UUID.randomUUID();
    audit.record(AuditEvent.of(actor, AuditActions.GROUP_CREATE, "group", "g"));
    JdbcTemplate owner = new JdbcTemplate(ownerDataSource);

    assertThatThrownBy(
            () -> owner.update("UPDATE audit_event SET actor = 'mallory' WHERE actor = ?", actor))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> owner.update("DELETE FROM audit_event WHERE actor = ?", actor))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> owner.execute("TRUNCATE audit_event"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE actor = ?", Long.class, actor))
        .isEqualTo(1);
  }
}

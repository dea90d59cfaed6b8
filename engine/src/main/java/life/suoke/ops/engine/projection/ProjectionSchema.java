package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The projection's tables (the engine's "secondary storage", what searches read), created if absent
 * on every start, like the record log's. Columns are nullable on purpose: a page of records may
 * carry only part of an entity (an incident's resolution, a job's activation), and the upsert fills
 * in what it knows. The flag derived from another table (a process instance's {@code has_incident})
 * is kept in the same transaction as the rows it is derived from ({@link IncidentFlags}).
 */
final class ProjectionSchema {

  /**
   * Characters of a variable's value kept in {@code value_prefix}, the part its filters read off an
   * index.
   */
  static final int VALUE_PREFIX = 256;

  private ProjectionSchema() {}

  static void migrate(Connection c, String schema) throws SQLException {
    String s = '"' + schema + "\".";
    String[] ddl = {
      "CREATE SCHEMA IF NOT EXISTS \"" + schema + '"',
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "process_definition ("
          + "process_definition_key BIGINT PRIMARY KEY, bpmn_process_id TEXT, name TEXT, version INT, version_tag TEXT,"
          + " resource_name TEXT, tenant_id TEXT, deployment_key BIGINT, bpmn_xml TEXT)",
      "CREATE INDEX IF NOT EXISTS process_definition_id ON "
          + s
          + "process_definition (bpmn_process_id, tenant_id, version)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "process_instance ("
          + "process_instance_key BIGINT PRIMARY KEY, process_definition_key BIGINT, bpmn_process_id TEXT, process_name TEXT,"
          + " version INT, version_tag TEXT, tenant_id TEXT, state TEXT, start_date TIMESTAMPTZ, end_date TIMESTAMPTZ,"
          + " parent_process_instance_key BIGINT, parent_element_instance_key BIGINT)",
      // Operate's list: newest first (start date, then key, as searches sort: nulls last), by
      // process and state, by
      // state, by process definition; a first page reads its rows off one of them, a keyset page
      // continues there,
      // and their totals are counted from them index-only
      "DROP INDEX IF EXISTS " + s + "process_instance_process",
      "DROP INDEX IF EXISTS " + s + "process_instance_start",
      "CREATE INDEX IF NOT EXISTS process_instance_started ON "
          + s
          + "process_instance"
          + " (start_date DESC NULLS LAST, process_instance_key DESC NULLS LAST)",
      "CREATE INDEX IF NOT EXISTS process_instance_process_started ON "
          + s
          + "process_instance"
          + " (bpmn_process_id, state, start_date DESC NULLS LAST, process_instance_key DESC NULLS LAST)",
      "CREATE INDEX IF NOT EXISTS process_instance_state_started ON "
          + s
          + "process_instance"
          + " (state, start_date DESC NULLS LAST, process_instance_key DESC NULLS LAST)",
      "CREATE INDEX IF NOT EXISTS process_instance_definition_started ON "
          + s
          + "process_instance"
          + " (process_definition_key, state, start_date DESC NULLS LAST, process_instance_key DESC NULLS LAST)",
      "CREATE INDEX IF NOT EXISTS process_instance_parent ON "
          + s
          + "process_instance (parent_process_instance_key)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "element_instance ("
          + "element_instance_key BIGINT PRIMARY KEY, process_instance_key BIGINT, process_definition_key BIGINT,"
          + " bpmn_process_id TEXT, element_id TEXT, element_name TEXT, type TEXT, state TEXT, flow_scope_key BIGINT,"
          + " start_date TIMESTAMPTZ, end_date TIMESTAMPTZ, tenant_id TEXT)",
      "CREATE INDEX IF NOT EXISTS element_instance_process_instance ON "
          + s
          + "element_instance (process_instance_key)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "variable ("
          + "variable_key BIGINT PRIMARY KEY, name TEXT, value TEXT, scope_key BIGINT, process_instance_key BIGINT,"
          + " process_definition_key BIGINT, bpmn_process_id TEXT, tenant_id TEXT)",
      "CREATE INDEX IF NOT EXISTS variable_scope ON " + s + "variable (scope_key, name)",
      "CREATE INDEX IF NOT EXISTS variable_process_instance ON "
          + s
          + "variable (process_instance_key)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "user_task ("
          + "user_task_key BIGINT PRIMARY KEY, element_instance_key BIGINT, process_instance_key BIGINT,"
          + " process_definition_key BIGINT, bpmn_process_id TEXT, process_definition_version INT, element_id TEXT,"
          + " name TEXT, process_name TEXT, state TEXT, assignee TEXT, candidate_groups TEXT[], candidate_users TEXT[],"
          + " due_date TIMESTAMPTZ, follow_up_date TIMESTAMPTZ, priority INT, creation_date TIMESTAMPTZ,"
          + " completion_date TIMESTAMPTZ, form_key BIGINT, external_form_reference TEXT, tenant_id TEXT)",
      "CREATE INDEX IF NOT EXISTS user_task_state ON " + s + "user_task (state, creation_date)",
      "CREATE INDEX IF NOT EXISTS user_task_process_instance ON "
          + s
          + "user_task (process_instance_key)",
      "CREATE INDEX IF NOT EXISTS user_task_assignee ON " + s + "user_task (assignee)",
      // the inbox: candidate groups and users ($in and $eq become && and @>, which GIN serves),
      // and the tasks of a state in each sort order exactly as searches sort (value NULLS LAST,
      // then the
      // key), so that a page of the first rows is read off an index instead of sorting every match
      "CREATE INDEX IF NOT EXISTS user_task_candidate_groups ON "
          + s
          + "user_task USING gin (candidate_groups)",
      "CREATE INDEX IF NOT EXISTS user_task_candidate_users ON "
          + s
          + "user_task USING gin (candidate_users)",
      "CREATE INDEX IF NOT EXISTS user_task_state_due_asc ON "
          + s
          + "user_task (state, due_date ASC NULLS LAST, user_task_key)",
      "CREATE INDEX IF NOT EXISTS user_task_state_due_desc ON "
          + s
          + "user_task (state, due_date DESC NULLS LAST, user_task_key)",
      "CREATE INDEX IF NOT EXISTS user_task_state_priority_asc ON "
          + s
          + "user_task (state, priority ASC NULLS LAST, user_task_key)",
      "CREATE INDEX IF NOT EXISTS user_task_state_priority_desc ON "
          + s
          + "user_task (state, priority DESC NULLS LAST, user_task_key)",
      "CREATE INDEX IF NOT EXISTS user_task_state_created_desc ON "
          + s
          + "user_task (state, creation_date DESC NULLS LAST, user_task_key)",
      // the open user tasks once per candidate group, for counting (see UserTaskGroupCount)
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "user_task_candidate_group ("
          + "user_task_key BIGINT NOT NULL, candidate_group TEXT NOT NULL, state TEXT, assignee TEXT, group_count INT NOT NULL,"
          + " has_candidate_users BOOLEAN NOT NULL, candidate_groups TEXT[], candidate_users TEXT[],"
          + " PRIMARY KEY (user_task_key, candidate_group))",
      // keys only (no INCLUDE), so that B-tree deduplication keeps it small: equal keys share one
      // entry
      "CREATE INDEX IF NOT EXISTS user_task_candidate_group_count ON "
          + s
          + "user_task_candidate_group"
          + " (candidate_group, state, assignee, group_count, has_candidate_users)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "incident ("
          + "incident_key BIGINT PRIMARY KEY, process_instance_key BIGINT, process_definition_key BIGINT,"
          + " bpmn_process_id TEXT, element_id TEXT, element_instance_key BIGINT, job_key BIGINT, error_type TEXT,"
          + " error_message TEXT, state TEXT, creation_time TIMESTAMPTZ, tenant_id TEXT)",
      "CREATE INDEX IF NOT EXISTS incident_process_instance ON "
          + s
          + "incident (process_instance_key, state)",
      "CREATE INDEX IF NOT EXISTS incident_element_instance ON "
          + s
          + "incident (element_instance_key, state)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "job ("
          + "job_key BIGINT PRIMARY KEY, type TEXT, worker TEXT, state TEXT, retries INT, error_message TEXT,"
          + " error_code TEXT, deadline TIMESTAMPTZ, element_id TEXT, element_instance_key BIGINT,"
          + " process_instance_key BIGINT, process_definition_key BIGINT, bpmn_process_id TEXT,"
          + " process_definition_version INT, custom_headers TEXT, tenant_id TEXT, end_time TIMESTAMPTZ)",
      "CREATE INDEX IF NOT EXISTS job_process_instance ON " + s + "job (process_instance_key)",
      // batch operations and their items (searched by batch, by state within a batch, by process
      // instance)
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "batch_operation ("
          + "batch_operation_key BIGINT PRIMARY KEY, type TEXT, state TEXT, initialized BOOLEAN, start_date TIMESTAMPTZ,"
          + " end_date TIMESTAMPTZ, operations_total_count INT, operations_completed_count INT, operations_failed_count INT,"
          + " errors TEXT, entity_filter TEXT)",
      "CREATE INDEX IF NOT EXISTS batch_operation_state ON "
          + s
          + "batch_operation (state, batch_operation_key)",
      "CREATE TABLE IF NOT EXISTS "
          + s
          + "batch_operation_item ("
          + "batch_operation_key BIGINT NOT NULL, item_key BIGINT NOT NULL, process_instance_key BIGINT, state TEXT,"
          + " processed_date TIMESTAMPTZ, error_message TEXT, PRIMARY KEY (batch_operation_key, item_key))",
      "CREATE INDEX IF NOT EXISTS batch_operation_item_state ON "
          + s
          + "batch_operation_item (batch_operation_key, state, item_key)",
      "CREATE INDEX IF NOT EXISTS batch_operation_item_process_instance ON "
          + s
          + "batch_operation_item (process_instance_key)",
      // whether an instance has an active incident, kept by the projection in the page's
      // transaction that changes its
      // incidents (IncidentFlags), so that "with incident" reads an index instead of probing every
      // instance
      "ALTER TABLE "
          + s
          + "process_instance ADD COLUMN IF NOT EXISTS has_incident BOOLEAN NOT NULL DEFAULT FALSE",
      "CREATE INDEX IF NOT EXISTS process_instance_incident_started ON "
          + s
          + "process_instance"
          + " (has_incident, start_date DESC NULLS LAST, process_instance_key DESC NULLS LAST)",
      // in key order per state: counting the instances of a state that have a variable value is
      // then a merge of two
      // index-only scans (this one and variable_name_value), which stops at the count's bound
      "CREATE INDEX IF NOT EXISTS process_instance_state_key ON "
          + s
          + "process_instance (state, process_instance_key)",
      // a variable filter compares values: the first VALUE_PREFIX characters of each, in an index
      // with the name and the
      // scope, answer it without visiting the table (a value of fewer characters is equal exactly
      // when its prefix is)
      "ALTER TABLE "
          + s
          + "variable ADD COLUMN IF NOT EXISTS value_prefix TEXT GENERATED ALWAYS AS (left(value, "
          + VALUE_PREFIX
          + ")) STORED",
      "DROP INDEX IF EXISTS " + s + "variable_value",
      "CREATE INDEX IF NOT EXISTS variable_name_value ON "
          + s
          + "variable (name, value_prefix, scope_key)",
    };
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      boolean fill = !exists(st, schema, "user_task_candidate_group");
      boolean flags =
          exists(st, schema, "process_instance")
              && !hasColumn(st, schema, "process_instance", "has_incident");
      boolean prefixes =
          exists(st, schema, "variable") && !hasColumn(st, schema, "variable", "value_prefix");
      for (String sql : ddl) {
        st.execute(sql);
      }
      if (fill) {
        // a projection from before this table: derive it from the user tasks there
        st.execute(UserTaskGroupCount.fillSql(s, "TRUE"));
      }
      if (flags) {
        // a projection from before the flag: derive it from the active incidents there
        st.execute(
            "UPDATE "
                + s
                + "process_instance p SET has_incident = TRUE WHERE p.process_instance_key IN"
                + " (SELECT i.process_instance_key FROM "
                + s
                + "incident i WHERE i.state = 'ACTIVE')");
      }
      c.commit();
      if (flags || prefixes) {
        // the tables were rewritten: statistics for the planner and the visibility map for
        // index-only scans now,
        // not whenever autovacuum comes round (VACUUM runs outside a transaction)
        c.setAutoCommit(true);
        st.execute("VACUUM (ANALYZE) " + s + "process_instance");
        st.execute("VACUUM (ANALYZE) " + s + "variable");
      }
    } catch (SQLException e) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static boolean hasColumn(Statement st, String schema, String table, String column)
      throws SQLException {
    try (ResultSet rs =
        st.executeQuery(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                + schema.replace("'", "''")
                + "' AND table_name = '"
                + table
                + "' AND column_name = '"
                + column
                + "'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  private static boolean exists(Statement st, String schema, String table) throws SQLException {
    String name = ('"' + schema + "\"." + table).replace("'", "''");
    try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}

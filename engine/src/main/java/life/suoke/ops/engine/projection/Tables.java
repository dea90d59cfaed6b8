package life.suoke.ops.engine.projection;

import static java.sql.Types.ARRAY;
import static java.sql.Types.BIGINT;
import static java.sql.Types.BOOLEAN;
import static java.sql.Types.INTEGER;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;
import static life.suoke.ops.engine.projection.TableWriter.Column.first;
import static life.suoke.ops.engine.projection.TableWriter.Column.of;
import static life.suoke.ops.engine.projection.TableWriter.Column.overwrite;

import java.util.List;

/**
 * The writers of one page, one per table, with their columns in the order the projectors pass
 * values. Flushed in this order, so that definitions are there before the rows that name them.
 */
final class Tables {

  final TableWriter processDefinitions;
  final TableWriter processInstances;
  final TableWriter elementInstances;
  final TableWriter variables;
  final TableWriter jobs;
  final TableWriter userTasks;
  final TableWriter incidents;
  final TableWriter batchOperations;
  final TableWriter batchOperationItems;
  final List<TableWriter> all;

  Tables(String schema) {
    String s = '"' + schema + "\".";
    processDefinitions =
        new TableWriter(
            s + "process_definition",
            List.of(
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("name", VARCHAR),
                of("version", INTEGER),
                of("version_tag", VARCHAR),
                of("resource_name", VARCHAR),
                of("tenant_id", VARCHAR),
                of("deployment_key", BIGINT),
                of("bpmn_xml", VARCHAR)));
    processInstances =
        new TableWriter(
            s + "process_instance",
            List.of(
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("process_name", VARCHAR),
                of("version", INTEGER),
                of("version_tag", VARCHAR),
                of("tenant_id", VARCHAR),
                of("state", VARCHAR),
                first("start_date", TIMESTAMP_WITH_TIMEZONE),
                of("end_date", TIMESTAMP_WITH_TIMEZONE),
                of("parent_process_instance_key", BIGINT),
                of("parent_element_instance_key", BIGINT)));
    elementInstances =
        new TableWriter(
            s + "element_instance",
            List.of(
                of("element_instance_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("element_id", VARCHAR),
                of("element_name", VARCHAR),
                of("type", VARCHAR),
                of("state", VARCHAR),
                of("flow_scope_key", BIGINT),
                first("start_date", TIMESTAMP_WITH_TIMEZONE),
                of("end_date", TIMESTAMP_WITH_TIMEZONE),
                of("tenant_id", VARCHAR)));
    variables =
        new TableWriter(
            s + "variable",
            List.of(
                of("variable_key", BIGINT),
                of("name", VARCHAR),
                of("value", VARCHAR),
                of("scope_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("tenant_id", VARCHAR)));
    jobs =
        new TableWriter(
            s + "job",
            List.of(
                of("job_key", BIGINT),
                of("type", VARCHAR),
                overwrite("worker", VARCHAR),
                of("state", VARCHAR),
                of("retries", INTEGER),
                overwrite("error_message", VARCHAR),
                overwrite("error_code", VARCHAR),
                overwrite("deadline", TIMESTAMP_WITH_TIMEZONE),
                of("element_id", VARCHAR),
                of("element_instance_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("process_definition_version", INTEGER),
                of("custom_headers", VARCHAR),
                of("tenant_id", VARCHAR),
                of("end_time", TIMESTAMP_WITH_TIMEZONE)));
    userTasks =
        new TableWriter(
            s + "user_task",
            List.of(
                of("user_task_key", BIGINT),
                of("element_instance_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("process_definition_version", INTEGER),
                of("element_id", VARCHAR),
                of("name", VARCHAR),
                of("process_name", VARCHAR),
                of("state", VARCHAR),
                overwrite("assignee", VARCHAR),
                overwrite("candidate_groups", ARRAY),
                overwrite("candidate_users", ARRAY),
                overwrite("due_date", TIMESTAMP_WITH_TIMEZONE),
                overwrite("follow_up_date", TIMESTAMP_WITH_TIMEZONE),
                of("priority", INTEGER),
                first("creation_date", TIMESTAMP_WITH_TIMEZONE),
                of("completion_date", TIMESTAMP_WITH_TIMEZONE),
                of("form_key", BIGINT),
                of("external_form_reference", VARCHAR),
                of("tenant_id", VARCHAR)));
    incidents =
        new TableWriter(
            s + "incident",
            List.of(
                of("incident_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("process_definition_key", BIGINT),
                of("bpmn_process_id", VARCHAR),
                of("element_id", VARCHAR),
                of("element_instance_key", BIGINT),
                of("job_key", BIGINT),
                of("error_type", VARCHAR),
                of("error_message", VARCHAR),
                of("state", VARCHAR),
                first("creation_time", TIMESTAMP_WITH_TIMEZONE),
                of("tenant_id", VARCHAR)));
    batchOperations =
        new TableWriter(
            s + "batch_operation",
            List.of(
                of("batch_operation_key", BIGINT),
                of("type", VARCHAR),
                of("state", VARCHAR),
                of("initialized", BOOLEAN),
                first("start_date", TIMESTAMP_WITH_TIMEZONE),
                of("end_date", TIMESTAMP_WITH_TIMEZONE),
                of("operations_total_count", INTEGER),
                of("operations_completed_count", INTEGER),
                of("operations_failed_count", INTEGER),
                of("errors", VARCHAR),
                of("entity_filter", VARCHAR)));
    batchOperationItems =
        new TableWriter(
            s + "batch_operation_item",
            2,
            List.of(
                of("batch_operation_key", BIGINT),
                of("item_key", BIGINT),
                of("process_instance_key", BIGINT),
                of("state", VARCHAR),
                of("processed_date", TIMESTAMP_WITH_TIMEZONE),
                of("error_message", VARCHAR)));
    all =
        List.of(
            processDefinitions,
            processInstances,
            elementInstances,
            variables,
            jobs,
            userTasks,
            incidents,
            batchOperations,
            batchOperationItems);
  }
}

package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.BOOL;
import static life.suoke.ops.engine.projection.FieldType.DATE;
import static life.suoke.ops.engine.projection.FieldType.INT;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import java.util.LinkedHashSet;

/** {@code /v2/process-instances/search} and {@code GET /v2/process-instances/{key}}. */
final class ProcessInstanceSearch {

  /**
   * An instance has an incident while one of its incidents is active: the projection keeps the flag
   * in the transaction that writes the incidents, never stale (see the projection's IncidentFlags).
   */
  static final String HAS_INCIDENT = "t.has_incident";

  static final SearchSpec SPEC =
      SearchSpec.on("process_instance", "process_instance_key")
          .select("t.*")
          .field("processInstanceKey", "t.process_instance_key", KEY)
          .field("processDefinitionId", "t.bpmn_process_id", TEXT)
          .field("processDefinitionName", "t.process_name", TEXT)
          .field("processDefinitionVersion", "t.version", INT)
          .field("processDefinitionVersionTag", "t.version_tag", TEXT)
          .field("processDefinitionKey", "t.process_definition_key", KEY)
          .field("parentProcessInstanceKey", "t.parent_process_instance_key", KEY)
          .field("parentElementInstanceKey", "t.parent_element_instance_key", KEY)
          .field("startDate", "t.start_date", DATE)
          .field("endDate", "t.end_date", DATE)
          .field("state", "t.state", TEXT)
          .field("hasIncident", HAS_INCIDENT, BOOL)
          .field("tenantId", "t.tenant_id", TEXT)
          .variables("variables", "t.process_instance_key")
          .build(
              ProcessInstanceSearch::item,
              (items, page) ->
                  new ProcessInstanceSearchQueryResult().items(SearchSpec.items(items)).page(page));

  private ProcessInstanceSearch() {}

  private static Object item(java.util.Map<String, Object> row) {
    return new ProcessInstanceResult()
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .processDefinitionId(Rows.text(row, "bpmn_process_id"))
        .processDefinitionName(Rows.text(row, "process_name"))
        .processDefinitionVersion(Rows.integer(row, "version"))
        .processDefinitionVersionTag(Rows.text(row, "version_tag"))
        .processDefinitionKey(Rows.key(row, "process_definition_key"))
        .parentProcessInstanceKey(Rows.key(row, "parent_process_instance_key"))
        .parentElementInstanceKey(Rows.key(row, "parent_element_instance_key"))
        .startDate(Rows.date(row, "start_date"))
        .endDate(Rows.date(row, "end_date"))
        .state(ProcessInstanceStateEnum.fromValue(Rows.text(row, "state")))
        .hasIncident(Rows.bool(row, "has_incident"))
        .tenantId(Rows.text(row, "tenant_id"))
        .tags(new LinkedHashSet<>());
  }
}

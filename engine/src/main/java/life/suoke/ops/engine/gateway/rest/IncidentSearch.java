package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.DATE;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import java.util.Map;

/**
 * {@code /v2/incidents/search} and {@code GET /v2/incidents/{key}}: active and resolved incidents.
 */
final class IncidentSearch {

  static final SearchSpec SPEC =
      SearchSpec.on("incident", "incident_key")
          .field("incidentKey", "t.incident_key", KEY)
          .field("processInstanceKey", "t.process_instance_key", KEY)
          .field("processDefinitionKey", "t.process_definition_key", KEY)
          .field("processDefinitionId", "t.bpmn_process_id", TEXT)
          .field("elementId", "t.element_id", TEXT)
          .field("elementInstanceKey", "t.element_instance_key", KEY)
          .field("jobKey", "t.job_key", KEY)
          .field("errorType", "t.error_type", TEXT)
          .field("errorMessage", "t.error_message", TEXT)
          .field("state", "t.state", TEXT)
          .field("creationTime", "t.creation_time", DATE)
          .field("tenantId", "t.tenant_id", TEXT)
          .build(
              IncidentSearch::item,
              (items, page) ->
                  new IncidentSearchQueryResult().items(SearchSpec.items(items)).page(page));

  private IncidentSearch() {}

  private static Object item(Map<String, Object> row) {
    return new IncidentResult()
        .incidentKey(Rows.key(row, "incident_key"))
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .processDefinitionKey(Rows.key(row, "process_definition_key"))
        .processDefinitionId(Rows.text(row, "bpmn_process_id"))
        .elementId(Rows.text(row, "element_id"))
        .elementInstanceKey(Rows.key(row, "element_instance_key"))
        .jobKey(Rows.key(row, "job_key"))
        .errorType(IncidentResult.ErrorTypeEnum.fromValue(Rows.text(row, "error_type")))
        .errorMessage(Rows.text(row, "error_message"))
        .state(IncidentResult.StateEnum.fromValue(Rows.text(row, "state")))
        .creationTime(Rows.date(row, "creation_time"))
        .tenantId(Rows.text(row, "tenant_id"));
  }
}

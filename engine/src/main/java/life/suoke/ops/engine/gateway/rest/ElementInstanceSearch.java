package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.BOOL;
import static life.suoke.ops.engine.projection.FieldType.DATE;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import java.util.Map;

/** {@code /v2/element-instances/search} and {@code GET /v2/element-instances/{key}}. */
final class ElementInstanceSearch {

  static final String INCIDENT_KEY =
      "(SELECT max(i.incident_key) FROM {s}incident i WHERE i.element_instance_key = t.element_instance_key AND i.state = 'ACTIVE')";

  static final SearchSpec SPEC =
      SearchSpec.on("element_instance", "element_instance_key")
          .select("t.*", INCIDENT_KEY + " AS incident_key")
          .field("elementInstanceKey", "t.element_instance_key", KEY)
          .field("processInstanceKey", "t.process_instance_key", KEY)
          .field("processDefinitionKey", "t.process_definition_key", KEY)
          .field("processDefinitionId", "t.bpmn_process_id", TEXT)
          .field("elementId", "t.element_id", TEXT)
          .field("elementName", "t.element_name", TEXT)
          .field("type", "t.type", TEXT)
          .field("state", "t.state", TEXT)
          .field("startDate", "t.start_date", DATE)
          .field("endDate", "t.end_date", DATE)
          .field("tenantId", "t.tenant_id", TEXT)
          .field("incidentKey", INCIDENT_KEY, KEY)
          .filterOnly("hasIncident", "(" + INCIDENT_KEY + " IS NOT NULL)", BOOL)
          .filterOnly("elementInstanceScopeKey", "t.flow_scope_key", KEY)
          .build(
              ElementInstanceSearch::item,
              (items, page) ->
                  new ElementInstanceSearchQueryResult().items(SearchSpec.items(items)).page(page));

  private ElementInstanceSearch() {}

  private static Object item(Map<String, Object> row) {
    String incidentKey = Rows.key(row, "incident_key");
    return new ElementInstanceResult()
        .elementInstanceKey(Rows.key(row, "element_instance_key"))
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .processDefinitionKey(Rows.key(row, "process_definition_key"))
        .processDefinitionId(Rows.text(row, "bpmn_process_id"))
        .elementId(Rows.text(row, "element_id"))
        .elementName(Rows.text(row, "element_name"))
        .type(ElementInstanceResult.TypeEnum.fromValue(Rows.text(row, "type")))
        .state(ElementInstanceStateEnum.fromValue(Rows.text(row, "state")))
        .startDate(Rows.date(row, "start_date"))
        .endDate(Rows.date(row, "end_date"))
        .hasIncident(incidentKey != null)
        .incidentKey(incidentKey)
        .tenantId(Rows.text(row, "tenant_id"));
  }
}

package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.BOOL;
import static life.suoke.ops.engine.projection.FieldType.INT;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import java.util.Map;

/** {@code /v2/process-definitions/search} (reads by key come from the engine's live state). */
final class ProcessDefinitionSearch {

  static final String IS_LATEST =
      "(t.version = (SELECT max(d.version) FROM {s}process_definition d"
          + " WHERE d.bpmn_process_id = t.bpmn_process_id AND d.tenant_id = t.tenant_id))";

  static final SearchSpec SPEC =
      SearchSpec.on("process_definition", "process_definition_key")
          .select(
              "t.process_definition_key",
              "t.bpmn_process_id",
              "t.name",
              "t.version",
              "t.version_tag",
              "t.resource_name",
              "t.tenant_id")
          .field("processDefinitionKey", "t.process_definition_key", KEY)
          .field("processDefinitionId", "t.bpmn_process_id", TEXT)
          .field("name", "t.name", TEXT)
          .field("resourceName", "t.resource_name", TEXT)
          .field("version", "t.version", INT)
          .field("versionTag", "t.version_tag", TEXT)
          .field("tenantId", "t.tenant_id", TEXT)
          .filterOnly("isLatestVersion", IS_LATEST, BOOL)
          .filterOnly("hasStartForm", "false", BOOL)
          .build(
              ProcessDefinitionSearch::item,
              (items, page) ->
                  new ProcessDefinitionSearchQueryResult()
                      .items(SearchSpec.items(items))
                      .page(page));

  private ProcessDefinitionSearch() {}

  private static Object item(Map<String, Object> row) {
    return new ProcessDefinitionResult()
        .processDefinitionKey(Rows.key(row, "process_definition_key"))
        .processDefinitionId(Rows.text(row, "bpmn_process_id"))
        .name(Rows.text(row, "name"))
        .resourceName(Rows.text(row, "resource_name"))
        .version(Rows.integer(row, "version"))
        .versionTag(Rows.text(row, "version_tag"))
        .tenantId(Rows.text(row, "tenant_id"))
        .hasStartForm(false);
  }
}

package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.BOOL;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import java.util.Map;

/**
 * {@code /v2/variables/search} and {@code GET /v2/variables/{key}}: the current value of every
 * variable, as JSON text, including those of completed scopes. Values are never truncated here.
 */
final class VariableSearch {

  static final SearchSpec SPEC =
      SearchSpec.on("variable", "variable_key")
          .field("variableKey", "t.variable_key", KEY)
          .field("name", "t.name", TEXT)
          .field("value", "t.value", life.suoke.ops.engine.projection.FieldType.JSON)
          .field("scopeKey", "t.scope_key", KEY)
          .field("processInstanceKey", "t.process_instance_key", KEY)
          .field("tenantId", "t.tenant_id", TEXT)
          .filterOnly("isTruncated", "false", BOOL)
          .build(
              VariableSearch::item,
              (items, page) ->
                  new VariableSearchQueryResult().items(SearchSpec.items(items)).page(page));

  private VariableSearch() {}

  private static Object item(Map<String, Object> row) {
    return new VariableSearchResult()
        .variableKey(Rows.key(row, "variable_key"))
        .name(Rows.text(row, "name"))
        .value(String.valueOf(row.get("value")))
        .isTruncated(false)
        .scopeKey(Rows.key(row, "scope_key"))
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .tenantId(Rows.text(row, "tenant_id"));
  }
}

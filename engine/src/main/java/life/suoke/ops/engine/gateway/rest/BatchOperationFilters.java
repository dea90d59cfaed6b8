package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import life.suoke.ops.engine.api.BatchOperationCreation;
import life.suoke.ops.engine.projection.Condition;

/**
 * The process instance filters of batch operations: the search API's process instance filter, with
 * what the operation's type overrides (Camunda 8.8: only ACTIVE instances, and for a cancellation
 * only root instances, whatever the filter says about state and parent).
 */
public final class BatchOperationFilters {

  private BatchOperationFilters() {}

  /**
   * The filter a batch operation keeps, as JSON: the client's, checked as a search filter, with the
   * type's overrides. A missing filter is refused naming it; one that filters nothing is passed on
   * as {@code {}}, which the engine refuses (Zeebe's "Given filter is empty").
   */
  static String prepare(String type, JsonNode filter) {
    if (filter == null || filter.isNull()) {
      throw RestProblem.invalidArgument("No filter provided.");
    }
    if (!filter.isObject()) {
      throw RestProblem.invalidArgument(
          "The value for filter is '%s' but must be a JSON object.", filter);
    }
    if (FilterReader.read(ProcessInstanceSearch.SPEC, filter).isEmpty()) {
      return "{}";
    }
    ObjectNode prepared = filter.deepCopy();
    prepared.put("state", "ACTIVE");
    if (BatchOperationCreation.CANCEL_PROCESS_INSTANCE.equals(type)) {
      prepared.putObject("parentProcessInstanceKey").put("$exists", false);
    }
    FilterReader.read(ProcessInstanceSearch.SPEC, prepared);
    return prepared.toString();
  }

  /**
   * The conditions of a batch operation's filter over the projection's {@code process_instance}
   * rows ({@code t}).
   */
  public static List<Condition> conditions(String filterJson) {
    try {
      return FilterReader.read(ProcessInstanceSearch.SPEC, RestJson.MAPPER.readTree(filterJson));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a filter: " + filterJson, e);
    }
  }
}

package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.DATE;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.BatchOperationError;
import io.camunda.client.protocol.rest.BatchOperationItemResponse;
import io.camunda.client.protocol.rest.BatchOperationItemSearchQueryResult;
import io.camunda.client.protocol.rest.BatchOperationResponse;
import io.camunda.client.protocol.rest.BatchOperationSearchQueryResult;
import io.camunda.client.protocol.rest.BatchOperationTypeEnum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/batch-operations/{key}}, {@code POST /v2/batch-operations/search} and {@code POST
 * /v2/batch-operation-items/search}, with Camunda 8.8's fields: a batch's state, type, dates and
 * counts ({@code operationsTotalCount}, {@code operationsCompletedCount}, {@code
 * operationsFailedCount}), and each item's state, processed date and error message.
 */
final class BatchOperationSearch {

  static final SearchSpec BATCHES =
      SearchSpec.on("batch_operation", "batch_operation_key")
          .field("batchOperationKey", "t.batch_operation_key", KEY)
          .field("operationType", "t.type", TEXT)
          .field("state", "t.state", TEXT)
          .field("startDate", "t.start_date", DATE)
          .field("endDate", "t.end_date", DATE)
          .build(
              BatchOperationSearch::batch,
              (items, page) ->
                  new BatchOperationSearchQueryResult().items(SearchSpec.items(items)).page(page));

  static final SearchSpec ITEMS =
      SearchSpec.on("batch_operation_item", "item_key")
          .tieBreakers("t.batch_operation_key", "t.item_key")
          .select(
              "t.*",
              "(SELECT b.type FROM {s}batch_operation b WHERE b.batch_operation_key = t.batch_operation_key) AS operation_type")
          .field("batchOperationKey", "t.batch_operation_key", KEY)
          .field("itemKey", "t.item_key", KEY)
          .field("processInstanceKey", "t.process_instance_key", KEY)
          .field("state", "t.state", TEXT)
          .build(
              BatchOperationSearch::item,
              (items, page) ->
                  new BatchOperationItemSearchQueryResult()
                      .items(SearchSpec.items(items))
                      .page(page));

  private BatchOperationSearch() {}

  private static Object batch(Map<String, Object> row) {
    return new BatchOperationResponse()
        .batchOperationKey(Rows.key(row, "batch_operation_key"))
        .state(BatchOperationResponse.StateEnum.fromValue(Rows.text(row, "state")))
        .batchOperationType(BatchOperationTypeEnum.fromValue(Rows.text(row, "type")))
        .startDate(Rows.date(row, "start_date"))
        .endDate(Rows.date(row, "end_date"))
        .operationsTotalCount(count(row, "operations_total_count"))
        .operationsCompletedCount(count(row, "operations_completed_count"))
        .operationsFailedCount(count(row, "operations_failed_count"))
        .errors(errors(Rows.text(row, "errors")));
  }

  private static int count(Map<String, Object> row, String column) {
    Integer value = Rows.integer(row, column);
    return value == null ? 0 : value;
  }

  private static List<BatchOperationError> errors(String json) {
    List<BatchOperationError> errors = new ArrayList<>();
    if (json == null) {
      return errors;
    }
    try {
      for (JsonNode error : RestJson.MAPPER.readTree(json)) {
        errors.add(
            new BatchOperationError()
                .partitionId(error.path("partitionId").asInt())
                .type(BatchOperationError.TypeEnum.fromValue(error.path("type").asText()))
                .message(error.path("message").asText()));
      }
    } catch (IOException e) {
      // a row written by this engine always holds a JSON list
    }
    return errors;
  }

  private static Object item(Map<String, Object> row) {
    String type = Rows.text(row, "operation_type");
    return new BatchOperationItemResponse()
        .batchOperationKey(Rows.key(row, "batch_operation_key"))
        .operationType(type == null ? null : BatchOperationTypeEnum.fromValue(type))
        .itemKey(Rows.key(row, "item_key"))
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .state(BatchOperationItemResponse.StateEnum.fromValue(Rows.text(row, "state")))
        .processedDate(Rows.date(row, "processed_date"))
        .errorMessage(Rows.text(row, "error_message"));
  }
}

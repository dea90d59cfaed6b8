package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import life.suoke.ops.engine.projection.Condition;
import life.suoke.ops.engine.projection.FieldType;
import life.suoke.ops.engine.projection.KeysetCursor;
import life.suoke.ops.engine.projection.SearchStore;
import life.suoke.ops.engine.projection.TableQuery;

/**
 * The searches ({@code POST /v2/<entities>/search}) and reads by key ({@code GET
 * /v2/<entities>/{key}}) over the projection, which is eventually consistent with the engine, as
 * Camunda's secondary storage is. Paging takes {@code from}/{@code limit}, or the cursors this
 * engine hands out ({@code after}/{@code before}): the sort values of a page's first or last row
 * (see {@link KeysetCursor}), so that the next page is a keyset query whatever its depth.
 */
public final class SearchEndpoints {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private SearchEndpoints() {}

  /** Registers every search and read-by-key endpoint. */
  public static void register(Router router, SearchStore store) {
    route(
        router,
        store,
        "process-instances",
        "processInstanceKey",
        ProcessInstanceSearch.SPEC,
        "Process instance");
    route(
        router,
        store,
        "element-instances",
        "elementInstanceKey",
        ElementInstanceSearch.SPEC,
        "Element instance");
    router.post(
        "/v2/process-definitions/search",
        "SEARCH",
        r -> search(store, ProcessDefinitionSearch.SPEC, r.json()));
    route(router, store, "user-tasks", "userTaskKey", UserTaskSearch.SPEC, "User task");
    route(router, store, "variables", "variableKey", VariableSearch.SPEC, "Variable");
    route(router, store, "incidents", "incidentKey", IncidentSearch.SPEC, "Incident");
    route(
        router,
        store,
        "batch-operations",
        "batchOperationKey",
        BatchOperationSearch.BATCHES,
        "Batch operation");
    router.post(
        "/v2/batch-operation-items/search",
        "SEARCH",
        r -> search(store, BatchOperationSearch.ITEMS, r.json()));
    router.post(
        "/v2/process-instances/{processInstanceKey}/incidents/search",
        "SEARCH",
        r -> processInstanceIncidents(store, r.pathKey("processInstanceKey"), r.json()));
  }

  /**
   * The incidents of a process instance and of every process instance it called (directly or
   * through further call activities): an incident deep in a called process is visible from the top.
   */
  private static CompletableFuture<RestResponse> processInstanceIncidents(
      SearchStore store, long processInstanceKey, JsonBody body) {
    Condition byKey =
        new Condition.Compare(
            "t.process_instance_key",
            FieldType.KEY,
            Condition.Operator.EQ,
            List.of(processInstanceKey));
    TableQuery exists =
        new TableQuery(
            "process_instance",
            "process_instance_key",
            List.of("t.process_instance_key"),
            List.of(byKey),
            List.of(),
            0,
            1);
    return store
        .search(exists)
        .thenCompose(
            found -> {
              if (found.rows().isEmpty()) {
                throw RestProblem.notFound(
                    "Process instance with key '%d' not found", processInstanceKey);
              }
              return search(
                  store,
                  IncidentSearch.SPEC,
                  body,
                  List.of(
                      new Condition.InProcessInstanceTree(
                          "t.process_instance_key", processInstanceKey)));
            });
  }

  private static void route(
      Router router, SearchStore store, String path, String keyName, SearchSpec spec, String what) {
    router.post("/v2/" + path + "/search", "SEARCH", r -> search(store, spec, r.json()));
    router.get(
        "/v2/" + path + "/{" + keyName + "}", r -> get(store, spec, r.pathKey(keyName), what));
  }

  static CompletableFuture<RestResponse> search(SearchStore store, SearchSpec spec, JsonBody body) {
    return search(store, spec, body, List.of());
  }

  private static CompletableFuture<RestResponse> search(
      SearchStore store, SearchSpec spec, JsonBody body, List<Condition> scope) {
    List<Condition> conditions = new ArrayList<>(FilterReader.read(spec, body.get("filter")));
    conditions.addAll(scope);
    List<TableQuery.Order> order = order(spec, body.get("sort"));
    JsonBody page = body.object("page");
    Integer limitValue = page.integer("limit");
    int limit = limitValue == null ? DEFAULT_LIMIT : limitValue;
    if (limit < 0 || limit > MAX_LIMIT) {
      throw RestProblem.invalidArgument(
          "The value for page.limit is '%d' but must be between 0 and %d.", limit, MAX_LIMIT);
    }
    Integer fromValue = page.integer("from");
    int from = fromValue == null ? 0 : fromValue;
    String after = page.text("after");
    String before = page.text("before");
    if (after != null && before != null) {
      throw RestProblem.invalidArgument(
          "Both searchAfter and searchBefore cannot be set at the same time.");
    }
    if (from < 0) {
      throw RestProblem.invalidArgument(
          "The value for page.from is '%d' but must be 0 or more.", from);
    }
    TableQuery query =
        new TableQuery(
            spec.table(),
            spec.keyColumn(),
            spec.tieBreakers(),
            spec.select(),
            conditions,
            order,
            after != null || before != null ? 0 : from,
            limit,
            null);
    String cursor = after != null ? after : before;
    if (cursor != null) {
      // a keyset page: the rows after (before) the one the cursor was taken from, at any depth
      try {
        query =
            new TableQuery(
                query.table(),
                query.keyColumn(),
                query.tieBreakers(),
                query.select(),
                conditions,
                order,
                0,
                limit,
                new TableQuery.Keyset(before != null, KeysetCursor.decode(query, cursor)));
      } catch (IllegalArgumentException e) {
        throw RestProblem.invalidArgument(
            "The cursor '%s' is not one this engine handed out for this search and sort.", cursor);
      }
    }
    TableQuery run = query;
    return store
        .search(run)
        .thenApply(
            result -> {
              List<Object> items = new ArrayList<>(result.rows().size());
              result.rows().forEach(row -> items.add(spec.item().apply(row)));
              SearchQueryPageResponse pageResponse =
                  new SearchQueryPageResponse()
                      .totalItems(result.total())
                      .hasMoreTotalItems(result.more());
              if (!items.isEmpty()) {
                pageResponse
                    .startCursor(KeysetCursor.encode(run, result.rows().get(0)))
                    .endCursor(
                        KeysetCursor.encode(run, result.rows().get(result.rows().size() - 1)));
              }
              return RestResponse.ok(spec.page().apply(items, pageResponse));
            });
  }

  private static CompletableFuture<RestResponse> get(
      SearchStore store, SearchSpec spec, long key, String what) {
    Condition byKey =
        new Condition.Compare(
            "t." + spec.keyColumn(), FieldType.KEY, Condition.Operator.EQ, List.of(key));
    TableQuery query =
        new TableQuery(
            spec.table(), spec.keyColumn(), spec.select(), List.of(byKey), List.of(), 0, 1);
    return store
        .search(query)
        .thenApply(
            result -> {
              if (result.rows().isEmpty()) {
                throw RestProblem.notFound("%s with key '%d' not found", what, key);
              }
              return RestResponse.ok(spec.item().apply(result.rows().get(0)));
            });
  }

  private static List<TableQuery.Order> order(SearchSpec spec, JsonNode sort) {
    List<TableQuery.Order> order = new ArrayList<>();
    if (sort == null || sort.isNull()) {
      return order;
    }
    if (!sort.isArray()) {
      throw RestProblem.invalidArgument("The value for sort is '%s' but must be an array.", sort);
    }
    for (JsonNode item : sort) {
      JsonNode field = item.get("field");
      if (field == null || field.isNull()) {
        throw RestProblem.invalidArgument("Sort field must not be null.");
      }
      String sql = spec.sorts().get(field.asText());
      if (sql == null) {
        throw RestProblem.invalidArgument("Unknown sortBy: %s.", field.asText());
      }
      JsonNode direction = item.get("order");
      String orderText =
          direction == null || direction.isNull()
              ? "asc"
              : direction.asText().toLowerCase(Locale.ROOT);
      if (!orderText.equals("asc") && !orderText.equals("desc")) {
        throw RestProblem.invalidArgument("Unknown sortOrder: %s.", direction.asText());
      }
      order.add(
          new TableQuery.Order(
              sql, orderText.equals("desc"), spec.filters().get(field.asText()).type()));
    }
    return order;
  }
}

package life.suoke.ops.backend.operations;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.audit.EngineEventsInSearch;
import life.suoke.ops.backend.operations.OperationsView.VariableChange;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The changes of a process instance's variables, oldest first: the engine's variable events and the
 * operators' edits ({@link Repairs#VARIABLES_SET}). The engine's events come from the search's
 * exported records ({@code zeebe-record_*}) when its exporter indexes variables, since the audit
 * trail then seals them rather than holding a row for each; from the trail's rows otherwise (and
 * for events audited before seals). The operators' edits are the trail's rows.
 */
@Service
public class VariableHistory {

  /** The most variable events read from the search for one instance. */
  static final int MAX_EVENTS = 10_000;

  private static final String VARIABLE = "VARIABLE";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final JdbcTemplate jdbc;
  private final EngineEventsInSearch engineEvents;

  VariableHistory(
      ElasticsearchClient client,
      JdbcTemplate jdbc,
      ObjectProvider<EngineEventsInSearch> engineEvents) {
    this.client = client;
    this.jdbc = jdbc;
    this.engineEvents = engineEvents.getIfAvailable();
  }

  private record Dated(Instant at, VariableChange change) {}

  public List<VariableChange> of(long processInstanceKey) {
    List<Dated> changes = new ArrayList<>();
    Set<Long> audited = new HashSet<>();
    jdbc.query(
        """
        SELECT actor, action, occurred_at, details, source_position FROM audit_event
        WHERE process_instance_key = ? AND action IN ('VARIABLE.CREATED', 'VARIABLE.UPDATED', ?)
        ORDER BY seq""",
        rs -> {
          JsonNode details = readJson(rs.getString("details"));
          String action = rs.getString("action");
          Instant at = rs.getTimestamp("occurred_at").toInstant();
          String actor = rs.getString("actor");
          long position = rs.getLong("source_position");
          if (!rs.wasNull()) {
            audited.add(position);
          }
          if (action.startsWith(VARIABLE + ".")) {
            changes.add(
                new Dated(
                    at,
                    new VariableChange(
                        details.path("name").asText(),
                        details.path("scopeKey").asText(),
                        text(details.path("value")),
                        actor,
                        at.toString(),
                        action)));
            return;
          }
          details
              .path("variables")
              .fields()
              .forEachRemaining(
                  v ->
                      changes.add(
                          new Dated(
                              at,
                              new VariableChange(
                                  v.getKey(),
                                  details.path("scopeKey").asText(),
                                  v.getValue().toString(),
                                  actor,
                                  at.toString(),
                                  action))));
        },
        processInstanceKey,
        Repairs.VARIABLES_SET);
    if (engineEvents != null && engineEvents.holds(VARIABLE + ".CREATED")) {
      for (Map<String, Object> event : exportedVariableEvents(processInstanceKey)) {
        if (!(event.get("position") instanceof Number position)
            || audited.contains(position.longValue())
            || !(event.get("timestamp") instanceof Number timestamp)
            || !(event.get("value") instanceof Map<?, ?> value)) {
          continue;
        }
        Instant at = Instant.ofEpochMilli(timestamp.longValue());
        Object variableValue = value.get("value");
        changes.add(
            new Dated(
                at,
                new VariableChange(
                    String.valueOf(value.get("name")),
                    String.valueOf(value.get("scopeKey")),
                    variableValue == null ? "null" : variableValue.toString(),
                    "engine",
                    at.toString(),
                    VARIABLE + "." + event.get("intent"))));
      }
    }
    // Stable: rows keep the chain's order, events the log's, where their times are equal.
    changes.sort(Comparator.comparing(Dated::at));
    return changes.stream().map(Dated::change).toList();
  }

  /** The instance's exported variable events, in log order. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<Map<String, Object>> exportedVariableEvents(long processInstanceKey) {
    try {
      SearchResponse<Map> response =
          client.search(
              s ->
                  s.index("zeebe-record_*")
                      .ignoreUnavailable(true)
                      .allowNoIndices(true)
                      .query(
                          q ->
                              q.bool(
                                  b ->
                                      b.filter(
                                              f ->
                                                  f.term(t -> t.field("recordType").value("EVENT")))
                                          .filter(
                                              f ->
                                                  f.term(t -> t.field("valueType").value(VARIABLE)))
                                          .filter(
                                              f ->
                                                  f.term(
                                                      t ->
                                                          t.field("value.processInstanceKey")
                                                              .value(processInstanceKey)))))
                      .sort(o -> o.field(f -> f.field("position").order(SortOrder.Asc)))
                      .size(MAX_EVENTS)
                      .source(
                          src ->
                              src.filter(
                                  f -> f.includes("position", "timestamp", "intent", "value"))),
              Map.class);
      List<Map<String, Object>> events = new ArrayList<>();
      for (Hit<Map> hit : response.hits().hits()) {
        if (hit.source() != null) {
          events.add(hit.source());
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException("the instance's variable events could not be read", e);
    }
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text == null ? "{}" : text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}

package life.suoke.ops.backend.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Auditors' searches over the trail, newest first (by the chain's sequence number). Two sources:
 * the trail's own index ({@link AuditIndex}: every row the engine's exported records do not hold)
 * and, for the engine's events of the value types its search exporter indexes ({@link
 * EngineEventsInSearch}), those exported records ({@code zeebe-record_*}, Zeebe's layout), whose
 * hits are shown as the trail's rows for their log positions, read from PostgreSQL. A page is the
 * newest {@code (page + 1) * size} hits of each source merged by sequence number; the total is the
 * sum of both. An exported record not yet in the trail (the audit exporter is at most {@code
 * suoke.engine.export.audit.max-lag} behind) is left out of the page until it is.
 *
 * <p>The filters on exported records: the actor is {@code engine}; an action {@code
 * VALUE_TYPE.INTENT} is the record's value type and intent; the process instance is {@code
 * value.processInstanceKey}; a task key is a user task record's {@code value.userTaskKey}; a
 * business key is the process instances whose trail rows carry it; the time is the record's
 * timestamp. Free text: each word must equal one of the value's fields (element, process, variable
 * name or value, job type, error message, ...) or be the business key of the record's instance:
 * variables' values and other free-form parts are kept whole, not split into words.
 */
@Service
public class AuditSearch {

  /** One page of results and how many match in all. */
  public record Page(List<Map<String, Object>> items, long total) {}

  static final List<String> FIELDS =
      List.of(
          "seq",
          "occurredAt",
          "actor",
          "action",
          "objectType",
          "objectId",
          "processInstanceKey",
          "businessKey",
          "taskKey",
          "details");

  /** Zeebe's exporter layout: every value type's indices. */
  static final String EXPORTED_RECORDS = "zeebe-record_*";

  /** The most process instances one business key stands for in a search of exported records. */
  static final int MAX_INSTANCES_PER_BUSINESS_KEY = 1_000;

  private final ElasticsearchClient client;
  private final JdbcTemplate jdbc;
  private final EngineEventsInSearch engineEvents;

  AuditSearch(
      ElasticsearchClient client,
      JdbcTemplate jdbc,
      ObjectProvider<EngineEventsInSearch> engineEvents) {
    this.client = client;
    this.jdbc = jdbc;
    this.engineEvents = engineEvents.getIfAvailable();
  }

  public Page search(AuditQuery query) throws IOException {
    Query engineQuery = engineQuery(query);
    if (engineQuery == null) {
      return trailIndex(query, query.page() * query.size(), query.size());
    }
    int wanted = (query.page() + 1) * query.size();
    Page own = trailIndex(query, 0, wanted);
    Page exported = exportedRecords(engineQuery, wanted);
    List<Map<String, Object>> merged =
        new ArrayList<>(own.items().size() + exported.items().size());
    merged.addAll(own.items());
    merged.addAll(exported.items());
    merged.sort(
        Comparator.comparingLong(
                (Map<String, Object> item) -> ((Number) item.get("seq")).longValue())
            .reversed());
    int from = Math.min(query.page() * query.size(), merged.size());
    int to = Math.min(from + query.size(), merged.size());
    return new Page(new ArrayList<>(merged.subList(from, to)), own.total() + exported.total());
  }

  /** The trail's own index: {@code size} rows from the {@code from}-th, newest first. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private Page trailIndex(AuditQuery query, int from, int size) throws IOException {
    if (!client.indices().exists(e -> e.index(AuditIndex.NAME)).value()) {
      return new Page(List.of(), 0);
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    term(bool, "actor", query.actor());
    term(bool, "action", query.action());
    term(bool, "businessKey", query.businessKey());
    term(bool, "processInstanceKey", query.processInstanceKey());
    term(bool, "taskKey", query.taskKey());
    timeRange(bool, "at", query);
    if (query.q() != null) {
      // Every word must be there; a word of Chinese characters as that run of characters.
      for (String word : words(query)) {
        bool.must(m -> m.matchPhrase(p -> p.field("text").query(word)));
      }
    }
    Query q = Query.of(b -> b.bool(bool.build()));
    SearchResponse<Map> response =
        client.search(
            s ->
                s.index(AuditIndex.NAME)
                    .query(q)
                    .sort(o -> o.field(f -> f.field("seq").order(SortOrder.Desc)))
                    .from(from)
                    .size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(FIELDS))),
            Map.class);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      Map<String, Object> source = hit.source();
      Map<String, Object> item = new LinkedHashMap<>();
      for (String field : FIELDS) {
        item.put(field, source == null ? null : source.get(field));
      }
      items.add(item);
    }
    return new Page(items, total(response, items.size()));
  }

  /**
   * The query over the exported records for the engine's events the filters can match, or null when
   * they can match none there (no exported records, another actor, an action the trail's own index
   * holds, a business key of no process instance).
   */
  private Query engineQuery(AuditQuery query) {
    if (engineEvents == null || engineEvents.valueTypes().isEmpty()) {
      return null;
    }
    if (query.actor() != null && !EngineEventsInSearch.ENGINE.equals(query.actor())) {
      return null;
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    bool.filter(f -> f.term(t -> t.field("recordType").value("EVENT")));
    List<FieldValue> types =
        engineEvents.valueTypes().stream().sorted().map(FieldValue::of).toList();
    bool.filter(f -> f.terms(t -> t.field("valueType").terms(v -> v.value(types))));
    if (query.action() != null) {
      if (!engineEvents.holds(query.action())) {
        return null;
      }
      String type = EngineEventsInSearch.valueTypeOf(query.action());
      String intent = query.action().substring(type.length() + 1);
      term(bool, "valueType", type);
      term(bool, "intent", intent);
    }
    term(bool, "value.processInstanceKey", query.processInstanceKey());
    if (query.taskKey() != null) {
      term(bool, "valueType", "USER_TASK");
      term(bool, "value.userTaskKey", query.taskKey());
    }
    if (query.businessKey() != null) {
      List<FieldValue> instances = instancesOf(List.of(query.businessKey()));
      if (instances.isEmpty()) {
        return null;
      }
      bool.filter(
          f -> f.terms(t -> t.field("value.processInstanceKey").terms(v -> v.value(instances))));
    }
    if (query.from() != null || query.to() != null) {
      // The exported records' timestamp is a date: given as epoch milliseconds.
      bool.filter(
          f ->
              f.range(
                  r ->
                      r.date(
                          d -> {
                            d.field("timestamp").format("epoch_millis");
                            if (query.from() != null) {
                              d.gte(Long.toString(query.from().toEpochMilli()));
                            }
                            if (query.to() != null) {
                              d.lt(Long.toString(query.to().toEpochMilli()));
                            }
                            return d;
                          })));
    }
    if (query.q() != null) {
      for (String word : words(query)) {
        List<FieldValue> instances = instancesOf(List.of(word));
        bool.must(
            m ->
                m.bool(
                    b -> {
                      b.should(
                          s ->
                              s.multiMatch(
                                  mm ->
                                      mm.query(word)
                                          .fields("value.*")
                                          .type(TextQueryType.Phrase)
                                          .lenient(true)));
                      if (!instances.isEmpty()) {
                        b.should(
                            s ->
                                s.terms(
                                    t ->
                                        t.field("value.processInstanceKey")
                                            .terms(v -> v.value(instances))));
                      }
                      return b.minimumShouldMatch("1");
                    }));
      }
    }
    return Query.of(b -> b.bool(bool.build()));
  }

  /**
   * The newest {@code size} exported records the query matches, as the trail's rows of their
   * positions.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private Page exportedRecords(Query query, int size) throws IOException {
    SearchResponse<Map> response =
        client.search(
            s ->
                s.index(EXPORTED_RECORDS)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .query(query)
                    .sort(o -> o.field(f -> f.field("position").order(SortOrder.Desc)))
                    .size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes("position"))),
            Map.class);
    List<Long> positions = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      Object position = hit.source() == null ? null : hit.source().get("position");
      if (position instanceof Number n) {
        positions.add(n.longValue());
      }
    }
    List<Map<String, Object>> items = new ArrayList<>(positions.size());
    if (!positions.isEmpty()) {
      Map<Long, AuditEntry> rows = new HashMap<>();
      jdbc.query(
          "SELECT "
              + AuditEntry.COLUMNS
              + ", source_position FROM audit_event"
              + " WHERE source_position = ANY(?)",
          ps -> ps.setArray(1, ps.getConnection().createArrayOf("int8", positions.toArray())),
          rs -> {
            rows.put(rs.getLong("source_position"), AuditEntry.read(rs));
          });
      for (Long position : positions) {
        AuditEntry row = rows.get(position);
        if (row != null) {
          items.add(item(row));
        }
      }
    }
    return new Page(items, total(response, items.size()));
  }

  /** A row as a search result: its document in the trail's own index, the shown fields. */
  private static Map<String, Object> item(AuditEntry row) throws IOException {
    Map<String, Object> document = AuditIndex.document(row);
    Map<String, Object> item = new LinkedHashMap<>();
    for (String field : FIELDS) {
      item.put(field, document.get(field));
    }
    return item;
  }

  /** The process instances whose trail rows carry one of these business keys. */
  private List<FieldValue> instancesOf(List<String> businessKeys) {
    return jdbc
        .queryForList(
            "SELECT DISTINCT process_instance_key FROM audit_event WHERE business_key = ANY(?)"
                + " AND process_instance_key IS NOT NULL LIMIT "
                + MAX_INSTANCES_PER_BUSINESS_KEY,
            Long.class,
            (Object) businessKeys.toArray(String[]::new))
        .stream()
        .map(FieldValue::of)
        .toList();
  }

  private static List<String> words(AuditQuery query) {
    return List.of(query.q().trim().split("\\s+"));
  }

  private static void timeRange(BoolQuery.Builder bool, String field, AuditQuery query) {
    if (query.from() == null && query.to() == null) {
      return;
    }
    // Milliseconds since the epoch, as the trail's index keeps the time.
    bool.filter(
        f ->
            f.range(
                r ->
                    r.number(
                        n -> {
                          n.field(field);
                          if (query.from() != null) {
                            n.gte((double) query.from().toEpochMilli());
                          }
                          if (query.to() != null) {
                            n.lt((double) query.to().toEpochMilli());
                          }
                          return n;
                        })));
  }

  @SuppressWarnings("rawtypes")
  private static long total(SearchResponse<Map> response, int fallback) {
    return response.hits().total() == null ? fallback : response.hits().total().value();
  }

  private static void term(BoolQuery.Builder bool, String field, Object value) {
    if (value == null) {
      return;
    }
    FieldValue fieldValue =
        value instanceof Long l ? FieldValue.of(l) : FieldValue.of(value.toString());
    bool.filter(f -> f.term(t -> t.field(field).value(fieldValue)));
  }
}

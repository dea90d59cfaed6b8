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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.audit.chain.AuditRow;
import life.suoke.ops.backend.audit.chain.AuditSeal;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Auditors' searches over the trail, newest first (by the chain's sequence number). Two sources:
 * the trail's own index ({@link AuditIndex}: every row the engine's exported records do not hold)
 * and, for the engine's events of the value types its search exporter indexes ({@link
 * EngineEventsInSearch}), those exported records ({@code zeebe-record_*}, Zeebe's layout). Those
 * events are sealed in the chain ({@code AuditSeal}): a hit is shown as the trail's row of its
 * event ({@code EngineRecordAuditor#row}: the same fields a row of its own would have), numbered
 * with the sequence number of the seal that holds it; events of one seal are ordered by log
 * position. (An event audited before seals has a row of its own, which is shown.) A page is the
 * newest {@code (page + 1) * size} hits of each source merged; the total is the sum of both. An
 * exported record not yet sealed (the audit exporter is at most {@code
 * suoke.engine.export.audit.max-lag} behind) is left out of the page until it is.
 *
 * <p>The filters on exported records: the actor is {@code engine}; an action {@code
 * VALUE_TYPE.INTENT} is the record's value type and intent; the process instance is {@code
 * value.processInstanceKey}; a task key is a user task record's {@code value.userTaskKey}; a
 * business key is the process instances that have it ({@code audit_business_key}, and the trail's
 * rows); the time is the record's timestamp. Free text: each word must equal one of the value's
 * fields (element, process, variable name or value, job type, error message, ...) or be the
 * business key of the record's instance: variables' values and other free-form parts are kept
 * whole, not split into words.
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
    List<Ranked> merged = new ArrayList<>();
    for (Map<String, Object> item : own.items()) {
      merged.add(new Ranked(((Number) item.get("seq")).longValue(), Long.MAX_VALUE, item));
    }
    long exportedTotal = exportedRecords(engineQuery, wanted, merged);
    merged.sort(
        Comparator.comparingLong(Ranked::seq).thenComparingLong(Ranked::position).reversed());
    int from = Math.min(query.page() * query.size(), merged.size());
    int to = Math.min(from + query.size(), merged.size());
    List<Map<String, Object>> items = new ArrayList<>(to - from);
    for (Ranked r : merged.subList(from, to)) {
      items.add(r.item());
    }
    return new Page(items, own.total() + exportedTotal);
  }

  /**
   * A result with its place: the chain's sequence number, then (for the events of one seal) the log
   * position; a row of the trail's own index comes before the events of the same number.
   */
  private record Ranked(long seq, long position, Map<String, Object> item) {}

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
   * events, added to {@code into}; returns how many match in all.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private long exportedRecords(Query query, int size, List<Ranked> into) throws IOException {
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
                    .source(
                        src ->
                            src.filter(
                                f ->
                                    f.includes(
                                        "position",
                                        "key",
                                        "timestamp",
                                        "valueType",
                                        "intent",
                                        "value"))),
            Map.class);
    List<EngineRecord> events = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      EngineRecord event = engineRecord(hit.source());
      if (event != null) {
        events.add(event);
      }
    }
    if (!events.isEmpty()) {
      Map<Long, Long[]> holders = holders(events);
      Map<Long, AuditEntry> ownRows = new HashMap<>();
      List<Long> withOwnRows = new ArrayList<>();
      Set<Long> instances = new HashSet<>();
      for (EngineRecord event : events) {
        Long[] holder = holders.get(event.position());
        if (holder != null && holder[1] == 1L) {
          withOwnRows.add(event.position());
        }
        Object pik = event.value().get("processInstanceKey");
        if (pik instanceof Number n && n.longValue() > 0) {
          instances.add(n.longValue());
        }
      }
      if (!withOwnRows.isEmpty()) {
        jdbc.query(
            "SELECT "
                + AuditEntry.COLUMNS
                + ", source_position FROM audit_event"
                + " WHERE source_position = ANY(?)",
            ps -> ps.setArray(1, ps.getConnection().createArrayOf("int8", withOwnRows.toArray())),
            rs -> {
              ownRows.put(rs.getLong("source_position"), AuditEntry.read(rs));
            });
      }
      Map<Long, String> businessKeys = businessKeys(instances);
      for (EngineRecord event : events) {
        Long[] holder = holders.get(event.position());
        if (holder == null) {
          continue; // not yet audited
        }
        AuditEntry row = ownRows.get(event.position());
        if (row == null) {
          Object pik = event.value().get("processInstanceKey");
          AuditRow sealed =
              EngineRecordAuditor.row(
                  event, pik instanceof Number n ? businessKeys.get(n.longValue()) : null);
          row = AuditEntry.sealed(holder[0], sealed);
        }
        Map<String, Object> item = item(row);
        item.put("position", event.position());
        into.add(new Ranked(row.seq(), event.position(), item));
      }
    }
    return response.hits().total() == null ? events.size() : response.hits().total().value();
  }

  /** An exported record's document as the event it is, or null if it lacks a part. */
  @SuppressWarnings("unchecked")
  private static EngineRecord engineRecord(Map<String, Object> source) {
    if (source == null
        || !(source.get("position") instanceof Number position)
        || !(source.get("key") instanceof Number key)
        || !(source.get("timestamp") instanceof Number timestamp)
        || !(source.get("valueType") instanceof String valueType)
        || !(source.get("intent") instanceof String intent)) {
      return null;
    }
    Object value = source.get("value");
    return new EngineRecord(
        position.longValue(),
        key.longValue(),
        timestamp.longValue(),
        valueType,
        intent,
        value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
  }

  /**
   * For each event's position, the chain row that holds it: {@code [seq, 1]} for a row of its own,
   * {@code [seq, 0]} for the seal over it; no entry for an event not yet audited. The holder is the
   * first row at or after the position that is the event's own row or a seal: seals are written in
   * log order, so the first seal after an event is the one over it.
   */
  private Map<Long, Long[]> holders(List<EngineRecord> events) {
    Long[] positions = events.stream().map(EngineRecord::position).toArray(Long[]::new);
    Map<Long, Long[]> holders = new HashMap<>();
    jdbc.query(
        "SELECT p.position, a.seq, a.source_position = p.position AND a.action <> ? AS own"
            + " FROM unnest(?::bigint[]) AS p(position)"
            + " JOIN LATERAL (SELECT seq, action, source_position FROM audit_event"
            + " WHERE source_position >= p.position"
            + " AND (source_position = p.position OR action = ?)"
            + " ORDER BY source_position LIMIT 1) a ON true",
        ps -> {
          ps.setString(1, AuditSeal.ACTION);
          ps.setArray(2, ps.getConnection().createArrayOf("int8", positions));
          ps.setString(3, AuditSeal.ACTION);
        },
        rs -> {
          holders.put(
              rs.getLong("position"),
              new Long[] {rs.getLong("seq"), rs.getBoolean("own") ? 1L : 0L});
        });
    return holders;
  }

  /** The business keys of these process instances (those that have one). */
  private Map<Long, String> businessKeys(Set<Long> instances) {
    Map<Long, String> keys = new HashMap<>();
    if (instances.isEmpty()) {
      return keys;
    }
    jdbc.query(
        "SELECT process_instance_key, business_key FROM audit_business_key"
            + " WHERE process_instance_key = ANY(?)",
        ps -> ps.setArray(1, ps.getConnection().createArrayOf("int8", instances.toArray())),
        rs -> {
          keys.put(rs.getLong(1), rs.getString(2));
        });
    return keys;
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

  /** The process instances that have one of these business keys. */
  private List<FieldValue> instancesOf(List<String> businessKeys) {
    String[] keys = businessKeys.toArray(String[]::new);
    return jdbc
        .queryForList(
            "SELECT process_instance_key FROM audit_business_key WHERE business_key = ANY(?)"
                + " UNION SELECT process_instance_key FROM audit_event WHERE business_key = ANY(?)"
                + " AND process_instance_key IS NOT NULL LIMIT "
                + MAX_INSTANCES_PER_BUSINESS_KEY,
            Long.class,
            keys,
            keys)
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

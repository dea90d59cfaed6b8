package life.suoke.ops.backend.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Auditors' searches over the trail's search index ({@link AuditIndex}), newest first. */
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

  private final ElasticsearchClient client;

  AuditSearch(ElasticsearchClient client) {
    this.client = client;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public Page search(AuditQuery query) throws IOException {
    if (!client.indices().exists(e -> e.index(AuditIndex.NAME)).value()) {
      return new Page(List.of(), 0);
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    term(bool, "actor", query.actor());
    term(bool, "action", query.action());
    term(bool, "businessKey", query.businessKey());
    term(bool, "processInstanceKey", query.processInstanceKey());
    term(bool, "taskKey", query.taskKey());
    if (query.from() != null || query.to() != null) {
      // Milliseconds since the epoch, as the index keeps the time.
      bool.filter(
          f ->
              f.range(
                  r ->
                      r.number(
                          n -> {
                            n.field("at");
                            if (query.from() != null) {
                              n.gte((double) query.from().toEpochMilli());
                            }
                            if (query.to() != null) {
                              n.lt((double) query.to().toEpochMilli());
                            }
                            return n;
                          })));
    }
    if (query.q() != null) {
      // Every word must be there; a word of Chinese characters as that run of characters.
      for (String word : query.q().trim().split("\\s+")) {
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
                    .from(query.page() * query.size())
                    .size(query.size())
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
    long total = response.hits().total() == null ? items.size() : response.hits().total().value();
    return new Page(items, total);
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

package life.suoke.ops.backend.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Searches over {@link KnowledgeIndex}: words in title (weighted three times) and body, every word
 * required; filters by type, service and tag; highlighted fragments (HTML-escaped by the search
 * node, matches in {@code <mark>}); counts per type, service and tag of what matched.
 */
@Service
public class KnowledgeSearch {

  static final List<String> FIELDS =
      List.of(
          "id",
          "type",
          "title",
          "services",
          "tags",
          "incidentNumber",
          "version",
          "updatedBy",
          "updatedAt");

  /** One result: the document's fields without its body, and the highlighted fragments by field. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Result(
      Map<String, Object> document, Double score, Map<String, List<String>> highlights) {}

  /** One page of results, how many match in all, and the counts by type, service and tag. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Page(List<Result> items, long total, Map<String, Map<String, Long>> facets) {}

  private final ElasticsearchClient client;
  private final KnowledgeIndex index;

  KnowledgeSearch(ElasticsearchClient client, KnowledgeIndex index) {
    this.client = client;
    this.index = index;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public Page search(KnowledgeQuery query) throws IOException {
    if (!index.exists()) {
      return new Page(List.of(), 0, Map.of());
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    term(bool, "type", query.type());
    term(bool, "services", query.service());
    term(bool, "tags", query.tag());
    boolean words = query.q() != null && !query.q().isBlank();
    if (words) {
      bool.must(
          m ->
              m.multiMatch(
                  mm ->
                      mm.query(query.q().trim())
                          .fields("title^3", "body")
                          .type(TextQueryType.CrossFields)
                          .operator(Operator.And)));
    }
    SearchRequest.Builder request =
        new SearchRequest.Builder()
            .index(KnowledgeIndex.NAME)
            .query(Query.of(b -> b.bool(bool.build())))
            .from(query.page() * query.size())
            .size(query.size())
            .trackTotalHits(t -> t.enabled(true))
            .source(src -> src.filter(f -> f.includes(FIELDS)))
            .aggregations("type", a -> a.terms(t -> t.field("type").size(10)))
            .aggregations("services", a -> a.terms(t -> t.field("services").size(50)))
            .aggregations("tags", a -> a.terms(t -> t.field("tags").size(50)));
    if (words) {
      request.highlight(
          h ->
              h.encoder(co.elastic.clients.elasticsearch.core.search.HighlighterEncoder.Html)
                  .preTags("<mark>")
                  .postTags("</mark>")
                  .fields("title", f -> f.numberOfFragments(0))
                  .fields("body", f -> f.fragmentSize(160).numberOfFragments(3)));
    } else {
      request
          .sort(o -> o.field(f -> f.field("updatedAt").order(SortOrder.Desc)))
          .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)));
    }
    SearchResponse<Map> response = client.search(request.build(), Map.class);
    List<Result> items = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
      Map<String, Object> document = new LinkedHashMap<>();
      for (String field : FIELDS) {
        document.put(field, source.get(field));
      }
      items.add(
          new Result(document, hit.score(), hit.highlight() == null ? Map.of() : hit.highlight()));
    }
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    response
        .aggregations()
        .forEach(
            (name, aggregate) -> {
              Map<String, Long> counts = new LinkedHashMap<>();
              for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                counts.put(bucket.key().stringValue(), bucket.docCount());
              }
              facets.put(name, counts);
            });
    long total = response.hits().total() == null ? items.size() : response.hits().total().value();
    return new Page(items, total, facets);
  }

  /**
   * Documents like an incident: of the given types, about its service (weighted) or matching the
   * words of its alert labels; the incident's own review left out. At most {@code size}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public List<Result> similar(
      String service, Collection<String> labelWords, List<String> types, String except, int size)
      throws IOException {
    if (!index.exists()) {
      return List.of();
    }
    BoolQuery.Builder bool = new BoolQuery.Builder();
    bool.filter(
        f ->
            f.terms(
                t ->
                    t.field("type")
                        .terms(v -> v.value(types.stream().map(FieldValue::of).toList()))));
    if (except != null) {
      bool.mustNot(m -> m.term(t -> t.field("incidentNumber").value(except)));
    }
    if (service != null && !service.isBlank()) {
      bool.should(s -> s.term(t -> t.field("services").value(service).boost(3f)));
    }
    String words = String.join(" ", labelWords);
    if (!words.isBlank()) {
      bool.should(
          s -> s.multiMatch(mm -> mm.query(words).fields("title^2", "body").operator(Operator.Or)));
      for (String word : labelWords) {
        bool.should(s -> s.term(t -> t.field("tags").value(word).boost(2f)));
      }
    }
    bool.minimumShouldMatch("1");
    SearchResponse<Map> response =
        client.search(
            s ->
                s.index(KnowledgeIndex.NAME)
                    .query(Query.of(b -> b.bool(bool.build())))
                    .size(size)
                    .source(src -> src.filter(f -> f.includes(FIELDS))),
            Map.class);
    List<Result> items = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
      Map<String, Object> document = new LinkedHashMap<>();
      for (String field : FIELDS) {
        document.put(field, source.get(field));
      }
      items.add(new Result(document, hit.score(), Map.of()));
    }
    return items;
  }

  private static void term(BoolQuery.Builder bool, String field, String value) {
    if (value != null && !value.isBlank()) {
      bool.filter(f -> f.term(t -> t.field(field).value(value)));
    }
  }
}

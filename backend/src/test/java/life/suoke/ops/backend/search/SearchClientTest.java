package life.suoke.ops.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SearchClientTest extends ApplicationTest {

  record Incident(
      String id, String priority, String service, String status, int minutesToRespond) {}

  @Autowired ElasticsearchClient client;

  @Test
  void indexesSearchesAggregatesAndReadsBackThroughTheElasticsearchClient() throws IOException {
    String index = "incidents-search-round-trip";
    client
        .indices()
        .create(
            c ->
                c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(
                        m ->
                            m.properties("id", p -> p.keyword(k -> k))
                                .properties("priority", p -> p.keyword(k -> k))
                                .properties("service", p -> p.keyword(k -> k))
                                .properties("status", p -> p.keyword(k -> k))
                                .properties("minutesToRespond", p -> p.integer(i -> i))));

    List<Incident> incidents =
        List.of(
            new Incident("INC-1", "P0", "payments", "open", 4),
            new Incident("INC-2", "P1", "payments", "open", 25),
            new Incident("INC-3", "P0", "health-records", "open", 3),
            new Incident("INC-4", "P2", "payments", "closed", 90),
            new Incident("INC-5", "P0", "payments", "closed", 2));
    BulkRequest.Builder bulk =
        new BulkRequest.Builder()
            .index(index)
            .refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
    incidents.forEach(i -> bulk.operations(op -> op.index(ix -> ix.id(i.id()).document(i))));
    assertThat(client.bulk(bulk.build()).errors()).isFalse();

    SearchResponse<Incident> response =
        client.search(
            s ->
                s.index(index)
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(f -> f.term(t -> t.field("status").value("open")))
                                        .mustNot(
                                            n -> n.term(t -> t.field("priority").value("P2")))))
                    .sort(o -> o.field(f -> f.field("minutesToRespond").order(SortOrder.Desc)))
                    .aggregations("byPriority", a -> a.terms(t -> t.field("priority"))),
            Incident.class);

    assertThat(response.hits().total().value()).isEqualTo(3);
    assertThat(response.hits().hits())
        .extracting(Hit::id)
        .containsExactly("INC-2", "INC-1", "INC-3");
    Map<String, Long> byPriority =
        response.aggregations().get("byPriority").sterms().buckets().array().stream()
            .collect(Collectors.toMap(b -> b.key().stringValue(), StringTermsBucket::docCount));
    assertThat(byPriority).containsExactlyInAnyOrderEntriesOf(Map.of("P0", 2L, "P1", 1L));

    GetResponse<Incident> read = client.get(g -> g.index(index).id("INC-3"), Incident.class);
    assertThat(read.found()).isTrue();
    assertThat(read.source()).isEqualTo(incidents.get(2));
  }
}

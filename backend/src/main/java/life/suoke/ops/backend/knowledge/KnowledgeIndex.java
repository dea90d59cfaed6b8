package life.suoke.ops.backend.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The search index of the knowledge base, {@value #NAME}: one document per knowledge document (id =
 * its id), the current version only. Type, services, tags and incident are keywords (exact
 * filters); title and body are text through {@code suoke_cjk}: the standard tokenizer (which splits
 * Chinese, Japanese and Korean text into single characters), {@code cjk_width}, lower case, and
 * {@code cjk_bigram} keeping the single characters as well, so that a Chinese word is found by its
 * overlapping character pairs and an English word by itself. Queries go through {@code
 * suoke_cjk_search} (pairs only, single characters where a word has one): every pair of the query
 * must be in the text. Both come with OpenSearch's and Elasticsearch's common analysis module,
 * which the embedded node ships; no plugin is needed.
 */
@Component
class KnowledgeIndex {

  static final String NAME = "suoke-knowledge";

  private static final String DEFINITION =
      """
      {
        "settings": {
          "number_of_shards": 1,
          "number_of_replicas": 0,
          "analysis": {
            "filter": {
              "suoke_bigram_and_unigram": {"type": "cjk_bigram", "output_unigrams": true},
              "suoke_bigram": {"type": "cjk_bigram", "output_unigrams": false}
            },
            "analyzer": {
              "suoke_cjk": {"type": "custom", "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "suoke_bigram_and_unigram"]},
              "suoke_cjk_search": {"type": "custom", "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "suoke_bigram"]}
            }
          }
        },
        "mappings": {
          "dynamic": false,
          "properties": {
            "id": {"type": "long"},
            "type": {"type": "keyword"},
            "services": {"type": "keyword"},
            "tags": {"type": "keyword"},
            "incidentNumber": {"type": "keyword"},
            "version": {"type": "integer"},
            "updatedBy": {"type": "keyword"},
            "updatedAt": {"type": "date"},
            "title": {"type": "text", "analyzer": "suoke_cjk", "search_analyzer": "suoke_cjk_search"},
            "body": {"type": "text", "analyzer": "suoke_cjk", "search_analyzer": "suoke_cjk_search"}
          }
        }
      }
      """;

  private final ElasticsearchClient client;

  KnowledgeIndex(ElasticsearchClient client) {
    this.client = client;
  }

  boolean exists() throws IOException {
    return client.indices().exists(e -> e.index(NAME)).value();
  }

  /** Creates the index unless it exists; whether it was created now. */
  boolean create() throws IOException {
    if (exists()) {
      return false;
    }
    client.indices().create(c -> c.index(NAME).withJson(new StringReader(DEFINITION)));
    return true;
  }

  long count() throws IOException {
    return client.count(c -> c.index(NAME)).count();
  }

  /** Writes one document and waits until searches see it. */
  void put(KnowledgeDocument document) throws IOException {
    create();
    client.index(
        i ->
            i.index(NAME)
                .id(Long.toString(document.id()))
                .document(source(document))
                .refresh(Refresh.WaitFor));
  }

  /** Writes many documents in one request; the ids of those refused. */
  List<Long> putAll(List<KnowledgeDocument> documents, boolean waitForRefresh) throws IOException {
    create();
    BulkRequest.Builder bulk = new BulkRequest.Builder().index(NAME);
    for (KnowledgeDocument document : documents) {
      bulk.operations(
          o -> o.index(i -> i.id(Long.toString(document.id())).document(source(document))));
    }
    if (waitForRefresh) {
      bulk.refresh(Refresh.WaitFor);
    }
    BulkResponse response = client.bulk(bulk.build());
    return response.items().stream()
        .filter(item -> item.error() != null)
        .map(item -> Long.parseLong(item.id()))
        .toList();
  }

  static Map<String, Object> source(KnowledgeDocument document) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", document.id());
    doc.put("type", document.type());
    doc.put("title", document.title());
    doc.put("body", document.body());
    doc.put("services", document.services());
    doc.put("tags", document.tags());
    doc.put("incidentNumber", document.incidentNumber());
    doc.put("version", document.version());
    doc.put("updatedBy", document.updatedBy());
    doc.put("updatedAt", document.updatedAt() == null ? null : document.updatedAt().toString());
    return doc;
  }
}

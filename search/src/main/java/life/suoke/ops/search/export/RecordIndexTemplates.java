package life.suoke.ops.search.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.PutComponentTemplateResponse;
import co.elastic.clients.transport.endpoints.SimpleEndpoint;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import life.suoke.ops.engine.record.ValueType;

/**
 * Puts the index templates the exported records need, as Zeebe's exporter does: a component
 * template {@value ZeebeRecordIndex#PREFIX} with the settings and the mapping of the record's
 * envelope ({@code search/zeebe-record-component-template.json}), and per value type a composable
 * index template that applies it to {@code zeebe-record_<type>_*} and adds the type's alias.
 * Putting them again on every start is harmless and carries mapping changes to the next day's
 * indices.
 *
 * <p>Where the mapping differs from Zeebe's, and why: Zeebe maps each value type's {@code value}
 * field by field and strictly. This engine's values carry Zeebe's fields but not always all of
 * them, and sometimes a few more; a strict mapping would reject such a record, and the exporter,
 * which never skips a record, would stop. So {@code value} is dynamic, with every string a keyword
 * (ids, types, intents, element ids), numbers as long, free-form parts (variables, custom headers,
 * job batches, paths) not indexed, and {@code index.mapping.ignore_malformed} so that a field whose
 * type changes between records is left unindexed instead of failing the document. The envelope is
 * mapped as Zeebe maps it ({@code timestamp} as a date of epoch milliseconds, so that numeric range
 * queries and date histograms both work); unknown envelope fields are kept in {@code _source} but
 * not indexed.
 */
final class RecordIndexTemplates {

  static final String COMPONENT_TEMPLATE = "search/zeebe-record-component-template.json";

  /** Above the default 0 so ours win over catch-all templates of the cluster, as Zeebe's do. */
  private static final long PRIORITY = 20;

  private RecordIndexTemplates() {}

  static void put(ElasticsearchClient client) throws IOException {
    putComponentTemplate(client, ZeebeRecordIndex.PREFIX, componentTemplate());
    for (ValueType type : ValueType.values()) {
      client
          .indices()
          .putIndexTemplate(
              t ->
                  t.name(ZeebeRecordIndex.templateName(type))
                      .indexPatterns(ZeebeRecordIndex.pattern(type))
                      .composedOf(ZeebeRecordIndex.PREFIX)
                      .priority(PRIORITY)
                      .template(
                          body -> body.aliases(ZeebeRecordIndex.alias(type), alias -> alias)));
    }
  }

  /**
   * Sends the template's JSON as it is. The client's typed model would rewrite it for Elasticsearch
   * 8 (it writes a dynamic template's {@code match_mapping_type} and {@code path_match} as lists),
   * which OpenSearch reads as the text "[string]" and rejects.
   */
  private static void putComponentTemplate(ElasticsearchClient client, String name, byte[] json)
      throws IOException {
    SimpleEndpoint<BinaryData, PutComponentTemplateResponse> endpoint =
        new SimpleEndpoint<>(
            "cluster.put_component_template",
            request -> "PUT",
            request -> "/_component_template/" + name,
            request -> Map.of(),
            request -> Map.of(),
            request -> Map.of(),
            request -> request,
            PutComponentTemplateResponse._DESERIALIZER);
    client
        ._transport()
        .performRequest(
            BinaryData.of(json, "application/json"), endpoint, client._transportOptions());
  }

  private static byte[] componentTemplate() throws IOException {
    try (InputStream json =
        RecordIndexTemplates.class.getClassLoader().getResourceAsStream(COMPONENT_TEMPLATE)) {
      if (json == null) {
        throw new IllegalStateException(COMPONENT_TEMPLATE + " is missing from the class path");
      }
      return json.readAllBytes();
    }
  }
}

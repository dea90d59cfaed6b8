package life.suoke.ops.backend.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search index of the audit trail, {@value #NAME}: one document per row, id = its sequence
 * number (the engine's events that the exported records hold are left out: {@link
 * EngineEventsInSearch}). Keys and names are keywords (exact filters); the time is {@code at},
 * epoch milliseconds as a long (time filters), and {@code occurredAt}, the row's time as text, kept
 * only to be shown (a date field would have the search node parse an ISO time per document, about a
 * tenth of its indexing work under load); {@code details} kept as the row's JSON object but not
 * indexed field by field (it has any shape), and {@code text} the free text (actor, object,
 * business key, details) through the standard analyzer, which splits Chinese into single
 * characters: a phrase query then finds any Chinese substring.
 */
final class AuditIndex {

  static final String NAME = "suoke-audit-3";

  /**
   * The indices of the layouts before: without {@code at}, and with every engine event (now read
   * from the engine's exported records, {@link EngineEventsInSearch}). Removed at start; {@link
   * #NAME} is filled from the start of the trail.
   */
  static final List<String> PREVIOUS = List.of("suoke-audit", "suoke-audit-2");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditIndex() {}

  /**
   * Makes the index unless it is there, and removes the previous layout's index if that is there.
   */
  static void create(ElasticsearchClient client) throws IOException {
    for (String previous : PREVIOUS) {
      if (client.indices().exists(e -> e.index(previous)).value()) {
        client.indices().delete(d -> d.index(previous));
      }
    }
    if (client.indices().exists(e -> e.index(NAME)).value()) {
      return;
    }
    Map<String, Property> properties = new LinkedHashMap<>();
    properties.put("seq", Property.of(p -> p.long_(l -> l)));
    properties.put("at", Property.of(p -> p.long_(l -> l)));
    properties.put("occurredAt", Property.of(p -> p.keyword(k -> k.index(false).docValues(false))));
    for (String keyword :
        new String[] {"actor", "action", "objectType", "objectId", "businessKey"}) {
      properties.put(keyword, Property.of(p -> p.keyword(k -> k)));
    }
    properties.put("processInstanceKey", Property.of(p -> p.long_(l -> l)));
    properties.put("taskKey", Property.of(p -> p.long_(l -> l)));
    properties.put("details", Property.of(p -> p.object(o -> o.enabled(false))));
    properties.put("text", Property.of(p -> p.text(t -> t)));
    client
        .indices()
        .create(
            c ->
                c.index(NAME)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                    .mappings(
                        m ->
                            m.dynamic(
                                    co.elastic.clients.elasticsearch._types.mapping.DynamicMapping
                                        .False)
                                .properties(properties)));
  }

  /** The document of a row. */
  static Map<String, Object> document(AuditEntry row) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("seq", row.seq());
    doc.put("at", row.occurredAt().toEpochMilli());
    doc.put("occurredAt", row.occurredAt().toString());
    doc.put("actor", row.actor());
    doc.put("action", row.action());
    doc.put("objectType", row.objectType());
    doc.put("objectId", row.objectId());
    doc.put("processInstanceKey", row.processInstanceKey());
    doc.put("businessKey", row.businessKey());
    doc.put("taskKey", row.taskKey());
    doc.put("details", JSON.readValue(row.details(), Object.class));
    doc.put(
        "text",
        String.join(
            " ",
            row.actor(),
            row.objectType(),
            row.objectId(),
            row.businessKey() == null ? "" : row.businessKey(),
            row.details()));
    return doc;
  }
}

package life.suoke.ops.search.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.log.RecordJson;
import life.suoke.ops.engine.record.Record;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Indexes the engine's records into search (OpenSearch or Elasticsearch, through the Elasticsearch
 * client) in the layout of Zeebe's Elasticsearch exporter ({@link ZeebeRecordIndex}), each record
 * as its Zeebe JSON; which records, its {@link SearchExportFilter} says (by default the events, as
 * Zeebe's exporter does). One bulk request per batch (over the client's HTTP client directly when
 * it has one, see {@code exportRaw}); the runner retries the whole batch when any of it failed, and
 * since document ids are the records' positions a retry overwrites, never duplicates.
 */
public final class SearchRecordExporter implements RecordExporter {

  public static final String DEFAULT_ID = "search";

  private static final String JSON = "application/json";
  private static final int ERRORS_SHOWN = 3;
  private static final ObjectMapper ANSWERS = new ObjectMapper();

  private final ElasticsearchClient client;
  private final String id;
  private final SearchExportFilter filter;
  private final Duration bulkDelay;

  /** The exporter of the application: Zeebe's default records. */
  public SearchRecordExporter(ElasticsearchClient client) {
    this(client, DEFAULT_ID, SearchExportFilter.zeebeDefaults());
  }

  /** An exporter with a position of its own in the log, e.g. for a second search target. */
  public SearchRecordExporter(ElasticsearchClient client, String id) {
    this(client, id, SearchExportFilter.zeebeDefaults());
  }

  /** An exporter of the records {@code filter} accepts, writing whatever the log has at once. */
  public SearchRecordExporter(ElasticsearchClient client, String id, SearchExportFilter filter) {
    this(client, id, filter, Duration.ZERO);
  }

  /**
   * An exporter of the records {@code filter} accepts that lets records gather for {@code
   * bulkDelay} before a bulk that is not full (Zeebe's exporter's {@code bulk.delay}).
   */
  public SearchRecordExporter(
      ElasticsearchClient client, String id, SearchExportFilter filter, Duration bulkDelay) {
    if (bulkDelay.isNegative()) {
      throw new IllegalArgumentException("bulk delay must not be negative: " + bulkDelay);
    }
    this.client = client;
    this.id = id;
    this.filter = filter;
    this.bulkDelay = bulkDelay;
  }

  @Override
  public Duration batchDelay() {
    return bulkDelay;
  }

  /** Which records it indexes. */
  public SearchExportFilter filter() {
    return filter;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void open() throws IOException {
    RecordIndexTemplates.put(client);
  }

  @Override
  public void export(List<Record> batch) throws IOException {
    List<Record> indexed = batch.stream().filter(filter::accepts).toList();
    if (indexed.isEmpty()) {
      return;
    }
    if (client._transport() instanceof RestClientTransport transport) {
      exportRaw(transport.restClient(), indexed);
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (Record record : indexed) {
      // The log's own JSON, as bytes: no second serialisation through the client's mapper.
      BinaryData source = BinaryData.of(RecordJson.toBytes(record), JSON);
      bulk.operations(
          op ->
              op.index(
                  index ->
                      index
                          .index(ZeebeRecordIndex.indexName(record))
                          .id(ZeebeRecordIndex.documentId(record))
                          .document(source)));
    }
    BulkResponse response = client.bulk(bulk.build());
    if (response.errors()) {
      throw new IOException(describeFailures(indexed, response));
    }
  }

  /**
   * The bulk as the search node's own newline-delimited JSON, the records' bytes as the log has
   * them, and an answer cut down to the failures ({@code filter_path}): under load the full answer
   * (an item of eight fields per record) cost the node to write and the client to read about as
   * much as the request.
   */
  private static void exportRaw(RestClient rest, List<Record> indexed) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(indexed.size() * 1024);
    for (Record record : indexed) {
      body.write(
          ("{\"index\":{\"_index\":\""
                  + ZeebeRecordIndex.indexName(record)
                  + "\",\"_id\":\""
                  + ZeebeRecordIndex.documentId(record)
                  + "\"}}\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(RecordJson.toBytes(record));
      body.write('\n');
    }
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", "errors,items.*._id,items.*.error");
    request.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.APPLICATION_JSON));
    Response response = rest.performRequest(request);
    JsonNode answer;
    try (InputStream in = response.getEntity().getContent()) {
      answer = ANSWERS.readTree(in);
    }
    if (!answer.path("errors").asBoolean(false)) {
      return;
    }
    List<String> failures = new ArrayList<>();
    JsonNode items = answer.path("items");
    for (JsonNode item : items) {
      for (JsonNode operation : item) {
        JsonNode error = operation.get("error");
        if (error != null) {
          failures.add(
              error.path("index").asText("?")
                  + "/"
                  + operation.path("_id").asText("?")
                  + " "
                  + error.path("type").asText()
                  + ": "
                  + error.path("reason").asText());
        }
      }
    }
    throw new IOException(describeFailures(indexed, failures));
  }

  /** The first failures of a batch, each as "index/id type: reason". */
  private static String describeFailures(List<Record> batch, List<String> failures) {
    return "search rejected "
        + failures.size()
        + " of "
        + batch.size()
        + " records (positions "
        + batch.get(0).position()
        + ".."
        + batch.get(batch.size() - 1).position()
        + "): "
        + failures.stream().limit(ERRORS_SHOWN).collect(Collectors.joining("; "));
  }

  private static String describeFailures(List<Record> batch, BulkResponse response) {
    return describeFailures(
        batch,
        response.items().stream()
            .filter(item -> item.error() != null)
            .map(
                item ->
                    item.index()
                        + "/"
                        + item.id()
                        + " "
                        + item.error().type()
                        + ": "
                        + item.error().reason())
            .toList());
  }

  /** Nothing to release: the client belongs to the application, which closes it. */
  @Override
  public void close() {}
}

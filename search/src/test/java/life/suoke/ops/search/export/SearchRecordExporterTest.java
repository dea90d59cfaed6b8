package life.suoke.ops.search.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.log.RecordJson;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.VariableDocumentIntent;
import life.suoke.ops.search.EmbeddedSearchNode;
import life.suoke.ops.search.OpenSearchHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without Spring: an in-process OpenSearch node, a client from {@link OpenSearchHttp}, and the
 * exporter putting records under Zeebe's index names, once each, as the log's JSON. (The backend's
 * {@code SearchExportTest} runs the same exporter inside the application, fed by the engine.)
 */
class SearchRecordExporterTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** 2025-11-26T00:00:00Z. */
  static final long DAY = 1_764_115_200_000L;

  static EmbeddedSearchNode node;
  static ElasticsearchClient client;

  @BeforeAll
  static void startSearch() throws IOException {
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    node = EmbeddedSearchNode.start(Files.createTempDirectory(target, "search-node-"), 0);
    client = OpenSearchHttp.client(node.httpUri());
  }

  @AfterAll
  static void stopSearch() throws IOException {
    if (client != null) {
      client._transport().close();
    }
    if (node != null) {
      node.close();
    }
  }

  static Record record(long position, Intent intent, Map<String, Object> value) {
    return new Record(
        Record.PARTITION_ID,
        position,
        -1,
        2_251_799_813_685_249L + position,
        DAY + position,
        RecordType.EVENT,
        intent.valueType(),
        intent,
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        value);
  }

  @Test
  void indexesEachRecordOnceUnderZeebesIndexNamesAsTheLogsJson() throws Exception {
    Map<String, Object> element = new LinkedHashMap<>();
    element.put("bpmnProcessId", "export-module");
    element.put("elementId", "task");
    element.put("bpmnElementType", "SERVICE_TASK");
    element.put("processInstanceKey", 2_251_799_813_685_250L);
    Record activated = record(1, ProcessInstanceIntent.ELEMENT_ACTIVATED, element);
    Record job =
        record(
            2,
            JobIntent.CREATED,
            Map.of(
                "type",
                "export-module",
                "retries",
                3,
                "variables",
                Map.of("nested", Map.of("a", 1))));
    SearchRecordExporter exporter = new SearchRecordExporter(client, "module-test");
    exporter.open();
    exporter.export(List.of(activated, job));
    exporter.export(List.of(job)); // delivered again: overwrites, never duplicates

    client.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));
    assertThat(ZeebeRecordIndex.indexName(activated))
        .isEqualTo("zeebe-record_process-instance_8.8.14_2025-11-26");
    assertThat(
            client
                .count(c -> c.index(ZeebeRecordIndex.pattern(ValueType.PROCESS_INSTANCE)))
                .count())
        .isEqualTo(1);
    assertThat(client.count(c -> c.index(ZeebeRecordIndex.alias(ValueType.JOB))).count())
        .isEqualTo(1);
    GetResponse<JsonNode> doc =
        client.get(g -> g.index(ZeebeRecordIndex.indexName(activated)).id("1-1"), JsonNode.class);
    assertThat(doc.found()).isTrue();
    assertThat(doc.source()).isEqualTo(JSON.readTree(RecordJson.toBytes(activated)));
  }

  @Test
  void indexesWhatZeebesExporterIndexesByDefaultAndEverythingWhenAskedTo() throws Exception {
    Map<String, Object> value = Map.of("bpmnProcessId", "export-filter", "elementId", "task");
    Record command =
        new Record(
            Record.PARTITION_ID,
            10,
            -1,
            -1,
            DAY,
            RecordType.COMMAND,
            ValueType.VARIABLE_DOCUMENT,
            VariableDocumentIntent.UPDATE,
            RejectionType.NULL_VAL,
            "",
            Record.BROKER_VERSION,
            value);
    Record rejection =
        new Record(
            Record.PARTITION_ID,
            11,
            10,
            -1,
            DAY,
            RecordType.COMMAND_REJECTION,
            ValueType.VARIABLE_DOCUMENT,
            VariableDocumentIntent.UPDATE,
            RejectionType.NOT_FOUND,
            "no such scope",
            Record.BROKER_VERSION,
            value);
    Record batch = record(12, JobBatchIntent.ACTIVATED, Map.of("type", "export-filter"));
    Record event = record(13, VariableDocumentIntent.UPDATED, value);
    List<Record> log = List.of(command, rejection, batch, event);
    String documents =
        ZeebeRecordIndex.PREFIX + "_variable-document*," + ZeebeRecordIndex.PREFIX + "_job-batch*";

    SearchRecordExporter defaults = new SearchRecordExporter(client, "module-defaults");
    defaults.open();
    defaults.export(log);
    client.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));
    assertThat(client.count(c -> c.index(documents).ignoreUnavailable(true)).count()).isEqualTo(1);
    assertThat(
            client
                .get(g -> g.index(ZeebeRecordIndex.indexName(event)).id("1-13"), JsonNode.class)
                .found())
        .isTrue();

    new SearchRecordExporter(client, "module-everything", SearchExportFilter.everything())
        .export(log);
    client.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));
    assertThat(client.count(c -> c.index(documents)).count()).isEqualTo(4);
  }

  @Test
  void failsTheWholeBatchWhenSearchRefusesAnyRecordOfIt() throws Exception {
    SearchRecordExporter exporter = new SearchRecordExporter(client, "module-refused");
    exporter.open();
    Record timer = record(3, TimerIntent.CREATED, Map.of("dueDate", DAY));
    Record message = record(4, MessageIntent.PUBLISHED, Map.of("name", "m", "correlationKey", "k"));
    exporter.export(List.of(timer));
    String timers = ZeebeRecordIndex.pattern(ValueType.TIMER);
    client.indices().putSettings(s -> s.index(timers).settings(i -> i.blocks(b -> b.write(true))));
    try {
      assertThatThrownBy(() -> exporter.export(List.of(timer, message)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("search rejected 1 of 2 records (positions 3..4)")
          .hasMessageContaining("1-3");
    } finally {
      client
          .indices()
          .putSettings(s -> s.index(timers).settings(i -> i.blocks(b -> b.write(false))));
    }
  }
}

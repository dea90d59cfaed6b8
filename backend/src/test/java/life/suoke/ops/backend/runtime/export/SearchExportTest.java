package life.suoke.ops.backend.runtime.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.FreePort;
import life.suoke.ops.backend.SuokeOpsApplication;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.search.EmbeddedSearchNode;
import life.suoke.ops.search.export.SearchExportFilter;
import life.suoke.ops.search.export.SearchRecordExporter;
import life.suoke.ops.search.export.ZeebeRecordIndex;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The search exporter puts every record of the engine's log into search, once, under Zeebe's index
 * names, and catches up without a gap after the search target was down.
 */
class SearchExportTest extends ApplicationTest {

  static final Duration PATIENCE = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired CamundaClient camunda;
  @Autowired JdbcTemplate jdbc;
  @Autowired Engine engine;
  @Autowired ElasticsearchClient search;
  @Autowired ObjectProvider<RestClientBuilderCustomizer> searchClientCustomizers;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void deployTheProcesses() {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("export-service")
                .startEvent()
                .serviceTask("triage", t -> t.zeebeJobType("export-triage"))
                .serviceTask("notify", t -> t.zeebeJobType("export-notify"))
                .endEvent()
                .done(),
            "export-service.bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess("export-review")
                .startEvent()
                .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("ops"))
                .endEvent()
                .done(),
            "export-review.bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess("export-broken")
                .startEvent()
                .serviceTask("call", t -> t.zeebeJobType("export-broken").zeebeJobRetries("1"))
                .endEvent()
                .done(),
            "export-broken.bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess("export-cancel")
                .startEvent()
                .serviceTask("wait", t -> t.zeebeJobType("export-never"))
                .endEvent()
                .done(),
            "export-cancel.bpmn")
        .send()
        .join();
  }

  @Test
  void everyRecordOfTheLogIsInSearchOnceUnderZeebesIndexNames() throws Exception {
    runServiceInstances(5);
    long review = createInstance("export-review");
    UserTask task = awaitUserTask(camunda, review, PATIENCE);
    camunda.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    long broken = createInstance("export-broken");
    ActivatedJob job = activate("export-broken", 1).get(0);
    camunda.newFailCommand(job).retries(0).errorMessage("ticket system unreachable").send().join();
    long canceled = createInstance("export-cancel");
    camunda.newCancelInstanceCommand(canceled).send().join();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                logHasRecord("INCIDENT", "CREATED", broken)
                    && logHasRecord("PROCESS_INSTANCE", "ELEMENT_TERMINATED", canceled));

    ExporterRunner runner =
        engine.exporters().stream()
            .filter(r -> r.id().equals(SearchRecordExporter.DEFAULT_ID))
            .findFirst()
            .orElseThrow();
    long exported = caughtUp(runner);
    assertThat(
            meters
                .get(ExportMetrics.LAG)
                .tag("exporter", SearchRecordExporter.DEFAULT_ID)
                .gauge()
                .value())
        .isNotNegative();
    search.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));

    // Per value type: as many documents as the log has events of it, as Zeebe's exporter indexes
    // by default: no commands, no rejections, no job batches.
    Map<String, Long> inLog =
        jdbc
            .query(
                "SELECT value_type, count(*) FROM engine.record WHERE position <= ? AND record_type = 'EVENT' GROUP BY value_type",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)),
                exported)
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(inLog)
        .containsKeys(
            "DEPLOYMENT",
            "PROCESS",
            "PROCESS_INSTANCE",
            "JOB",
            "JOB_BATCH",
            "USER_TASK",
            "VARIABLE",
            "INCIDENT");
    for (ValueType type : ValueType.values()) {
      long documents =
          search.count(c -> c.index(ZeebeRecordIndex.pattern(type)).query(upTo(exported))).count();
      long expected =
          SearchExportFilter.NOT_INDEXED_BY_DEFAULT.contains(type)
              ? 0
              : inLog.getOrDefault(type.name(), 0L);
      assertThat(documents).as(type.name()).isEqualTo(expected);
    }
    assertThat(
            search
                .count(
                    c ->
                        c.index(ZeebeRecordIndex.PREFIX + "_*")
                            .query(
                                q ->
                                    q.bool(
                                        b ->
                                            b.mustNot(
                                                m ->
                                                    m.term(
                                                        t ->
                                                            t.field("recordType")
                                                                .value("EVENT"))))))
                .count())
        .isZero();
    // Document ids are partition-position, one per record indexed.
    assertThat(documentIds(search, exported))
        .containsExactlyElementsOf(logPositions(exported).stream().map(p -> "1-" + p).toList());

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    Set<String> indices =
        search.cat().indices(c -> c.index(ZeebeRecordIndex.PREFIX + "_*")).valueBody().stream()
            .map(IndicesRecord::index)
            .collect(Collectors.toSet());
    assertThat(indices)
        .contains(
            "zeebe-record_process-instance_8.8.14_" + today,
            "zeebe-record_incident_8.8.14_" + today)
        .allMatch(name -> name.matches("zeebe-record_[a-z-]+_8\\.8\\.14_\\d{4}-\\d{2}-\\d{2}"));

    // Zeebe-style audit queries on the aliases: keywords and keys are mapped to be filtered on.
    long completedInLog =
        jdbc.queryForObject(
            "SELECT count(*) FROM engine.record WHERE position <= ? AND value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'bpmnProcessId' = 'export-service'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'bpmnElementType' = 'PROCESS'",
            Long.class,
            exported);
    assertThat(completedInLog).isGreaterThanOrEqualTo(5);
    assertThat(
            countOn(
                "zeebe-record-process-instance",
                Query.of(
                    q ->
                        q.bool(
                            b ->
                                b.filter(
                                        f ->
                                            f.term(
                                                t ->
                                                    t.field("value.bpmnProcessId")
                                                        .value("export-service")))
                                    .filter(
                                        f ->
                                            f.term(
                                                t ->
                                                    t.field("value.bpmnElementType")
                                                        .value("PROCESS")))
                                    .filter(
                                        f ->
                                            f.term(
                                                t -> t.field("intent").value("ELEMENT_COMPLETED")))
                                    .filter(upTo(exported))))))
        .isEqualTo(completedInLog);
    SearchResponse<ObjectNode> incident =
        search.search(
            s ->
                s.index("zeebe-record-incident")
                    .query(
                        q ->
                            q.bool(
                                b ->
                                    b.filter(f -> f.term(t -> t.field("intent").value("CREATED")))
                                        .filter(
                                            f ->
                                                f.term(
                                                    t ->
                                                        t.field("value.processInstanceKey")
                                                            .value(broken))))),
            ObjectNode.class);
    assertThat(incident.hits().hits()).hasSize(1);
    Hit<ObjectNode> hit = incident.hits().hits().get(0);
    assertThat(hit.source().path("value").path("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    // The document is the record's JSON as the log gives it back.
    long position = hit.source().path("position").asLong();
    assertThat(hit.id()).isEqualTo("1-" + position);
    String logged =
        life.suoke.ops.engine.log.RecordJson.toJson(
            engine.recordLog().read(position - 1, 1).get(0));
    assertThat((JsonNode) hit.source()).isEqualTo(JSON.readTree(logged));
  }

  @Test
  void catchesUpWithoutGapOrDuplicateAfterTheSearchTargetWasDown() throws Exception {
    // A search node of this test's own: stopping the application's would disturb the other tests.
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-search-");
    int port = FreePort.pick();
    EmbeddedSearchNode node = EmbeddedSearchNode.start(dir, port);
    RestClient rest =
        RestClient.builder(HttpHost.create("http://127.0.0.1:" + port))
            .setHttpClientConfigCallback(
                http -> {
                  searchClientCustomizers.orderedStream().forEach(c -> c.customize(http));
                  return http;
                })
            .build();
    ElasticsearchClient target =
        new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    ExporterRunner runner =
        ExporterRunner.start(
            engine.recordLog(),
            new SearchRecordExporter(target, "search-outage-test"),
            new ExporterRunner.Settings(
                500, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1)));
    try {
      runServiceInstances(2);
      caughtUp(runner);

      node.close();
      runServiceInstances(10);
      await().atMost(PATIENCE).until(() -> runner.consecutiveFailures() >= 3);
      long behind = runner.lag();
      assertThat(behind).isPositive();

      node = EmbeddedSearchNode.start(dir, port);
      long exported = caughtUp(runner);
      target.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));

      assertEveryRecordOnce(target, exported);

      // A bulk that search takes only in part (job indices refuse writes) fails as a whole and is
      // retried.
      String jobIndices = ZeebeRecordIndex.pattern(ValueType.JOB);
      target
          .indices()
          .putSettings(s -> s.index(jobIndices).settings(i -> i.blocks(b -> b.write(true))));
      int failuresBefore = runner.consecutiveFailures();
      runServiceInstances(2);
      await().atMost(PATIENCE).until(() -> runner.consecutiveFailures() >= failuresBefore + 2);
      assertThat(runner.lag()).isPositive();
      target
          .indices()
          .putSettings(s -> s.index(jobIndices).settings(i -> i.blocks(b -> b.write(false))));
      exported = caughtUp(runner);
      target.indices().refresh(r -> r.index(ZeebeRecordIndex.PREFIX + "_*"));
      assertEveryRecordOnce(target, exported);
    } finally {
      runner.close();
      rest.close();
      node.close();
    }
  }

  @Test
  void theSettingSwitchesTheExporterOff() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "export-off-");
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SuokeOpsApplication.class)
            .run(
                "--suoke.data-dir=" + dir,
                "--server.port=0",
                "--suoke.engine.export.search.enabled=false",
                "--suoke.engine.grpc-port=" + FreePort.pick(),
                "--suoke.engine.rest-port=" + FreePort.pick())) {
      assertThat(app.getBeansOfType(SearchRecordExporter.class)).isEmpty();
      // the audit exporter (its own setting) stays
      assertThat(app.getBean(Engine.class).exporters())
          .extracting(ExporterRunner::id)
          .containsExactly("audit-trail");
    }
  }

  /**
   * Every record indexed by default up to {@code exported} is a document, none is missing, none is
   * there twice.
   */
  private void assertEveryRecordOnce(ElasticsearchClient target, long exported) throws IOException {
    List<Long> positions = logPositions(exported);
    assertThat(documentIds(target, exported))
        .containsExactlyElementsOf(positions.stream().map(p -> "1-" + p).toList());
    // Not even in another index.
    assertThat(
            target
                .count(c -> c.index(ZeebeRecordIndex.PREFIX + "_*").query(upTo(exported)))
                .count())
        .isEqualTo(positions.size());
  }

  // ----------------------------------------------------------------------------------------------

  private long createInstance(String processId) {
    return camunda
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(Map.of("ticket", "INC-" + System.nanoTime()))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** Instances of the two-task process, both jobs completed by this test. */
  private void runServiceInstances(int count) {
    for (int i = 0; i < count; i++) {
      createInstance("export-service");
    }
    for (String type : List.of("export-triage", "export-notify")) {
      for (ActivatedJob job : activate(type, count)) {
        camunda
            .newCompleteCommand(job)
            .variables(Map.of(type.replace('-', '_'), "done"))
            .send()
            .join();
      }
    }
  }

  private List<ActivatedJob> activate(String type, int count) {
    List<ActivatedJob> jobs = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              jobs.addAll(
                  camunda
                      .newActivateJobsCommand()
                      .jobType(type)
                      .maxJobsToActivate(count - jobs.size())
                      .timeout(Duration.ofMinutes(5))
                      .requestTimeout(Duration.ofSeconds(5))
                      .send()
                      .join()
                      .getJobs());
              return jobs.size() >= count;
            });
    return jobs;
  }

  private boolean logHasRecord(String valueType, String intent, long processInstanceKey) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT exists(SELECT 1 FROM engine.record WHERE value_type = ? AND intent = ? AND record_type = 'EVENT'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ?)",
            Boolean.class,
            valueType,
            intent,
            Long.toString(processInstanceKey)));
  }

  /** Waits until the runner has acknowledged the whole log; returns the position it reached. */
  private static long caughtUp(ExporterRunner runner) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> runner.lag() == 0);
    return runner.acknowledgedPosition();
  }

  /**
   * The positions of the records the exporter indexes by default (events but of the types left
   * out).
   */
  private List<Long> logPositions(long upTo) {
    String leftOut =
        SearchExportFilter.NOT_INDEXED_BY_DEFAULT.stream()
            .map(t -> "'" + t.name() + "'")
            .collect(Collectors.joining(", "));
    return jdbc.queryForList(
        "SELECT position FROM engine.record WHERE position <= ? AND record_type = 'EVENT'"
            + " AND value_type NOT IN ("
            + leftOut
            + ") ORDER BY position",
        Long.class,
        upTo);
  }

  private static Query upTo(long position) {
    return Query.of(q -> q.range(r -> r.number(n -> n.field("position").lte((double) position))));
  }

  private long countOn(String index, Query query) throws IOException {
    return search.count(c -> c.index(index).query(query)).count();
  }

  /** Ids of every record document up to the position, in position order, paged by position. */
  private static List<String> documentIds(ElasticsearchClient client, long upTo)
      throws IOException {
    List<String> ids = new ArrayList<>();
    List<FieldValue> after = List.of();
    while (true) {
      List<FieldValue> from = after;
      SearchResponse<Void> page =
          client.search(
              s -> {
                s.index(ZeebeRecordIndex.PREFIX + "_*")
                    .size(1_000)
                    .source(src -> src.fetch(false))
                    .query(upTo(upTo))
                    .sort(o -> o.field(f -> f.field("position").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("_index").order(SortOrder.Asc)));
                return from.isEmpty() ? s : s.searchAfter(from);
              },
              Void.class);
      List<Hit<Void>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        return ids;
      }
      hits.forEach(h -> ids.add(h.id()));
      after = hits.get(hits.size() - 1).sort();
    }
  }
}

package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.runtime.audit.AuditRecordExporter;
import life.suoke.ops.backend.runtime.export.ExportMetrics;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.record.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event record of the engine lands in the audit trail once, with the instance's business key.
 */
class AuditEngineExportTest extends ApplicationTest {

  static final Duration PATIENCE = Duration.ofSeconds(120);

  @Autowired CamundaClient camunda;
  @Autowired JdbcTemplate jdbc;
  @Autowired Engine engine;
  @Autowired DataSource dataSource;
  @Autowired AuditVerifier verifier;
  @Autowired MeterRegistry meters;

  @Test
  void everyEventRecordOfAnInstanceIsAuditedOnceWithItsBusinessKey() throws Exception {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("audit-review")
                .startEvent()
                .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("tier2"))
                .endEvent()
                .done(),
            "audit-review.bpmn")
        .send()
        .join();
    long pik =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("audit-review")
            .latestVersion()
            .variables(Map.of("businessKey", "INC-审计-7", "severity", "high"))
            .send()
            .join()
            .getProcessInstanceKey();
    UserTask task = awaitUserTask(camunda, pik, PATIENCE);
    camunda.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();

    String eventsOfTheInstance =
        "SELECT position FROM engine.record WHERE record_type = 'EVENT'"
            + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ? ORDER BY position";
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM audit_event WHERE process_instance_key = ?"
                            + " AND action = 'PROCESS_INSTANCE.ELEMENT_COMPLETED' AND object_type = 'process-instance'"
                            + " AND (details::jsonb ->> 'bpmnElementType') = 'PROCESS'",
                        Long.class,
                        pik)
                    == 1);

    List<Long> logged = jdbc.queryForList(eventsOfTheInstance, Long.class, Long.toString(pik));
    List<Long> audited =
        jdbc.queryForList(
            "SELECT source_position FROM audit_event WHERE process_instance_key = ?"
                + " ORDER BY source_position",
            Long.class,
            pik);
    assertThat(logged).hasSizeGreaterThan(10);
    assertThat(audited).isEqualTo(logged);

    // every row of the instance carries the business key, those before the variable's record too
    assertThat(
            jdbc.queryForList(
                "SELECT DISTINCT coalesce(business_key, '(none)') FROM audit_event"
                    + " WHERE process_instance_key = ?",
                String.class,
                pik))
        .containsExactly("INC-审计-7");
    assertThat(
            jdbc.queryForList(
                "SELECT DISTINCT actor FROM audit_event WHERE process_instance_key = ?",
                String.class,
                pik))
        .containsExactly("engine");
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE process_instance_key = ?", String.class, pik))
        .contains(
            "PROCESS_INSTANCE.ELEMENT_ACTIVATING",
            "VARIABLE.CREATED",
            "USER_TASK.CREATED",
            "USER_TASK.COMPLETED")
        .noneMatch(action -> action.endsWith(".COMPLETE") || action.endsWith(".CREATE"));
    assertThat(
            jdbc.queryForObject(
                "SELECT task_key FROM audit_event WHERE process_instance_key = ? AND action = 'USER_TASK.CREATED'",
                Long.class,
                pik))
        .isEqualTo(task.getUserTaskKey());
    // the details are the record's value, its time the record's
    Map<String, Object> created =
        jdbc.queryForMap(
            "SELECT a.details, a.occurred_at = to_timestamp(r.timestamp / 1000.0) AS same_time"
                + " FROM audit_event a JOIN engine.record r ON r.position = a.source_position"
                + " WHERE a.process_instance_key = ? AND a.action = 'USER_TASK.CREATED'",
            pik);
    assertThat((String) created.get("details"))
        .contains("\"elementId\":\"review\"")
        .contains("\"candidateGroupsList\":[\"tier2\"]");
    assertThat(created.get("same_time")).isEqualTo(true);
    // deployments are audited too
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'DEPLOYMENT.CREATED'"
                    + " AND object_type = 'deployment' AND details LIKE '%audit-review.bpmn%'",
                Long.class))
        .isEqualTo(1);

    assertThat(verifier.verify().valid()).isTrue();

    // the engine is bounded by the audit trail (suoke.engine.export.audit.max-lag, 0.25 s by
    // default): once caught up, nothing is unaudited, and the gauges say so
    await().atMost(PATIENCE).until(() -> engine.exportGate().orElseThrow().lagNanos() == 0);
    assertThat(meters.get(ExportMetrics.BOUND_LAG).gauge().value()).isZero();
    assertThat(meters.get(ExportMetrics.HELD).functionCounter().count()).isNotNegative();
  }

  @Test
  void aPageDeliveredAgainIsNotAuditedTwice() throws Exception {
    ExporterRunner runner =
        engine.exporters().stream()
            .filter(r -> r.id().equals(AuditRecordExporter.DEFAULT_ID))
            .findFirst()
            .orElseThrow();
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("audit-again").startEvent().endEvent().done(),
            "audit-again.bpmn")
        .send()
        .join();
    camunda.newCreateInstanceCommand().bpmnProcessId("audit-again").latestVersion().send().join();
    long logEnd = engine.recordLog().lastPosition();
    assertThat(logEnd).isPositive();
    await().atMost(PATIENCE).until(() -> runner.acknowledgedPosition() >= logEnd);
    List<Record> page = engine.recordLog().read(0, 500);
    long last = page.get(page.size() - 1).position();
    long before =
        jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE source_position <= ?", Long.class, last);
    assertThat(before).isPositive();

    // a fresh exporter (as after a restart) handed the same records again
    AuditRecordExporter again = new AuditRecordExporter(dataSource, "audit-trail-again");
    again.export(page);

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE source_position <= ?", Long.class, last))
        .isEqualTo(before);
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aLargePageIsWrittenInTransactionsOfAtMostAHundredRows() throws Exception {
    ExporterRunner runner =
        engine.exporters().stream()
            .filter(r -> r.id().equals(AuditRecordExporter.DEFAULT_ID))
            .findFirst()
            .orElseThrow();
    // One command runs this instance to its end: its 300-odd events are committed, and so exported,
    // together.
    io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> builder =
        Bpmn.createExecutableProcess("audit-chunks").startEvent();
    for (int i = 0; i < 60; i++) {
      builder = builder.intermediateThrowEvent();
    }
    camunda
        .newDeployResourceCommand()
        .addProcessModel(builder.endEvent().done(), "audit-chunks.bpmn")
        .send()
        .join();
    long from = engine.recordLog().lastPosition();
    camunda.newCreateInstanceCommand().bpmnProcessId("audit-chunks").latestVersion().send().join();
    long to = engine.recordLog().lastPosition();
    await().atMost(PATIENCE).until(() -> runner.acknowledgedPosition() >= to);

    List<Long> rowsPerTransaction =
        jdbc.queryForList(
            "SELECT count(*) FROM audit_event"
                + " WHERE source_position > ? AND source_position <= ? GROUP BY xmin::text ORDER BY 1 DESC",
            Long.class,
            from,
            to);
    assertThat(rowsPerTransaction.stream().mapToLong(Long::longValue).sum())
        .as("events of the instance")
        .isGreaterThan(300);
    assertThat(rowsPerTransaction.get(0))
        .as("rows of the largest transaction")
        .isEqualTo(AuditChainWriter.ENGINE_ROWS_PER_TRANSACTION);
    assertThat(verifier.verify().valid()).isTrue();
  }
}

package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.audit.chain.AuditSeal;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.runtime.audit.AuditRecordExporter;
import life.suoke.ops.backend.runtime.export.ExportMetrics;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.record.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event record of the engine is audited once: the events the search exports are sealed (one
 * chain row over a run of them, checked against the log by the verifier), the others are rows of
 * their own; the instance's business key is kept.
 */
class AuditEngineExportTest extends ApplicationTest {

  static final Duration PATIENCE = Duration.ofSeconds(120);

  @Autowired CamundaClient camunda;
  @Autowired JdbcTemplate jdbc;
  @Autowired Engine engine;
  @Autowired DataSource dataSource;
  @Autowired AuditVerifier verifier;
  @Autowired MeterRegistry meters;
  @Autowired EngineEventsInSearch inSearch;
  @Autowired TestRestTemplate http;
  @Autowired UserDirectory users;

  @Qualifier("ownerDataSource")
  @Autowired
  DataSource ownerDataSource;

  private ExporterRunner auditRunner() {
    return engine.exporters().stream()
        .filter(r -> r.id().equals(AuditRecordExporter.DEFAULT_ID))
        .findFirst()
        .orElseThrow();
  }

  /** The seals whose range holds the position: their sequence numbers. */
  private List<Long> sealsOver(long position) {
    return jdbc.queryForList(
        "SELECT seq FROM audit_event WHERE action = ?"
            + " AND (details::jsonb ->> 'from')::bigint <= ? AND (details::jsonb ->> 'to')::bigint >= ?",
        Long.class,
        AuditSeal.ACTION,
        position,
        position);
  }

  @Test
  void everyEventRecordOfAnInstanceIsAuditedOnceAndItsBusinessKeyKept() throws Exception {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("audit-review")
                .startEvent()
                .serviceTask("prepare", t -> t.zeebeJobType("audit-prepare"))
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
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              var jobs =
                  camunda
                      .newActivateJobsCommand()
                      .jobType("audit-prepare")
                      .maxJobsToActivate(1)
                      .send()
                      .join()
                      .getJobs();
              jobs.forEach(j -> camunda.newCompleteCommand(j.getKey()).send().join());
              return !jobs.isEmpty();
            });
    UserTask task = awaitUserTask(camunda, pik, PATIENCE);
    camunda.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM engine.record WHERE record_type = 'EVENT'"
                            + " AND value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED'"
                            + " AND key = ?",
                        Long.class,
                        pik)
                    == 1);
    long logEnd = engine.recordLog().lastPosition();
    await().atMost(PATIENCE).until(() -> auditRunner().acknowledgedPosition() >= logEnd);

    // every event of the instance lies in exactly one seal, and has no row of its own
    List<Long> logged =
        jdbc.queryForList(
            "SELECT position FROM engine.record WHERE record_type = 'EVENT'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ? ORDER BY position",
            Long.class,
            Long.toString(pik));
    assertThat(logged).hasSizeGreaterThan(20);
    for (long position : logged) {
      assertThat(sealsOver(position)).as("seals over position %d", position).hasSize(1);
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE process_instance_key = ?", Long.class, pik))
        .as("rows of the instance's events")
        .isZero();
    // the job's activation (a job batch: not exported to search) is a row of its own, inside the
    // range of a seal that leaves it out
    Map<String, Object> batch =
        jdbc.queryForMap(
            "SELECT source_position, details FROM audit_event WHERE action = 'JOB_BATCH.ACTIVATED'"
                + " AND details LIKE '%audit-prepare%'");
    long batchPosition = ((Number) batch.get("source_position")).longValue();
    assertThat(
            jdbc.queryForObject(
                "SELECT record_type || ' ' || value_type FROM engine.record WHERE position = ?",
                String.class,
                batchPosition))
        .isEqualTo("EVENT JOB_BATCH");
    assertThat(inSearch.valueTypes()).doesNotContain("JOB_BATCH").contains("PROCESS_INSTANCE");
    // each seal counts the events of its range that have no row of their own
    List<Map<String, Object>> seals =
        jdbc.queryForList(
            "SELECT (details::jsonb ->> 'from')::bigint AS f, (details::jsonb ->> 'to')::bigint AS t,"
                + " (details::jsonb ->> 'events')::bigint AS n FROM audit_event WHERE action = ?"
                + " AND (details::jsonb ->> 'to')::bigint >= ? ORDER BY seq",
            AuditSeal.ACTION,
            logged.get(0));
    assertThat(seals).isNotEmpty();
    for (Map<String, Object> seal : seals) {
      long events =
          jdbc.queryForObject(
              "SELECT count(*) FROM engine.record r WHERE r.record_type = 'EVENT'"
                  + " AND r.position BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM audit_event a"
                  + " WHERE a.source_position = r.position AND a.action <> ?)",
              Long.class,
              seal.get("f"),
              seal.get("t"),
              AuditSeal.ACTION);
      assertThat(events).as("events of seal %s", seal).isEqualTo(seal.get("n"));
    }
    // the business key is kept for the search, as the variable last set it
    assertThat(
            jdbc.queryForObject(
                "SELECT business_key FROM audit_business_key WHERE process_instance_key = ?",
                String.class,
                pik))
        .isEqualTo("INC-审计-7");

    assertThat(verifier.verify().valid()).isTrue();

    // the engine is bounded by the audit trail (suoke.engine.export.audit.max-lag, 0.25 s by
    // default): once caught up, nothing is unaudited, and the gauges say so
    await().atMost(PATIENCE).until(() -> engine.exportGate().orElseThrow().lagNanos() == 0);
    assertThat(meters.get(ExportMetrics.BOUND_LAG).gauge().value()).isZero();
    assertThat(meters.get(ExportMetrics.HELD).functionCounter().count()).isNotNegative();
  }

  @Test
  void aSealedEventChangedOrRemovedInTheLogBreaksItsSeal() throws Exception {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("audit-tamper").startEvent().endEvent().done(),
            "audit-tamper.bpmn")
        .send()
        .join();
    long pik =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("audit-tamper")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    long logEnd = engine.recordLog().lastPosition();
    await().atMost(PATIENCE).until(() -> auditRunner().acknowledgedPosition() >= logEnd);
    long position =
        jdbc.queryForObject(
            "SELECT min(position) FROM engine.record WHERE record_type = 'EVENT'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ?",
            Long.class,
            Long.toString(pik));
    long sealSeq = sealsOver(position).get(0);
    assertThat(verifier.verify().valid()).isTrue();

    TamperingOwner tampering = new TamperingOwner(ownerDataSource);
    JdbcTemplate owner = tampering.jdbc;
    // the log's table or, once compacted, its archive
    String table =
        "engine."
            + owner.queryForObject(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM engine.record WHERE position = ?)"
                    + " THEN 'record' ELSE 'record_archive' END",
                String.class,
                position);
    owner.update(
        "CREATE TEMP TABLE sealed_event AS SELECT * FROM " + table + " WHERE position = ?",
        position);
    try {
      owner.update(
          "UPDATE "
              + table
              + " SET data = convert_to(replace(convert_from(data, 'UTF8'),"
              + " 'audit-tamper', 'audit-tamperd'), 'UTF8') WHERE position = ?",
          position);
      AuditVerification changed = verifier.verify();
      assertThat(changed.valid()).isFalse();
      assertThat(changed.firstBrokenSeq()).isEqualTo(sealSeq);
      assertThat(changed.reason()).startsWith("seal mismatch").contains("are not those");

      owner.update("DELETE FROM " + table + " WHERE position = ?", position);
      AuditVerification removed = verifier.verify();
      assertThat(removed.valid()).isFalse();
      assertThat(removed.firstBrokenSeq()).isEqualTo(sealSeq);
      assertThat(removed.reason()).startsWith("seal mismatch").contains("events in positions");
    } finally {
      owner.update("DELETE FROM " + table + " WHERE position = ?", position);
      owner.update("INSERT INTO " + table + " SELECT * FROM sealed_event");
      tampering.close();
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void theExportFollowsEachSealWithTheEventsItHolds() throws Exception {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("audit-csv").startEvent().endEvent().done(),
            "audit-csv.bpmn")
        .send()
        .join();
    long pik =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("audit-csv")
            .latestVersion()
            .variables(Map.of("businessKey", "INC-导出-1"))
            .send()
            .join()
            .getProcessInstanceKey();
    long logEnd = engine.recordLog().lastPosition();
    await().atMost(PATIENCE).until(() -> auditRunner().acknowledgedPosition() >= logEnd);
    List<Map<String, Object>> events =
        jdbc.queryForList(
            "SELECT position, value_type || '.' || intent AS action FROM engine.record"
                + " WHERE record_type = 'EVENT'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ?"
                + " ORDER BY position DESC",
            Long.toString(pik));
    assertThat(events).hasSizeGreaterThan(5);
    String auditor = newUser(users, "auditor", "auditors");

    // filtered by the instance: its events, newest first, numbered by their seal, no hashes
    String[] lines = export(auditor, "processInstanceKey=" + pik);
    assertThat(lines).hasSize(events.size() + 1);
    for (int i = 0; i < events.size(); i++) {
      long position = ((Number) events.get(i).get("position")).longValue();
      String[] fields = lines[i + 1].split(",");
      assertThat(fields[0]).isEqualTo(Long.toString(sealsOver(position).get(0)));
      assertThat(fields[3]).isEqualTo(events.get(i).get("action"));
      assertThat(fields[6]).isEqualTo(Long.toString(pik));
      assertThat(fields[7]).isEqualTo("INC-导出-1");
      assertThat(lines[i + 1]).endsWith(",,");
    }
    // filtered by an engine action too
    long completed =
        events.stream()
            .filter(e -> "PROCESS_INSTANCE.ELEMENT_COMPLETED".equals(e.get("action")))
            .count();
    assertThat(completed).isPositive();
    assertThat(
            export(
                auditor,
                "processInstanceKey=" + pik + "&action=PROCESS_INSTANCE.ELEMENT_COMPLETED"))
        .hasSize((int) completed + 1);
    // unfiltered by instance: the seal itself, with its hashes, before the events it holds
    long sealSeq = sealsOver(((Number) events.get(0).get("position")).longValue()).get(0);
    String[] engine = export(auditor, "actor=engine&businessKey=INC-导出-1");
    assertThat(engine).hasSize(events.size() + 1);
    String[] all = export(auditor, "actor=engine");
    int seal = -1;
    for (int i = 1; i < all.length; i++) {
      if (all[i].startsWith(sealSeq + ",") && all[i].contains("," + AuditSeal.ACTION + ",")) {
        seal = i;
        break;
      }
    }
    assertThat(seal).as("the seal's line").isPositive();
    assertThat(all[seal]).matches(".*,[0-9a-f]{64},[0-9a-f]{64}$");
    assertThat(all[seal + 1]).startsWith(sealSeq + ",").endsWith(",,");
  }

  private String[] export(String user, String query) {
    byte[] body =
        http.withBasicAuth(user, PASSWORD).getForObject("/api/audit/export?" + query, byte[].class);
    return new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
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
    AuditRecordExporter again =
        new AuditRecordExporter(dataSource, "audit-trail-again", inSearch.valueTypes());
    again.export(page);

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE source_position <= ?", Long.class, last))
        .isEqualTo(before);
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void anInstanceOfThreeHundredEventsCommittedTogetherIsOneSeal() throws Exception {
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
    long pik =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("audit-chunks")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    long to = engine.recordLog().lastPosition();
    await().atMost(PATIENCE).until(() -> auditRunner().acknowledgedPosition() >= to);

    List<Long> events =
        jdbc.queryForList(
            "SELECT position FROM engine.record WHERE record_type = 'EVENT'"
                + " AND convert_from(data, 'UTF8')::jsonb ->> 'processInstanceKey' = ?",
            Long.class,
            Long.toString(pik));
    assertThat(events).hasSizeGreaterThan(300);
    java.util.Set<Long> seals = new java.util.TreeSet<>();
    for (long position : events) {
      List<Long> over = sealsOver(position);
      assertThat(over).as("seals over position %d", position).hasSize(1);
      seals.add(over.get(0));
    }
    // one seal, or two where an exporter page ended inside the instance's events
    assertThat(seals).hasSizeLessThanOrEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE process_instance_key = ?", Long.class, pik))
        .isZero();
    assertThat(verifier.verify().valid()).isTrue();
  }
}

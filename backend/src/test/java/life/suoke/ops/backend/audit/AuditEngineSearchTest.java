package life.suoke.ops.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditors' search finds the engine's events through the records the engine's search exporter
 * indexes in Zeebe's layout (the chain seals them), shown as the trail's rows numbered by their
 * seals, merged with the trail's own index in chain order; the trail's own index holds only what
 * those records do not.
 */
class AuditEngineSearchTest extends ApplicationTest {

  static final Duration PATIENCE = Duration.ofSeconds(120);

  @Autowired CamundaClient camunda;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;
  @Autowired ElasticsearchClient search;
  @Autowired EngineEventsInSearch engineEvents;

  @Test
  void engineEventsAreFoundInTheExportedRecordsAndMergedInChainOrder() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String auditor = newUser(users, "auditor", "auditors");
    String process = "audit-search-" + suffix;
    String jobType = "audit-search-job-" + suffix;
    String businessKey = "INC-检索-" + suffix;
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(process)
                .startEvent()
                .serviceTask("check", t -> t.zeebeJobType(jobType))
                .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("tier2"))
                .endEvent()
                .done(),
            process + ".bpmn")
        .send()
        .join();
    long pik =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId(process)
            .latestVersion()
            .variables(Map.of("businessKey", businessKey))
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    camunda
                        .newActivateJobsCommand()
                        .jobType(jobType)
                        .maxJobsToActivate(1)
                        .send()
                        .join()
                        .getJobs(),
                jobs -> !jobs.isEmpty())
            .get(0);
    camunda.newCompleteCommand(job.getKey()).send().join();
    UserTask task = awaitUserTask(camunda, pik, PATIENCE);
    camunda.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    // an action of a person on the same instance, in the trail's own index
    audit.record(
        AuditEvent.of("auditor-note-" + suffix, AuditActions.TASK_COMPLETE, "task", "1")
            .withProcessInstance(pik, businessKey));

    // every event of the instance (numbered by its seal) and the person's row, newest first
    String eventsOfTheInstance =
        " FROM engine.record r WHERE r.record_type = 'EVENT'"
            + " AND convert_from(r.data, 'UTF8')::jsonb ->> 'processInstanceKey' = '"
            + pik
            + "'";
    String sealOf =
        "(SELECT a.seq FROM audit_event a WHERE a.action = 'engine.seal'"
            + " AND (a.details::jsonb ->> 'from')::bigint <= r.position"
            + " AND (a.details::jsonb ->> 'to')::bigint >= r.position)";
    List<Long> chain =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    jdbc.queryForList(
                        "SELECT seq FROM (SELECT "
                            + sealOf
                            + " AS seq, r.position"
                            + eventsOfTheInstance
                            + " UNION ALL SELECT seq, 9223372036854775807 FROM audit_event"
                            + " WHERE process_instance_key = ?) e ORDER BY seq DESC, position DESC",
                        Long.class,
                        pik),
                rows -> rows.size() > 15 && !rows.contains(null));
    JsonNode all =
        await()
            .atMost(PATIENCE)
            .until(
                () -> search(auditor, "processInstanceKey=" + pik + "&size=500"),
                page -> page.path("total").asLong() == chain.size());
    assertThat(seqs(all)).isEqualTo(chain);

    // the instance's events have no rows of their own, so none in the trail's own index
    long engineInOwnIndex =
        search
            .count(
                c ->
                    c.index(AuditIndex.NAME)
                        .query(
                            q ->
                                q.bool(
                                    b ->
                                        b.filter(
                                                f ->
                                                    f.term(
                                                        t ->
                                                            t.field("processInstanceKey")
                                                                .value(pik)))
                                            .filter(
                                                f ->
                                                    f.term(
                                                        t -> t.field("actor").value("engine"))))))
            .count();
    assertThat(engineInOwnIndex).isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE process_instance_key = ? AND actor = 'engine'",
                Long.class,
                pik))
        .isZero();
    assertThat(engineEvents.valueTypes())
        .contains("PROCESS_INSTANCE", "USER_TASK", "VARIABLE", "JOB");

    // an engine row as the trail shows it: business key, task key, details
    JsonNode completed =
        search(auditor, "processInstanceKey=" + pik + "&action=USER_TASK.COMPLETED");
    assertThat(completed.path("total").asLong()).isEqualTo(1);
    JsonNode row = completed.path("items").get(0);
    assertThat(row.path("actor").asText()).isEqualTo("engine");
    assertThat(row.path("businessKey").asText()).isEqualTo(businessKey);
    assertThat(row.path("taskKey").asLong()).isEqualTo(task.getUserTaskKey());
    assertThat(row.path("objectType").asText()).isEqualTo("process-instance");
    assertThat(row.path("details").path("elementId").asText()).isEqualTo("review");
    assertThat(row.path("position").asLong())
        .isEqualTo(
            jdbc.queryForObject(
                "SELECT r.position"
                    + eventsOfTheInstance
                    + " AND r.value_type = 'USER_TASK' AND r.intent = 'COMPLETED'",
                Long.class));
    assertThat(row.path("seq").asLong())
        .isEqualTo(
            jdbc.queryForObject(
                "SELECT "
                    + sealOf
                    + eventsOfTheInstance
                    + " AND r.value_type = 'USER_TASK' AND r.intent = 'COMPLETED'",
                Long.class));

    // each filter, on the exported records
    long ofTheTask =
        jdbc.queryForObject(
            "SELECT count(*)"
                + eventsOfTheInstance
                + " AND r.value_type = 'USER_TASK'"
                + " AND convert_from(r.data, 'UTF8')::jsonb ->> 'userTaskKey' = ?",
            Long.class,
            Long.toString(task.getUserTaskKey()));
    assertThat(ofTheTask).isGreaterThan(1);
    assertThat(total(search(auditor, "taskKey=" + task.getUserTaskKey()))).isEqualTo(ofTheTask);
    assertThat(total(search(auditor, "businessKey=" + businessKey))).isEqualTo(chain.size());
    assertThat(total(search(auditor, "actor=engine&businessKey=" + businessKey)))
        .isEqualTo(chain.size() - 1);
    assertThat(total(search(auditor, "actor=someone-else&processInstanceKey=" + pik))).isZero();
    String start =
        jdbc.queryForObject(
            "SELECT to_char(to_timestamp(min(r.timestamp) / 1000.0) AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                + eventsOfTheInstance,
            String.class);
    assertThat(total(search(auditor, "processInstanceKey=" + pik + "&to=" + start))).isZero();
    assertThat(total(search(auditor, "processInstanceKey=" + pik + "&from=" + start)))
        .isEqualTo(chain.size());
    // free text: a whole field of the value, or the business key
    assertThat(total(search(auditor, "q=" + jobType + "&processInstanceKey=" + pik)))
        .isEqualTo(
            jdbc.queryForObject(
                "SELECT count(*)" + eventsOfTheInstance + " AND r.value_type = 'JOB'", Long.class))
        .isGreaterThan(1);
    // an engine event of a value type not exported (job activations) is a row of its own, in the
    // trail's own index
    assertThat(total(search(auditor, "action=JOB_BATCH.ACTIVATED&q=" + jobType))).isEqualTo(1);
    // (the auditor's own searches by the business key are rows of the trail too: not of the
    // instance)
    assertThat(total(search(auditor, "q=" + businessKey + "&processInstanceKey=" + pik)))
        .isEqualTo(chain.size());
    assertThat(total(search(auditor, "q=review&processInstanceKey=" + pik))).isGreaterThan(1);

    // pages follow the chain across both sources
    List<Long> paged = new ArrayList<>();
    for (int page = 0; page * 4 < chain.size(); page++) {
      paged.addAll(seqs(search(auditor, "processInstanceKey=" + pik + "&size=4&page=" + page)));
    }
    assertThat(paged).isEqualTo(chain);
  }

  private JsonNode search(String user, String query) {
    return http.withBasicAuth(user, PASSWORD).getForObject("/api/audit?" + query, JsonNode.class);
  }

  private static long total(JsonNode page) {
    return page.path("total").asLong();
  }

  private static List<Long> seqs(JsonNode page) {
    List<Long> seqs = new ArrayList<>();
    page.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
    return seqs;
  }
}

package life.suoke.ops.backend.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Operate's API: the views (definitions with counts, the filtered list with cursor pages, an
 * instance, the heat map) and every repair (variables, retry, resolve, cancel, modify) with its
 * authorisation (operators repair, auditors read, others neither), its audit row, and bad input
 * that changes nothing.
 */
class OperationsApiTest extends ApplicationTest {

  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String JOBS = "ops-jobs-" + SUFFIX;
  static final String GATE = "ops-gate-" + SUFFIX;
  static final String TYPE_A = "ops-a-" + SUFFIX;
  static final String TYPE_B = "ops-b-" + SUFFIX;

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void deploy(@Autowired CamundaClient client) {
    String jobs =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" name="Ops jobs" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="taskA"/>
            <bpmn:serviceTask id="taskA"><bpmn:extensionElements><zeebe:taskDefinition type="%s"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="taskA" targetRef="taskB"/>
            <bpmn:serviceTask id="taskB"><bpmn:extensionElements><zeebe:taskDefinition type="%s"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="taskB" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(JOBS, TYPE_A, TYPE_B);
    String gate =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gate"/>
            <bpmn:exclusiveGateway id="gate"/>
            <bpmn:sequenceFlow id="big" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>=amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="small" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>=amount &lt;= 10</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(GATE);
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(jobs, JOBS + ".bpmn")
        .addResourceStringUtf8(gate, GATE + ".bpmn")
        .send()
        .join();
  }

  @Test
  void anOperatorRetriesAFailedJobAndTheInstanceContinues() {
    long instance = start(JOBS, Map.of("businessKey", "RETRY-" + SUFFIX));
    ActivatedJob job = activate(TYPE_A);
    client
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("the CMDB answered 503")
        .send()
        .join();
    JsonNode incident = awaitIncident(instance);
    assertThat(incident.get("errorMessage").asText()).isEqualTo("the CMDB answered 503");
    assertThat(incident.get("jobKey").asText()).isEqualTo(Long.toString(job.getKey()));
    String incidentKey = incident.get("incidentKey").asText();

    // nobody but an operator may retry; a retry without a reason is refused; nothing changes
    for (String group : new String[] {"auditors", "tier1-oncall", "process-designers"}) {
      ApiClient other = new ApiClient(port, newUser(directory, "other", group), PASSWORD);
      assertThat(
              other
                  .post("/api/operations/incidents/" + incidentKey + "/retry", "{\"reason\":\"x\"}")
                  .status())
          .isEqualTo(403);
    }
    String operator = newUser(directory, "operator", "operators");
    ApiClient api = new ApiClient(port, operator, PASSWORD);
    Browser.Response noReason =
        api.post("/api/operations/incidents/" + incidentKey + "/retry", "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
    assertThat(
            api.post(
                    "/api/operations/incidents/" + incidentKey + "/retry",
                    "{\"reason\":\"x\",\"retries\":0}")
                .status())
        .isEqualTo(400);
    assertThat(
            client
                .newIncidentGetRequest(Long.parseLong(incidentKey))
                .send()
                .join()
                .getState()
                .name())
        .isEqualTo("ACTIVE");

    Browser.Response retried =
        api.post(
            "/api/operations/incidents/" + incidentKey + "/retry",
            "{\"reason\":\"CMDB is back\",\"retries\":2}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    ActivatedJob again = activate(TYPE_A);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    client.newCompleteCommand(again.getKey()).send().join();
    client.newCompleteCommand(activate(TYPE_B).getKey()).send().join();
    awaitState(instance, ProcessInstanceState.COMPLETED);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND action = ?",
                String.class,
                operator,
                Repairs.JOB_RETRY))
        .contains("CMDB is back")
        .contains(incidentKey);
    assertThat(
            api.post(
                    "/api/operations/incidents/" + incidentKey + "/retry", "{\"reason\":\"again\"}")
                .status())
        .isEqualTo(409);
  }

  @Test
  void anOperatorFixesAVariableAndResolvesTheIncidentOfAnExpression() {
    long instance = start(GATE, Map.of());
    JsonNode incident = awaitIncident(instance);
    assertThat(incident.get("elementId").asText()).isEqualTo("gate");
    String incidentKey = incident.get("incidentKey").asText();
    String operator = newUser(directory, "operator", "operators");
    ApiClient api = new ApiClient(port, operator, PASSWORD);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);

    assertThat(
            auditor
                .post(
                    "/api/operations/instances/" + instance + "/variables",
                    "{\"variables\":{\"amount\":20},\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            auditor
                .post(
                    "/api/operations/incidents/" + incidentKey + "/resolution",
                    "{\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    Browser.Response badName =
        api.post(
            "/api/operations/instances/" + instance + "/variables",
            "{\"variables\":{\"1 bad\":20},\"reason\":\"typo\"}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.json().get("errors").get(0).get("field").asText()).isEqualTo("variables");
    Browser.Response foreignScope =
        api.post(
            "/api/operations/instances/" + instance + "/variables",
            "{\"scopeKey\":\"123\",\"variables\":{\"amount\":20},\"reason\":\"typo\"}");
    assertThat(foreignScope.status()).isEqualTo(400);

    Browser.Response set =
        api.post(
            "/api/operations/instances/" + instance + "/variables",
            "{\"variables\":{\"amount\":20},\"reason\":\"amount was missing\"}");
    assertThat(set.status()).as(set.body()).isEqualTo(204);
    assertThat(
            api.post(
                    "/api/operations/incidents/" + incidentKey + "/resolution",
                    "{\"reason\":\"fixed amount\"}")
                .status())
        .isEqualTo(204);
    awaitState(instance, ProcessInstanceState.COMPLETED);
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE actor = ? ORDER BY seq",
                String.class,
                operator))
        .containsExactly(Repairs.VARIABLES_SET, Repairs.INCIDENT_RESOLVE);

    // the auditor reads the variable's history: the operator's edit with the reason's author, and
    // the engine's event of it (sealed in the trail, read from the search's exported records)
    await()
        .untilAsserted(
            () -> {
              Browser.Response history =
                  auditor.get("/api/operations/instances/" + instance + "/variable-history");
              assertThat(history.status()).isEqualTo(200);
              List<String> rows = new ArrayList<>();
              history
                  .json()
                  .forEach(
                      row ->
                          rows.add(
                              row.get("name").asText()
                                  + "="
                                  + row.get("value").asText()
                                  + " by "
                                  + row.get("actor").asText()));
              assertThat(rows).contains("amount=20 by " + operator, "amount=20 by engine");
            });
  }

  @Test
  void anOperatorCancelsAnInstanceWithAReason() {
    long instance = start(JOBS, Map.of());
    ApiClient api = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    assertThat(
            auditor
                .post(
                    "/api/operations/instances/" + instance + "/cancellation", "{\"reason\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            api.post(
                    "/api/operations/instances/" + instance + "/cancellation", "{\"reason\":\" \"}")
                .status())
        .isEqualTo(400);
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(
            api.post(
                    "/api/operations/instances/" + instance + "/cancellation",
                    "{\"reason\":\"duplicate\"}")
                .status())
        .isEqualTo(204);
    awaitState(instance, ProcessInstanceState.TERMINATED);
    assertThat(
            api.post(
                    "/api/operations/instances/" + instance + "/cancellation",
                    "{\"reason\":\"again\"}")
                .status())
        .isEqualTo(409);
    assertThat(
            api.post("/api/operations/instances/999999999/cancellation", "{\"reason\":\"none\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void anOperatorMovesATokenFromOneTaskToTheNext() {
    long instance = start(JOBS, Map.of());
    String taskA = await().until(() -> elementKey(instance, "taskA", "ACTIVE"), key -> key != null);
    ApiClient api = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    String move =
        "{\"activate\":[{\"elementId\":\"taskB\"}],\"terminate\":[\""
            + taskA
            + "\"],\"reason\":\"skip the CMDB\"}";

    assertThat(
            auditor.post("/api/operations/instances/" + instance + "/modification", move).status())
        .isEqualTo(403);
    Browser.Response bad =
        api.post(
            "/api/operations/instances/" + instance + "/modification",
            "{\"activate\":[{}],\"terminate\":[\"abc\"],\"reason\":\"x\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("activate[0].elementId").contains("terminate[0]");
    Browser.Response unknown =
        api.post(
            "/api/operations/instances/" + instance + "/modification",
            "{\"activate\":[{\"elementId\":\"noSuchTask\"}],\"reason\":\"x\"}");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(elementKey(instance, "taskA", "ACTIVE")).isEqualTo(taskA);

    Browser.Response moved =
        api.post("/api/operations/instances/" + instance + "/modification", move);
    assertThat(moved.status()).as(moved.body()).isEqualTo(204);
    await()
        .untilAsserted(
            () -> {
              assertThat(elementKey(instance, "taskB", "ACTIVE")).isNotNull();
              assertThat(elementKey(instance, "taskA", "TERMINATED")).isEqualTo(taskA);
            });
    JsonNode detail = auditor.get("/api/operations/instances/" + instance).json();
    assertThat(detail.at("/counts/taskB/active").asLong()).isEqualTo(1);
    assertThat(detail.at("/counts/taskA/terminated").asLong()).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = ? AND process_instance_key = ?",
                Long.class,
                Repairs.INSTANCE_MODIFY,
                instance))
        .isEqualTo(1);
  }

  @Test
  void theListFiltersAndPagesWithCursors() {
    String business = "LIST-" + SUFFIX;
    long first = start(JOBS, Map.of("businessKey", business, "region", "eu"));
    long second = start(JOBS, Map.of("businessKey", business, "region", "us"));
    long third = start(JOBS, Map.of("businessKey", business, "region", "eu"));
    ApiClient api = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);
    String base =
        "/api/operations/instances?processDefinitionId="
            + JOBS
            + "&businessKey="
            + business
            + "&state=ACTIVE";

    await()
        .untilAsserted(() -> assertThat(api.get(base).json().get("total").asLong()).isEqualTo(3));
    JsonNode page1 = api.get(base + "&limit=2").json();
    assertThat(page1.get("items")).hasSize(2);
    String next = page1.get("next").asText();
    JsonNode page2 = api.get(base + "&limit=2&after=" + next).json();
    assertThat(page2.get("items")).hasSize(1);
    assertThat(page2.hasNonNull("next")).isFalse();
    List<String> keys = new ArrayList<>();
    page1.get("items").forEach(i -> keys.add(i.get("processInstanceKey").asText()));
    page2.get("items").forEach(i -> keys.add(i.get("processInstanceKey").asText()));
    assertThat(keys)
        .containsExactlyInAnyOrder(
            Long.toString(first), Long.toString(second), Long.toString(third));

    JsonNode eu = api.get(base + "&variableName=region&variableValue=%22eu%22").json();
    assertThat(eu.get("total").asLong()).isEqualTo(2);
    assertThat(api.get(base + "&withIncident=true").json().get("total").asLong()).isZero();
    assertThat(
            api.get(base + "&startedFrom=2000-01-01T00:00:00Z&startedTo=2000-01-02T00:00:00Z")
                .json()
                .get("total")
                .asLong())
        .isZero();
    assertThat(api.get(base + "&version=1").json().get("total").asLong()).isEqualTo(3);
    Browser.Response badState = api.get(base + "&state=SLEEPING");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.json().get("errors").get(0).get("field").asText()).isEqualTo("state");
    assertThat(api.get(base + "&limit=1000").status()).isEqualTo(400);
  }

  @Test
  void definitionsCountInstancesAndTheHeatMapCountsElements() {
    long running = start(JOBS, Map.of());
    long broken = start(GATE, Map.of());
    awaitIncident(broken);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    await()
        .untilAsserted(
            () -> {
              JsonNode definitions = auditor.get("/api/operations/definitions").json();
              JsonNode gate = find(definitions, GATE);
              assertThat(gate.get("withIncident").asLong()).isGreaterThanOrEqualTo(1);
              assertThat(find(definitions, JOBS).get("active").asLong()).isGreaterThanOrEqualTo(1);
            });
    String gateKey =
        find(auditor.get("/api/operations/definitions").json(), GATE)
            .get("processDefinitionKey")
            .asText();
    JsonNode heat = auditor.get("/api/operations/definitions/" + gateKey + "/heatmap").json();
    assertThat(heat.at("/elements/gate/incidents").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(heat.at("/elements/start/instances").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(auditor.get("/api/operations/definitions/" + gateKey + "/xml").body())
        .contains("exclusiveGateway");
    JsonNode detail = auditor.get("/api/operations/instances/" + running).json();
    assertThat(detail.at("/instance/processDefinitionId").asText()).isEqualTo(JOBS);
    assertThat(detail.at("/counts/start/completed").asLong()).isEqualTo(1);
    assertThat(auditor.get("/api/operations/instances/424242424242").status()).isEqualTo(404);
  }

  @Test
  void respondersAndDesignersSeeNoInstances() {
    for (String group : new String[] {"tier1-oncall", "process-designers"}) {
      ApiClient other = new ApiClient(port, newUser(directory, "other", group), PASSWORD);
      assertThat(other.get("/api/operations/instances").status()).isEqualTo(403);
      assertThat(other.get("/api/operations/definitions").status()).isEqualTo(403);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String serial(String process, String... tasks) {
    StringBuilder body = new StringBuilder();
    String previous = "start";
    int flow = 0;
    for (String task : tasks) {
      body.append("<bpmn:sequenceFlow id=\"f")
          .append(++flow)
          .append("\" sourceRef=\"")
          .append(previous)
          .append("\" targetRef=\"")
          .append(task)
          .append("\"/>")
          .append("<bpmn:serviceTask id=\"")
          .append(task)
          .append("\"><bpmn:extensionElements><zeebe:taskDefinition type=\"")
          .append(process)
          .append("-")
          .append(task)
          .append("\"/></bpmn:extensionElements></bpmn:serviceTask>");
      previous = task;
    }
    body.append("<bpmn:sequenceFlow id=\"f")
        .append(++flow)
        .append("\" sourceRef=\"")
        .append(previous)
        .append("\" targetRef=\"end\"/><bpmn:endEvent id=\"end\"/>");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true"><bpmn:startEvent id="start"/>%s</bpmn:process>
        </bpmn:definitions>
        """
        .formatted(process, body);
  }

  private long deploy(String process, String xml) {
    return client
        .newDeployResourceCommand()
        .addResourceStringUtf8(xml, process + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  @Test
  void anOperatorMigratesAnInstanceToANewVersionAndABadPlanChangesNothing() {
    String process = "ops-mig-" + SUFFIX;
    long v1 = deploy(process, serial(process, "check"));
    long instance = start(process, Map.of());
    await()
        .until(() -> elementKey(instance, "check", "ACTIVE") != null); // the task waits for its job
    long v2 = deploy(process, serial(process, "verify", "approve"));
    assertThat(v2).isNotEqualTo(v1);
    String operator = newUser(directory, "operator", "operators");
    ApiClient api = new ApiClient(port, operator, PASSWORD);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    String plan =
        "{\"targetProcessDefinitionKey\":\"%d\",\"mappingInstructions\":[{\"sourceElementId\":\"%s\","
            + "\"targetElementId\":\"%s\"}],\"reason\":\"%s\"}";

    assertThat(
            auditor
                .post(
                    "/api/operations/instances/" + instance + "/migration",
                    plan.formatted(v2, "check", "verify", "x"))
                .status())
        .isEqualTo(403);
    Browser.Response noTarget =
        api.post(
            "/api/operations/instances/" + instance + "/migration",
            "{\"mappingInstructions\":[],\"reason\":\"x\"}");
    assertThat(noTarget.status()).isEqualTo(400);
    assertThat(noTarget.json().get("errors").get(0).get("field").asText())
        .isEqualTo("targetProcessDefinitionKey");
    // the active element is not mapped: refused, the instance stays on version 1
    Browser.Response unmapped =
        api.post(
            "/api/operations/instances/" + instance + "/migration",
            plan.formatted(v2, "start", "start", "wrong plan"));
    assertThat(unmapped.status()).as(unmapped.body()).isBetween(400, 499);
    assertThat(unmapped.body()).contains("check");
    assertThat(
            client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey())
        .isEqualTo(v1);

    Browser.Response migrated =
        api.post(
            "/api/operations/instances/" + instance + "/migration",
            plan.formatted(v2, "check", "verify", "check is now verify"));
    assertThat(migrated.status()).as(migrated.body()).isEqualTo(204);
    // the search shows the new version once the projection has the migration
    await()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .newProcessInstanceGetRequest(instance)
                            .send()
                            .join()
                            .getProcessDefinitionKey())
                    .isEqualTo(v2));
    // the job keeps its type and moves to the new element; the instance goes on along version 2
    ActivatedJob moved = activate(process + "-check");
    assertThat(moved.getElementId()).isEqualTo("verify");
    client.newCompleteCommand(moved.getKey()).send().join();
    client.newCompleteCommand(activate(process + "-approve").getKey()).send().join();
    awaitState(instance, ProcessInstanceState.COMPLETED);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND action = ?",
                String.class,
                operator,
                Repairs.INSTANCE_MIGRATE))
        .contains("check is now verify")
        .contains("check -> verify");
  }

  @Test
  void aBatchCancelsTheFilteredInstancesAndShowsItsProgress() {
    String process = "ops-batch-" + SUFFIX;
    deploy(process, serial(process, "wait"));
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      instances.add(start(process, Map.of()));
    }
    String operator = newUser(directory, "operator", "operators");
    ApiClient api = new ApiClient(port, operator, PASSWORD);
    ApiClient auditor = new ApiClient(port, newUser(directory, "auditor", "auditors"), PASSWORD);
    String body =
        "{\"type\":\"cancel\",\"filter\":{\"processDefinitionId\":\""
            + process
            + "\",\"state\":\"ACTIVE\"},\"reason\":\"test data\"}";
    assertThat(auditor.post("/api/operations/batches", body).status()).isEqualTo(403);
    Browser.Response everything =
        api.post("/api/operations/batches", "{\"type\":\"cancel\",\"filter\":{},\"reason\":\"x\"}");
    assertThat(everything.status()).isEqualTo(400);
    assertThat(everything.json().get("errors").get(0).get("field").asText()).isEqualTo("filter");
    Browser.Response unknown =
        api.post(
            "/api/operations/batches",
            "{\"type\":\"delete\",\"filter\":{\"processDefinitionId\":\""
                + process
                + "\"},\"reason\":\"x\"}");
    assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
    await()
        .until(
            () ->
                client
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.processDefinitionId(process))
                        .send()
                        .join()
                        .items()
                        .size()
                    == 5);

    Browser.Response started = api.post("/api/operations/batches", body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String key = started.json().get("key").asText();
    JsonNode done =
        await()
            .until(
                () -> {
                  Browser.Response r = auditor.get("/api/operations/batches/" + key);
                  return r.status() == 200 ? r.json() : null;
                },
                b -> b != null && "COMPLETED".equals(b.get("state").asText()));
    assertThat(done.get("type").asText()).isEqualTo("cancel");
    assertThat(done.get("total").asInt()).isEqualTo(5);
    assertThat(done.get("completed").asInt()).isEqualTo(5);
    assertThat(done.get("failed").asInt()).isZero();
    for (long instance : instances) {
      awaitState(instance, ProcessInstanceState.TERMINATED);
    }
    List<String> listed = new ArrayList<>();
    auditor.get("/api/operations/batches").json().forEach(b -> listed.add(b.get("key").asText()));
    assertThat(listed).contains(key);
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_event WHERE actor = ? AND action = ? AND object_id = ?",
                String.class,
                operator,
                BatchOperations.BATCH_START,
                key))
        .contains("test data")
        .contains(process);
  }

  private long start(String process, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private ActivatedJob activate(String type) {
    return await()
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(type)
                    .maxJobsToActivate(1)
                    .send()
                    .join()
                    .getJobs(),
            jobs -> !jobs.isEmpty())
        .get(0);
  }

  private JsonNode awaitIncident(long instance) {
    ApiClient api = new ApiClient(port, newUser(directory, "reader", "auditors"), PASSWORD);
    return await()
        .until(
            () -> {
              JsonNode incidents =
                  api.get("/api/operations/instances/" + instance).json().get("incidents");
              for (JsonNode i : incidents) {
                if ("ACTIVE".equals(i.get("state").asText())) {
                  return i;
                }
              }
              return null;
            },
            i -> i != null);
  }

  private void awaitState(long instance, ProcessInstanceState state) {
    await()
        .untilAsserted(
            () ->
                assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
                    .isEqualTo(state));
  }

  private String elementKey(long instance, String elementId, String state) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance).elementId(elementId))
        .send()
        .join()
        .items()
        .stream()
        .filter(e -> e.getState().name().equals(state))
        .map(e -> Long.toString(e.getElementInstanceKey()))
        .findFirst()
        .orElse(null);
  }

  private static JsonNode find(JsonNode definitions, String id) {
    for (JsonNode d : definitions) {
      if (d.get("processDefinitionId").asText().equals(id)) {
        return d;
      }
    }
    throw new AssertionError(id + " not in " + definitions);
  }
}

package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DecisionEvaluationIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.testsupport.RecordFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decisions: business rule tasks that call a DMN decision (ITSM priority and change-risk tables),
 * every hit policy, a decision requirements graph, FEEL input entries, result variables and output
 * mappings, job-based business rule tasks, incidents (decision not deployed, UNIQUE violated) and
 * their resolution, and the EvaluateDecision call over gRPC and REST, through the real client.
 */
class DecisionConformanceTest {

  static EngineTestSupport engine;
  static CamundaClient client;
  static CamundaClient rest;
  static DeploymentEvent rules;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(DecisionConformanceTest.class);
    client = engine.client;
    rest = engine.connectRest();
    rules =
        client
            .newDeployResourceCommand()
            .addResourceBytes(dmn("incident-priority.dmn"), "incident-priority.dmn")
            .addResourceBytes(dmn("change-risk.dmn"), "change-risk.dmn")
            .addResourceBytes(dmn("hit-policies.dmn"), "hit-policies.dmn")
            .send()
            .join();
  }

  @AfterAll
  static void stop() {
    rest.close();
    engine.close();
  }

  static byte[] dmn(String name) {
    try (InputStream in = DecisionConformanceTest.class.getResourceAsStream("/dmn/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long decisionKey(String decisionId) {
    return rules.getDecisions().stream()
        .filter(d -> d.getDmnDecisionId().equals(decisionId))
        .findFirst()
        .orElseThrow()
        .getDecisionKey();
  }

  @Test
  void deploymentNamesTheDecisionsAndGraphsAsTheDmnDoes() {
    assertThat(rules.getDecisions())
        .filteredOn(d -> d.getDmnDecisionId().equals("change-risk"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDmnDecisionName()).isEqualTo("Change risk");
              assertThat(d.getDmnDecisionRequirementsId()).isEqualTo("change-risk-rules");
            });
    assertThat(rules.getDecisionRequirements())
        .filteredOn(g -> g.getDmnDecisionRequirementsId().equals("change-risk-rules"))
        .singleElement()
        .satisfies(
            g -> assertThat(g.getDmnDecisionRequirementsName()).isEqualTo("Change risk rules"));
    var record =
        engine.events(DecisionRequirementsIntent.CREATED).stream()
            .filter(r -> "change-risk-rules".equals(r.value().get("decisionRequirementsId")))
            .findFirst()
            .orElseThrow();
    assertThat(record.value())
        .containsEntry("decisionRequirementsName", "Change risk rules")
        .containsEntry("namespace", "http://suoke.life/ops/dmn")
        .containsKey("decisionRequirementsVersion");
    var rest =
        DecisionConformanceTest.rest
            .newDeployResourceCommand()
            .addResourceBytes(dmn("change-risk.dmn"), "change-risk.dmn")
            .send()
            .join();
    assertThat(rest.getDecisions())
        .extracting(d -> d.getDmnDecisionName())
        .contains("Change risk", "Impact score");
  }

  void deploy(BpmnModelInstance model, String name) {
    client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  Map<String, Object> run(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .withResult()
        .requestTimeout(Duration.ofSeconds(20))
        .send()
        .join()
        .getVariablesAsMap();
  }

  ActivatedJob awaitJob(String type) {
    return EngineTestSupport.awaitJob(client, type);
  }

  /** The decision evaluations (EVALUATED or FAILED) written for a process instance. */
  List<Record> evaluations(DecisionEvaluationIntent intent, long processInstanceKey) {
    return engine.events(intent).stream()
        .filter(r -> RecordFields.lng(r.value(), "processInstanceKey") == processInstanceKey)
        .toList();
  }

  Incident incidentOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rest.newIncidentSearchRequest()
                    .filter(
                        f -> f.processInstanceKey(processInstanceKey).state(IncidentState.ACTIVE))
                    .send()
                    .join()
                    .items(),
            incidents -> incidents.size() == 1)
        .get(0);
  }

  static BpmnModelInstance routing(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .businessRuleTask(
            "prioritize",
            t -> t.zeebeCalledDecisionId("incident-priority").zeebeResultVariable("priority"))
        .exclusiveGateway("by-priority")
        .defaultFlow()
        .serviceTask("queue", s -> s.zeebeJobType("queue-ticket"))
        .endEvent()
        .moveToLastGateway()
        .conditionExpression("priority = \"P1\"")
        .serviceTask("page", s -> s.zeebeJobType("page-on-call"))
        .endEvent()
        .done();
  }

  // ------------------------------------------------------------------ business rule tasks

  @Test
  void businessRuleTaskRoutesAnIncidentByItsPriority() {
    deploy(routing("incident-routing"), "incident-routing.bpmn");

    long critical =
        start("incident-routing", Map.of("severity", "critical", "impact", "department"));
    ActivatedJob page = awaitJob("page-on-call");
    assertThat(page.getProcessInstanceKey()).isEqualTo(critical);
    assertThat(page.getVariablesAsMap()).containsEntry("priority", "P1");

    long minor = start("incident-routing", Map.of("severity", "high", "impact", "user"));
    ActivatedJob queue = awaitJob("queue-ticket");
    assertThat(queue.getProcessInstanceKey()).isEqualTo(minor);
    assertThat(queue.getVariablesAsMap()).containsEntry("priority", "P3");

    Record evaluated = evaluations(DecisionEvaluationIntent.EVALUATED, critical).get(0);
    Map<String, Object> value = evaluated.value();
    assertThat(value)
        .containsEntry("decisionId", "incident-priority")
        .containsEntry("decisionName", "Incident priority")
        .containsEntry("decisionVersion", 1L)
        .containsEntry("decisionKey", decisionKey("incident-priority"))
        .containsEntry("decisionRequirementsId", "incident-priority-rules")
        .containsEntry("decisionOutput", "\"P1\"")
        .containsEntry("bpmnProcessId", "incident-routing")
        .containsEntry("elementId", "prioritize")
        .containsEntry("evaluationFailureMessage", "")
        .containsEntry("failedDecisionId", "");
    List<Map<String, Object>> decisions = RecordFields.list(value, "evaluatedDecisions");
    assertThat(decisions)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d)
                  .containsEntry("decisionType", "DECISION_TABLE")
                  .containsEntry("decisionOutput", "\"P1\"")
                  .containsEntry("decisionEvaluationInstanceKey", evaluated.key() + "-1");
              assertThat(RecordFields.<Map<String, Object>>list(d, "evaluatedInputs"))
                  .containsExactly(
                      Map.of(
                          "inputId",
                          "severity-input",
                          "inputName",
                          "Severity",
                          "inputValue",
                          "\"critical\""),
                      Map.of(
                          "inputId",
                          "impact-input",
                          "inputName",
                          "Impact",
                          "inputValue",
                          "\"department\""));
              assertThat(RecordFields.<Map<String, Object>>list(d, "matchedRules"))
                  .singleElement()
                  .satisfies(
                      rule -> {
                        assertThat(rule)
                            .containsEntry("ruleId", "critical-wide")
                            .containsEntry("ruleIndex", 1L);
                        assertThat(RecordFields.<Map<String, Object>>list(rule, "evaluatedOutputs"))
                            .containsExactly(
                                Map.of(
                                    "outputId",
                                    "priority-output",
                                    "outputName",
                                    "Priority",
                                    "outputValue",
                                    "\"P1\""));
                      });
            });
    assertThat(engine.events(ProcessInstanceIntent.ELEMENT_COMPLETED))
        .anyMatch(
            r ->
                "prioritize".equals(r.value().get("elementId"))
                    && "BUSINESS_RULE_TASK".equals(r.value().get("bpmnElementType"))
                    && RecordFields.lng(r.value(), "processInstanceKey") == critical);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
    "critical, enterprise, P1", // a list entry: "enterprise","department"
    "critical, user, P2",
    "high, enterprise, P2",
    "high, department, P3", // not("enterprise")
    "low, enterprise, P3", // a list entry: "medium","low"
    "medium, user, P4",
    "security, user, P1" // '-': any impact
  })
  void feelInputEntriesOfThePriorityMatrix(String severity, String impact, String priority) {
    deploy(
        Bpmn.createExecutableProcess("priority-only")
            .startEvent()
            .businessRuleTask(
                "prioritize",
                t -> t.zeebeCalledDecisionId("incident-priority").zeebeResultVariable("priority"))
            .endEvent()
            .done(),
        "priority-only.bpmn");

    assertThat(run("priority-only", Map.of("severity", severity, "impact", impact)))
        .containsEntry("priority", priority);
  }

  @Test
  void requiredDecisionOfTheGraphIsEvaluatedFirst() {
    deploy(
        Bpmn.createExecutableProcess("assess-change")
            .startEvent()
            .businessRuleTask(
                "assess", t -> t.zeebeCalledDecisionId("change-risk").zeebeResultVariable("risk"))
            .endEvent()
            .done(),
        "assess-change.bpmn");

    // impact score: >= 10 services (5) + customer facing (4) = 9, then "> 7" is high risk
    assertThat(
            run(
                "assess-change",
                Map.of("affectedServices", 12, "customerFacing", true, "changeType", "normal")))
        .containsEntry("risk", "high");
    // [3..9] services (3), not customer facing: 3, below [4..7]: the catch-all rule, low
    assertThat(
            run(
                "assess-change",
                Map.of("affectedServices", 4, "customerFacing", false, "changeType", "normal")))
        .containsEntry("risk", "low");
    // < 3 services (1) + customer facing (4) = 5 in [4..7]: medium; PRIORITY picks it over the
    // catch-all
    long key =
        start(
            "assess-change",
            Map.of("affectedServices", 1, "customerFacing", true, "changeType", "normal"));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));

    Record evaluated = evaluations(DecisionEvaluationIntent.EVALUATED, key).get(0);
    assertThat(evaluated.value())
        .containsEntry("decisionOutput", "\"medium\"")
        .containsEntry("decisionId", "change-risk");
    List<Map<String, Object>> decisions =
        RecordFields.list(evaluated.value(), "evaluatedDecisions");
    assertThat(decisions)
        .extracting(d -> d.get("decisionId"))
        .containsExactly("impact-score", "change-risk");
    assertThat(decisions.get(0))
        .containsEntry("decisionOutput", "5")
        .containsEntry("decisionKey", decisionKey("impact-score"))
        .containsEntry("decisionEvaluationInstanceKey", evaluated.key() + "-1");
    assertThat(RecordFields.<Map<String, Object>>list(decisions.get(0), "matchedRules"))
        .extracting(r -> r.get("ruleId"))
        .containsExactly("few-services", "customer-facing");
    assertThat(RecordFields.<Map<String, Object>>list(decisions.get(1), "matchedRules"))
        .extracting(r -> r.get("ruleId"))
        .containsExactly("moderate-score", "otherwise-low");
  }

  @Test
  void resultVariableGoesThroughTheOutputMappings() {
    deploy(
        Bpmn.createExecutableProcess("plan-change")
            .startEvent()
            .businessRuleTask(
                "steps",
                t ->
                    t.zeebeCalledDecisionId("steps-rule-order")
                        .zeebeResultVariable("steps")
                        .zeebeOutputExpression("steps.step", "plannedSteps")
                        .zeebeOutputExpression("count(steps)", "stepCount"))
            .businessRuleTask(
                "points",
                t -> t.zeebeCalledDecisionId("points-sum").zeebeResultVariable("riskPoints"))
            .endEvent()
            .done(),
        "plan-change.bpmn");

    Map<String, Object> variables = run("plan-change", Map.of("cost", 2500));

    assertThat(variables)
        .containsEntry("plannedSteps", List.of("audit", "finance", "cab"))
        .containsEntry("stepCount", 3)
        .containsEntry("riskPoints", 7);
    assertThat(variables)
        .as("with output mappings the result variable stays local to the task")
        .doesNotContainKey("steps");
  }

  @Test
  void decisionIdFromAFeelExpressionAndItsInputMappings() {
    deploy(
        Bpmn.createExecutableProcess("approve-change")
            .startEvent()
            .businessRuleTask(
                "approval",
                t ->
                    t.zeebeCalledDecisionIdExpression("\"approval-\" + policy")
                        .zeebeResultVariable("approver")
                        .zeebeInputExpression("request.cost", "cost"))
            .endEvent()
            .done(),
        "approve-change.bpmn");

    assertThat(run("approve-change", Map.of("policy", "first", "request", Map.of("cost", 500))))
        .containsEntry("approver", "team lead");
    assertThat(run("approve-change", Map.of("policy", "priority", "request", Map.of("cost", 5000))))
        .containsEntry("approver", "change advisory board");
  }

  @Test
  void jobBasedBusinessRuleTaskIsAJob() {
    deploy(
        Bpmn.createExecutableProcess("external-rules")
            .startEvent()
            .businessRuleTask("classify", t -> t.zeebeJobType("rules-engine").zeebeJobRetries("2"))
            .serviceTask("act", s -> s.zeebeJobType("act-on-class"))
            .endEvent()
            .done(),
        "external-rules.bpmn");
    long key = start("external-rules", Map.of("ticket", "INC-7"));

    ActivatedJob job = awaitJob("rules-engine");
    assertThat(job.getProcessInstanceKey()).isEqualTo(key);
    assertThat(job.getElementId()).isEqualTo("classify");
    assertThat(job.getRetries()).isEqualTo(2);
    client.newCompleteCommand(job.getKey()).variables(Map.of("class", "network")).send().join();

    assertThat(awaitJob("act-on-class").getVariablesAsMap())
        .containsEntry("class", "network")
        .containsEntry("ticket", "INC-7");
    assertThat(engine.events(DecisionEvaluationIntent.EVALUATED))
        .noneMatch(r -> RecordFields.lng(r.value(), "processInstanceKey") == key);
  }

  @Test
  void decisionBoundToTheDeploymentOfTheProcess() {
    byte[] v1 =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"escalation-rules\" name=\"Escalation\" namespace=\"ops\">"
                + "<decision id=\"escalation-team\" name=\"Escalation team\"><literalExpression><text>\"tier-2\"</text></literalExpression></decision>"
                + "</definitions>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] v2 =
        new String(v1, StandardCharsets.UTF_8)
            .replace("tier-2", "tier-3")
            .getBytes(StandardCharsets.UTF_8);
    BpmnModelInstance bound =
        Bpmn.createExecutableProcess("escalate-bound")
            .startEvent()
            .businessRuleTask(
                "who",
                t ->
                    t.zeebeCalledDecisionId("escalation-team")
                        .zeebeResultVariable("team")
                        .zeebeBindingType(ZeebeBindingType.deployment))
            .endEvent()
            .done();
    BpmnModelInstance latest =
        Bpmn.createExecutableProcess("escalate-latest")
            .startEvent()
            .businessRuleTask(
                "who", t -> t.zeebeCalledDecisionId("escalation-team").zeebeResultVariable("team"))
            .endEvent()
            .done();
    client
        .newDeployResourceCommand()
        .addResourceBytes(v1, "escalation.dmn")
        .addProcessModel(bound, "escalate-bound.bpmn")
        .addProcessModel(latest, "escalate-latest.bpmn")
        .send()
        .join();
    DeploymentEvent second =
        client.newDeployResourceCommand().addResourceBytes(v2, "escalation.dmn").send().join();
    assertThat(second.getDecisions())
        .singleElement()
        .satisfies(d -> assertThat(d.getVersion()).isEqualTo(2));

    assertThat(run("escalate-bound", Map.of())).containsEntry("team", "tier-2");
    assertThat(run("escalate-latest", Map.of())).containsEntry("team", "tier-3");
  }

  // ------------------------------------------------------------------ incidents

  @Test
  void missingDecisionIsAnIncidentResolvedOnceTheDecisionIsDeployed() {
    deploy(
        Bpmn.createExecutableProcess("sla-assignment")
            .startEvent()
            .businessRuleTask(
                "sla", t -> t.zeebeCalledDecisionId("sla-policy").zeebeResultVariable("sla"))
            .serviceTask("track", s -> s.zeebeJobType("track-sla"))
            .endEvent()
            .done(),
        "sla-assignment.bpmn");
    long key = start("sla-assignment", Map.of("priority", "P2"));

    Incident incident = incidentOf(key);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_DECISION_ERROR);
    assertThat(incident.getErrorMessage())
        .isEqualTo(
            "Expected to evaluate decision 'sla-policy', but no decision found for id 'sla-policy'");
    assertThat(incident.getElementId()).isEqualTo("sla");
    assertThat(engine.events(DecisionEvaluationIntent.FAILED))
        .as("nothing was evaluated")
        .noneMatch(r -> RecordFields.lng(r.value(), "processInstanceKey") == key);

    byte[] sla =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"sla-rules\" name=\"SLA\" namespace=\"ops\">"
                + "<decision id=\"sla-policy\" name=\"SLA policy\"><literalExpression>"
                + "<text>{responseHours: if priority = \"P1\" then 1 else 8, reviewed: false}</text>"
                + "</literalExpression></decision></definitions>")
            .getBytes(StandardCharsets.UTF_8);
    client.newDeployResourceCommand().addResourceBytes(sla, "sla.dmn").send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    ActivatedJob track = awaitJob("track-sla");
    assertThat(track.getProcessInstanceKey()).isEqualTo(key);
    assertThat(track.getVariablesAsMap())
        .containsEntry("sla", Map.of("responseHours", 8, "reviewed", false));
    assertThat(evaluations(DecisionEvaluationIntent.EVALUATED, key))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.value())
                    .containsEntry("decisionOutput", "{\"responseHours\":8,\"reviewed\":false}"));
  }

  @Test
  void uniqueHitPolicyViolationIsADecisionEvaluationIncident() {
    deploy(
        Bpmn.createExecutableProcess("assign-owner")
            .startEvent()
            .businessRuleTask(
                "owner", t -> t.zeebeCalledDecisionId("owner-unique").zeebeResultVariable("owner"))
            .serviceTask("notify", s -> s.zeebeJobType("notify-owner"))
            .endEvent()
            .done(),
        "assign-owner.bpmn");
    long key = start("assign-owner", Map.of("cost", 5000));

    Incident incident = incidentOf(key);
    String expected =
        "Expected to evaluate decision 'owner-unique', but multiple values aren't allowed for UNIQUE hit policy.";
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.DECISION_EVALUATION_ERROR);
    assertThat(incident.getErrorMessage()).startsWith(expected);
    Record failed = evaluations(DecisionEvaluationIntent.FAILED, key).get(0);
    assertThat(failed.value())
        .containsEntry("failedDecisionId", "owner-unique")
        .containsEntry("decisionOutput", "null")
        .containsEntry("evaluationFailureMessage", incident.getErrorMessage());
    assertThat(RecordFields.<Map<String, Object>>list(failed.value(), "evaluatedDecisions"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(RecordFields.<Map<String, Object>>list(d, "matchedRules"))
                    .extracting(r -> r.get("ruleId"))
                    .containsExactly("owner-unique-finance", "owner-unique-cab"));

    // resolving without a fix evaluates again and fails again
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> evaluations(DecisionEvaluationIntent.FAILED, key).size() == 2);

    Incident again = incidentOf(key);
    client.newSetVariablesCommand(key).variables(Map.of("cost", 500)).send().join();
    client.newResolveIncidentCommand(again.getIncidentKey()).send().join();
    assertThat(awaitJob("notify-owner").getVariablesAsMap()).containsEntry("owner", "finance");
  }

  @Test
  void feelFailuresOfABusinessRuleTaskAreIncidents() {
    deploy(
        Bpmn.createExecutableProcess("check-cost")
            .startEvent()
            .businessRuleTask(
                "check",
                t ->
                    t.zeebeCalledDecisionIdExpression("decisionRef").zeebeResultVariable("checked"))
            .endEvent()
            .done(),
        "check-cost.bpmn");
    long key = start("check-cost", Map.of("cost", -10));

    Incident noId = incidentOf(key);
    assertThat(noId.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(noId.getErrorMessage())
        .startsWith(
            "Expected result of the expression 'decisionRef' to be 'STRING', but was 'NULL'.");

    client
        .newSetVariablesCommand(key)
        .variables(Map.of("decisionRef", "checked-cost"))
        .send()
        .join();
    client.newResolveIncidentCommand(noId.getIncidentKey()).send().join();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !evaluations(DecisionEvaluationIntent.FAILED, key).isEmpty());

    Incident assertion = incidentOf(key);
    assertThat(assertion.getErrorType()).isEqualTo(IncidentErrorType.DECISION_EVALUATION_ERROR);
    assertThat(assertion.getErrorMessage())
        .startsWith("Expected to evaluate decision 'checked-cost', but Assertion failure")
        .contains("the cost must be a non-negative number");

    client.newSetVariablesCommand(key).variables(Map.of("cost", 10)).send().join();
    client.newResolveIncidentCommand(assertion.getIncidentKey()).send().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(key));
    assertThat(evaluations(DecisionEvaluationIntent.EVALUATED, key))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).containsEntry("decisionOutput", "10"));
  }

  // ------------------------------------------------------------------ EvaluateDecision

  @ParameterizedTest(name = "{0} at cost {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "approval-first     | 500  | \"team lead\"",
        "approval-first     | 5000 | \"change advisory board\"",
        "approval-priority  | 500  | \"team lead\"",
        "approval-priority  | 5000 | \"change advisory board\"",
        "review-any         | 500  | \"review\"",
        "owner-unique       | 500  | \"finance\"",
        "owner-unique       | 50   | null",
        "notify-collect     | 5000 | [\"finance\",\"cab\",\"audit\"]",
        "points-sum         | 5000 | 7",
        "points-count       | 5000 | 3",
        "points-max         | 500  | 2",
        "steps-rule-order   | 500  | [{\"step\":\"audit\",\"order\":1},{\"step\":\"finance\",\"order\":2}]",
        "steps-output-order | 5000 | [\"cab\",\"finance\",\"audit\"]",
        "summary            | 5000 | \"major change\""
      })
  void everyHitPolicyOverGrpc(String decisionId, int cost, String output) {
    EvaluateDecisionResponse response =
        client
            .newEvaluateDecisionCommand()
            .decisionId(decisionId)
            .variables(Map.of("cost", cost))
            .send()
            .join();

    assertThat(response.getDecisionOutput()).isEqualTo(output);
    assertThat(response.getFailureMessage()).isEmpty();
    assertThat(response.getDecisionKey()).isEqualTo(decisionKey(decisionId));
  }

  @Test
  void evaluateDecisionOverGrpcByIdGivesOutputEvaluatedDecisionsAndMatchedRules() {
    EvaluateDecisionResponse response =
        client
            .newEvaluateDecisionCommand()
            .decisionId("incident-priority")
            .variables(Map.of("severity", "critical", "impact", "user"))
            .send()
            .join();

    assertPriorityEvaluation(response, "P2", "critical-single-user", 2);
    assertThat(response.getFailedDecisionId()).isEmpty();
    Record command = commandOf(response.getDecisionEvaluationKey());
    assertThat(command.value()).containsEntry("decisionId", "incident-priority");
  }

  @Test
  void evaluateDecisionOverRestByKeyGivesOutputEvaluatedDecisionsAndMatchedRules() {
    EvaluateDecisionResponse response =
        rest.newEvaluateDecisionCommand()
            .decisionKey(decisionKey("incident-priority"))
            .variables(Map.of("severity", "medium", "impact", "department"))
            .send()
            .join();

    assertPriorityEvaluation(response, "P4", "minor-narrow", 6);

    EvaluateDecisionResponse graph =
        rest.newEvaluateDecisionCommand()
            .decisionId("change-risk")
            .variables(
                Map.of("affectedServices", 3, "customerFacing", true, "changeType", "standard"))
            .send()
            .join();
    // impact score 3 + 4 = 7: "[4..7]" (medium) and two low rules match; PRIORITY picks medium
    assertThat(graph.getDecisionOutput()).isEqualTo("\"medium\"");
    assertThat(graph.getEvaluatedDecisions())
        .extracting(EvaluatedDecision::getDecisionId)
        .containsExactly("impact-score", "change-risk");
    assertThat(graph.getEvaluatedDecisions().get(0).getDecisionKey())
        .isEqualTo(decisionKey("impact-score"));
  }

  private void assertPriorityEvaluation(
      EvaluateDecisionResponse response, String priority, String ruleId, int ruleIndex) {
    assertThat(response.getDecisionOutput()).isEqualTo("\"" + priority + "\"");
    assertThat(response.getDecisionId()).isEqualTo("incident-priority");
    assertThat(response.getDecisionKey()).isEqualTo(decisionKey("incident-priority"));
    assertThat(response.getDecisionName()).isEqualTo("Incident priority");
    assertThat(response.getDecisionVersion()).isEqualTo(1);
    assertThat(response.getDecisionRequirementsId()).isEqualTo("incident-priority-rules");
    assertThat(response.getDecisionRequirementsKey())
        .isEqualTo(
            rules.getDecisionRequirements().stream()
                .filter(d -> d.getDmnDecisionRequirementsId().equals("incident-priority-rules"))
                .findFirst()
                .orElseThrow()
                .getDecisionRequirementsKey());
    assertThat(response.getTenantId()).isEqualTo("<default>");
    assertThat(response.getEvaluatedDecisions())
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.getDecisionId()).isEqualTo("incident-priority");
              assertThat(decision.getDecisionType()).isEqualTo("DECISION_TABLE");
              assertThat(decision.getDecisionOutput()).isEqualTo("\"" + priority + "\"");
              assertThat(decision.getDecisionVersion()).isEqualTo(1);
              assertThat(decision.getDecisionEvaluationInstanceKey())
                  .isEqualTo(response.getDecisionEvaluationKey() + "-1");
              assertThat(decision.getEvaluatedInputs())
                  .extracting(i -> i.getInputId() + "/" + i.getInputName())
                  .containsExactly("severity-input/Severity", "impact-input/Impact");
              assertThat(decision.getMatchedRules())
                  .singleElement()
                  .satisfies(
                      rule -> {
                        assertThat(rule.getRuleId()).isEqualTo(ruleId);
                        assertThat(rule.getRuleIndex()).isEqualTo(ruleIndex);
                        assertThat(rule.getEvaluatedOutputs())
                            .singleElement()
                            .satisfies(
                                output -> {
                                  assertThat(output.getOutputId()).isEqualTo("priority-output");
                                  assertThat(output.getOutputName()).isEqualTo("Priority");
                                  assertThat(output.getOutputValue())
                                      .isEqualTo("\"" + priority + "\"");
                                });
                      });
            });
    Record event =
        engine.events(DecisionEvaluationIntent.EVALUATED).stream()
            .filter(r -> r.key() == response.getDecisionEvaluationKey())
            .findFirst()
            .orElseThrow();
    assertThat(event.value())
        .containsEntry("decisionOutput", "\"" + priority + "\"")
        .containsEntry("processInstanceKey", -1L);
    assertThat(response.getDecisionInstanceKey()).isEqualTo(response.getDecisionEvaluationKey());
  }

  /** The EVALUATE command the evaluation with this key came from. */
  private Record commandOf(long evaluationKey) {
    List<Record> all = new java.util.ArrayList<>();
    engine.engine.recordLog().replay(0, all::add);
    Record event =
        all.stream()
            .filter(r -> r.key() == evaluationKey && r.valueType() == ValueType.DECISION_EVALUATION)
            .findFirst()
            .orElseThrow();
    return all.stream()
        .filter(r -> r.position() == event.sourceRecordPosition())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no source command"));
  }

  @Test
  void failingEvaluationIsAnsweredWithTheFailureNotRejected() {
    EvaluateDecisionResponse grpc =
        client
            .newEvaluateDecisionCommand()
            .decisionId("checked-cost")
            .variables(Map.of("cost", -5))
            .send()
            .join();
    EvaluateDecisionResponse overRest =
        rest.newEvaluateDecisionCommand()
            .decisionId("review-any")
            .variables(Map.of("cost", 50000))
            .send()
            .join();

    assertThat(grpc.getFailedDecisionId()).isEqualTo("checked-cost");
    assertThat(grpc.getFailureMessage())
        .startsWith("Expected to evaluate decision 'checked-cost', but Assertion failure")
        .contains("the cost must be a non-negative number");
    assertThat(grpc.getDecisionOutput()).isEqualTo("null");
    assertThat(overRest.getFailedDecisionId()).isEqualTo("review-any");
    assertThat(overRest.getFailureMessage())
        .startsWith(
            "Expected to evaluate decision 'review-any', but different values aren't allowed for ANY hit policy.");
    assertThat(engine.events(DecisionEvaluationIntent.FAILED))
        .extracting(Record::key)
        .contains(grpc.getDecisionEvaluationKey(), overRest.getDecisionEvaluationKey());
  }

  @Test
  void unknownDecisionIsRejectedOverBothTransports() {
    assertThatThrownBy(
            () -> client.newEvaluateDecisionCommand().decisionId("no-such-decision").send().join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining(
            "Command 'EVALUATE' rejected with code 'NOT_FOUND': "
                + "Expected to evaluate decision 'no-such-decision', but no decision found for id 'no-such-decision'");
    assertThatThrownBy(
            () -> client.newEvaluateDecisionCommand().decisionKey(2251799813999999L).send().join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND))
        .hasMessageContaining(
            "Expected to evaluate decision '2251799813999999', but no decision found for key '2251799813999999'");
    assertThatThrownBy(
            () -> rest.newEvaluateDecisionCommand().decisionId("no-such-decision").send().join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.details().getTitle()).isEqualTo("NOT_FOUND");
              assertThat(e.details().getDetail())
                  .isEqualTo(
                      "Command 'EVALUATE' rejected with code 'NOT_FOUND': "
                          + "Expected to evaluate decision 'no-such-decision', but no decision found for id 'no-such-decision'");
            });
    assertThatThrownBy(
            () ->
                rest.newEvaluateDecisionCommand()
                    .decisionKey(decisionKey("incident-priority"))
                    .tenantId("other")
                    .send()
                    .join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    assertThat(engine.events(DecisionEvaluationIntent.EVALUATED))
        .noneMatch(r -> "no-such-decision".equals(r.value().get("decisionId")));
    List<Record> rejections = new java.util.ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == RecordType.COMMAND_REJECTION
                  && r.valueType() == ValueType.DECISION_EVALUATION) {
                rejections.add(r);
              }
            });
    assertThat(rejections)
        .anyMatch(
            r ->
                "no-such-decision".equals(r.value().get("decisionId"))
                    && r.intent() == DecisionEvaluationIntent.EVALUATE);
  }

  @Test
  void badRequestsAreProblemsNamingTheField() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> neither = post(http, "{\"variables\":{}}");
    HttpResponse<String> both =
        post(
            http,
            "{\"decisionDefinitionId\":\"incident-priority\",\"decisionDefinitionKey\":\"1\"}");
    HttpResponse<String> badKey = post(http, "{\"decisionDefinitionKey\":\"not-a-key\"}");
    HttpResponse<String> badVariables =
        post(http, "{\"decisionDefinitionId\":\"incident-priority\",\"variables\":[1,2]}");

    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.body())
        .contains("At least one of [decisionDefinitionId, decisionDefinitionKey] is required.");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body())
        .contains("Only one of [decisionDefinitionId, decisionDefinitionKey] is allowed.");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body())
        .contains("The value for decisionDefinitionKey is 'not-a-key' but must be a numeric key.");
    assertThat(badVariables.statusCode()).isEqualTo(400);
    assertThat(badVariables.body()).contains("variables").contains("JSON object");
    assertThat(neither.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private static HttpResponse<String> post(HttpClient http, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + engine.engine.restPort()
                        + "/v2/decision-definitions/evaluation"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ------------------------------------------------------------------ deployment

  @Test
  void dmnThatDoesNotParseIsRejectedAtDeployment() {
    byte[] broken =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\"><decision id=\"d\">"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceBytes(broken, "broken.dmn")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'broken.dmn': ");
  }
}

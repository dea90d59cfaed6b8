package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.JobKind;
import io.grpc.Status;
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
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Ad-hoc subprocesses as Zeebe 8.8 runs them: elements activated by the active elements collection,
 * each in an inner instance of its own with the flow after it; the subprocess's metadata variable;
 * completion when nothing is left, or by the completion condition (terminating the rest or waiting
 * for it; false keeps it active); the output collection; incidents of the collection and the
 * condition, resolved; the activation call over REST with its rejections; the job worker
 * implementation over gRPC and REST (results that activate elements or fulfil the condition, the
 * job asked again after each inner instance, its rejections and incidents); a multi-instance ad-hoc
 * subprocess; an interrupting boundary timer; a restart in the middle; what a deployment may not
 * contain, and the start instructions, modifications and migrations refused.
 */
class AdHocSubProcessConformanceTest extends ClockedEngineTest {

  // ------------------------------------------------------------------ the BPMN implementation

  @Test
  void theCollectionActivatesTheNamedElementsEachInAnInnerInstanceWithTheFlowAfterIt() {
    deploy(
        "ah-collection",
        """
        <bpmn:adHocSubProcess id="ad" name="Investigate">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=toActivate" />
          </bpmn:extensionElements>
          <bpmn:serviceTask id="A" name="Check logs">
            <bpmn:documentation>Reads the service's logs</bpmn:documentation>
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="ah1-a" />
              <zeebe:properties><zeebe:property name="tool" value="logs" /></zeebe:properties>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          %s
          <bpmn:sequenceFlow id="B-B2" sourceRef="B" targetRef="B2" />
          %s
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("B", "ah1-b"), task("B2", "ah1-b2"), task("C", "ah1-c")));
    long key = start("ah-collection", Map.of("toActivate", List.of("A", "B")));

    ActivatedJob a = awaitJob("ah1-a");
    ActivatedJob b = awaitJob("ah1-b");
    assertThat(activate("ah1-c")).as("C is not in the collection").isEmpty();
    assertThat(a.getVariablesAsMap())
        .as("what the subprocess can activate: B2 follows B, so it is not among them")
        .containsEntry(
            "adHocSubProcessElements",
            List.of(
                Map.of(
                    "elementId",
                    "A",
                    "elementName",
                    "Check logs",
                    "documentation",
                    "Reads the service's logs",
                    "properties",
                    Map.of("tool", "logs")),
                Map.of("elementId", "B"),
                Map.of("elementId", "C")));

    long adKey = elementKey(key, "ad");
    List<Record> inner = elements(key, ProcessInstanceIntent.ELEMENT_ACTIVATED, "ad#innerInstance");
    assertThat(inner).hasSize(2);
    assertThat(inner)
        .allSatisfy(
            r -> {
              assertThat(r.value().get("bpmnElementType"))
                  .isEqualTo("AD_HOC_SUB_PROCESS_INNER_INSTANCE");
              assertThat(lng(r, "flowScopeKey")).isEqualTo(adKey);
            });
    assertThat(
            elements(key, ProcessInstanceIntent.ELEMENT_ACTIVATED, "ad")
                .get(0)
                .value()
                .get("bpmnElementType"))
        .isEqualTo("AD_HOC_SUB_PROCESS");
    assertThat(List.of(elementKey(key, "A"), elementKey(key, "B")))
        .extracting(elementInstanceKey -> lng(byKey(elementInstanceKey), "flowScopeKey"))
        .as("each element in an inner instance of its own")
        .containsExactlyInAnyOrder(inner.get(0).key(), inner.get(1).key());
    assertThat(processInstanceRecords(key))
        .extracting(r -> r.value().get("elementId"), r -> r.intent().name())
        .as("the inner instances are activated first, then the elements, in collection order")
        .containsSubsequence(
            tuple("ad", "ELEMENT_ACTIVATED"),
            tuple("ad#innerInstance", "ELEMENT_ACTIVATING"),
            tuple("ad#innerInstance", "ELEMENT_ACTIVATED"),
            tuple("ad#innerInstance", "ELEMENT_ACTIVATING"),
            tuple("ad#innerInstance", "ELEMENT_ACTIVATED"),
            tuple("A", "ELEMENT_ACTIVATING"),
            tuple("B", "ELEMENT_ACTIVATING"));

    complete(a, Map.of());
    complete(b, Map.of());
    ActivatedJob b2 = awaitJob("ah1-b2");
    assertThat(lng(byKey(b2.getElementInstanceKey()), "flowScopeKey"))
        .as("B2 runs in B's inner instance")
        .isEqualTo(lng(byKey(elementKey(key, "B")), "flowScopeKey"));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("B's flow is not done")
        .isEmpty();

    complete(b2, Map.of());
    complete(awaitJob("after-ah-collection"), Map.of());
    awaitCompleted(key);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad#innerInstance"))
        .hasSize(2);

    var found =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    client
                        .newElementInstanceSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(key)
                                    .type(ElementInstanceType.AD_HOC_SUB_PROCESS_INNER_INSTANCE))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 2);
    assertThat(found)
        .allSatisfy(item -> assertThat(item.getElementId()).isEqualTo("ad#innerInstance"));
  }

  @Test
  void withoutElementsToActivateItWaitsAndTheActivationCallRunsThemWithTheirVariables() {
    deploy(
        "ah-call",
        """
        <bpmn:adHocSubProcess id="ad">
          %s
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah2-a"), task("C", "ah2-c")));
    long key = start("ah-call", Map.of());
    long adKey = elementKey(key, "ad");
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_ACTIVATED, "ad")).hasSize(1);
    assertThat(activate("ah2-a")).isEmpty();
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("no element activated: the subprocess stays active")
        .isEmpty();

    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adKey))
        .activateElement("C", Map.of("ticket", "T-1"))
        .activateElement("A")
        .send()
        .join();
    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adKey))
        .activateElement("C", Map.of("ticket", "T-2"))
        .send()
        .join();

    List<ActivatedJob> cJobs = awaitJobs("ah2-c", 2);
    assertThat(cJobs)
        .extracting(job -> job.getVariablesAsMap().get("ticket"))
        .as("an element runs as often as it is activated, each time with its own variables")
        .containsExactlyInAnyOrder("T-1", "T-2");
    ActivatedJob aJob = awaitJob("ah2-a");
    assertThat(aJob.getVariablesAsMap())
        .as("the variables are local to C's inner instance")
        .doesNotContainKey("ticket");

    List<Record> instructions = log(ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, adKey);
    assertThat(instructions)
        .extracting(Record::recordType, r -> r.intent().name())
        .containsExactly(
            tuple(RecordType.COMMAND, "ACTIVATE"),
            tuple(RecordType.EVENT, "ACTIVATED"),
            tuple(RecordType.COMMAND, "ACTIVATE"),
            tuple(RecordType.EVENT, "ACTIVATED"));
    Map<String, Object> activated = instructions.get(1).value();
    assertThat(activated)
        .containsEntry("adHocSubProcessInstanceKey", String.valueOf(adKey))
        .containsEntry("cancelRemainingInstances", false)
        .containsEntry(
            "activateElements",
            List.of(
                Map.of("elementId", "C", "variables", Map.of("ticket", "T-1")),
                Map.of("elementId", "A", "variables", Map.of())));

    cJobs.forEach(job -> complete(job, Map.of()));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("A is still running")
        .isEmpty();
    complete(aJob, Map.of());
    complete(awaitJob("after-ah-call"), Map.of());
    awaitCompleted(key);
  }

  @Test
  void theActivationCallIsRejectedForWhatTheSubprocessCannotActivateWithNothingWritten()
      throws Exception {
    deploy(
        "ah-reject",
        """
        <bpmn:adHocSubProcess id="ad">
          %s
          <bpmn:sequenceFlow id="A-A2" sourceRef="A" targetRef="A2" />
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah3-a"), task("A2", "ah3-a2")));
    long key = start("ah-reject", Map.of());
    long adKey = elementKey(key, "ad");
    long before = processInstanceRecords(key).size();

    assertRejected(
        () -> activateOverRest(123456L, "A"),
        404,
        "NOT_FOUND",
        "Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '123456'.");
    assertRejected(
        () -> activateOverRest(key, "A"),
        404,
        "NOT_FOUND",
        "Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '"
            + key
            + "'.");
    assertRejected(
        () -> activateOverRest(adKey, "A", "after-ah-reject", "X"),
        404,
        "NOT_FOUND",
        "Expected to activate activities for ad-hoc sub-process with key '"
            + adKey
            + "', but the given elements [after-ah-reject, X] do not exist.");
    assertRejected(
        () -> activateOverRest(adKey, "A2"),
        404,
        "NOT_FOUND",
        "Expected to activate activities for ad-hoc sub-process with key '"
            + adKey
            + "', but the given elements [A2] do not exist.");
    assertRejected(
        () -> activateOverRest(adKey, "A", "A"),
        400,
        "INVALID_ARGUMENT",
        "Expected to activate activities for ad-hoc sub-process with key '"
            + adKey
            + "', but duplicate activities were given.");
    assertThat(processInstanceRecords(key)).hasSize((int) before);
    assertThat(activate("ah3-a")).isEmpty();

    HttpResponse<String> noElements = postActivation(adKey, "{\"elements\": []}");
    assertThat(noElements.statusCode()).isEqualTo(400);
    assertThat(noElements.body()).contains("No elements provided.");
    HttpResponse<String> noElementId = postActivation(adKey, "{\"elements\": [{}]}");
    assertThat(noElementId.statusCode()).isEqualTo(400);
    assertThat(noElementId.body()).contains("No elements[0].elementId provided.");

    client.newCancelInstanceCommand(key).send().join();
    assertRejected(
        () -> activateOverRest(adKey, "A"),
        404,
        "NOT_FOUND",
        "no ad-hoc sub-process instance found with key '" + adKey + "'.");
  }

  @Test
  void aFulfilledCompletionConditionTerminatesTheRemainingInstancesAndCollectsTheOutput() {
    deploy(
        "ah-condition",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=toActivate" outputCollection="results" outputElement="=result" />
          </bpmn:extensionElements>
          %s
          %s
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=approved</bpmn:completionCondition>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah4-a"), task("B", "ah4-b")));
    long key = start("ah-condition", Map.of("toActivate", List.of("A", "B"), "approved", false));
    long adKey = elementKey(key, "ad");
    ActivatedJob b = awaitJob("ah4-b");
    assertThat(b.getVariablesAsMap()).containsEntry("results", List.of());

    complete(awaitJob("ah4-a"), Map.of("result", "a-done", "approved", false));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("the condition is false: B goes on")
        .isEmpty();
    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adKey))
        .activateElement("A")
        .send()
        .join();
    ActivatedJob secondA = awaitJob("ah4-a");
    assertThat(secondA.getVariablesAsMap()).containsEntry("results", List.of("a-done"));

    complete(b, Map.of("result", "b-done", "approved", true));
    ActivatedJob after = awaitJob("after-ah-condition");
    assertThat(after.getVariablesAsMap())
        .containsEntry("results", List.of("a-done", "b-done"))
        .as("the output element's variable stays in the subprocess")
        .doesNotContainKey("result");
    assertThat(lastJobIntent(secondA.getKey()))
        .as("the second A was terminated")
        .isEqualTo("CANCELED");
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "A")).hasSize(1);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "ad#innerInstance"))
        .hasSize(1);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad")).hasSize(1);
    complete(after, Map.of());
    awaitCompleted(key);
  }

  @Test
  void withoutCancelRemainingInstancesAFulfilledConditionWaitsForTheRest() {
    deploy(
        "ah-wait",
        """
        <bpmn:adHocSubProcess id="ad" cancelRemainingInstances="false">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=[&quot;A&quot;, &quot;B&quot;]" />
          </bpmn:extensionElements>
          %s
          %s
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=enough = true</bpmn:completionCondition>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah5-a"), task("B", "ah5-b")));
    long key = start("ah-wait", Map.of());
    ActivatedJob b = awaitJob("ah5-b");

    complete(awaitJob("ah5-a"), Map.of("enough", true));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("fulfilled, but B is still active")
        .isEmpty();
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "B")).isEmpty();

    complete(b, Map.of());
    complete(awaitJob("after-ah-wait"), Map.of());
    awaitCompleted(key);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "B")).hasSize(1);
  }

  @Test
  void aConditionThatIsFalseKeepsTheSubprocessActiveWhenNothingIsLeft() {
    deploy(
        "ah-false",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=[&quot;A&quot;]" />
          </bpmn:extensionElements>
          %s
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done</bpmn:completionCondition>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah6-a")));
    long key = start("ah-false", Map.of("done", false));
    long adKey = elementKey(key, "ad");

    complete(awaitJob("ah6-a"), Map.of());
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad#innerInstance"))
        .hasSize(1);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad")).isEmpty();
    assertThat(activate("after-ah-false")).isEmpty();

    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adKey))
        .activateElement("A")
        .send()
        .join();
    complete(awaitJob("ah6-a"), Map.of("done", true));
    complete(awaitJob("after-ah-false"), Map.of());
    awaitCompleted(key);
  }

  // ------------------------------------------------------------------ incidents

  @Test
  void aCollectionNamingWhatCannotBeActivatedRaisesZeebesIncidentAndResolvingItActivates() {
    deploy(
        "ah-unknown",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=toActivate" />
          </bpmn:extensionElements>
          %s
          <bpmn:sequenceFlow id="A-A2" sourceRef="A" targetRef="A2" />
          %s
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah7-a"), task("A2", "ah7-a2"), task("B", "ah7-b")));
    long key = start("ah-unknown", Map.of("toActivate", List.of("A", "X", "A2")));
    long adKey = elementKey(key, "ad");
    Record incident = awaitIncident(key);
    assertThat(incident.value())
        .containsEntry("errorType", "EXTRACT_VALUE_ERROR")
        .containsEntry("elementId", "ad")
        .containsEntry(
            "errorMessage",
            "Expected to activate activities for ad-hoc sub-process with key '"
                + adKey
                + "', but the given elements [X, A2] do not exist.");
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_ACTIVATED, "ad")).isEmpty();
    assertThat(activate("ah7-a")).as("nothing is activated").isEmpty();
    assertRejected(
        () -> activateOverRest(adKey, "B"),
        409,
        "INVALID_STATE",
        "Expected to activate activities for ad-hoc sub-process with key '"
            + adKey
            + "', but it is not active.");

    client.newSetVariablesCommand(key).variables(Map.of("toActivate", List.of("B"))).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    complete(awaitJob("ah7-b"), Map.of());
    complete(awaitJob("after-ah-unknown"), Map.of());
    awaitCompleted(key);

    Map<String, Object> nothing = new java.util.HashMap<>();
    nothing.put("toActivate", null);
    long withNull = start("ah-unknown", nothing);
    assertThat(awaitIncident(withNull).value())
        .containsEntry(
            "errorMessage",
            "Failed to activate ad-hoc elements. Expected result of the expression 'toActivate' to be 'ARRAY', but was 'NULL'.");
    long withNumbers = start("ah-unknown", Map.of("toActivate", List.of(1)));
    assertThat(awaitIncident(withNumbers).value())
        .containsEntry(
            "errorMessage",
            "Failed to activate ad-hoc elements. Expected result of the expression 'toActivate' to be 'ARRAY'"
                + " containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.");
  }

  @Test
  void aConditionThatIsNoBooleanRaisesAnIncidentOnTheInnerInstanceUntilResolved() {
    deploy(
        "ah-bad-condition",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=[&quot;A&quot;]" outputCollection="results" outputElement="=result" />
          </bpmn:extensionElements>
          %s
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=cond</bpmn:completionCondition>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah8-a")));
    long key = start("ah-bad-condition", Map.of("cond", "yes"));
    complete(awaitJob("ah8-a"), Map.of("result", 1));

    Record incident = awaitIncident(key);
    assertThat(incident.value())
        .containsEntry("errorType", "EXTRACT_VALUE_ERROR")
        .containsEntry("elementId", "ad#innerInstance")
        .containsEntry(
            "errorMessage",
            "Failed to evaluate completion condition. Expected result of the expression 'cond' to be 'BOOLEAN', but was 'STRING'.");

    client.newSetVariablesCommand(key).variables(Map.of("cond", true)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    ActivatedJob after = awaitJob("after-ah-bad-condition");
    assertThat(after.getVariablesAsMap())
        .as("the output is collected once, when the inner instance completes")
        .containsEntry("results", List.of(1));
    complete(after, Map.of());
    awaitCompleted(key);
  }

  // ------------------------------------------------------------------ the job worker
  // implementation

  @Test
  void aJobWorkerActivatesElementsIsAskedAgainAfterEachInnerInstanceAndCompletesIt() {
    deployJobWorker("ah-agent", "ah9");
    try (CamundaClient grpc = engine.connect()) {
      long key = start("ah-agent", Map.of());
      long adKey = elementKey(key, "ad");
      ActivatedJob first = EngineTestSupport.awaitJob(grpc, "ah9-agent");
      assertThat(first.getKind()).isEqualTo(JobKind.AD_HOC_SUB_PROCESS);
      assertThat(first.getElementInstanceKey()).isEqualTo(adKey);
      assertThat(first.getCustomHeaders()).containsEntry("model", "small");
      assertThat(first.getVariablesAsMap())
          .containsEntry("toolResults", List.of())
          .containsEntry(
              "adHocSubProcessElements",
              List.of(
                  Map.of("elementId", "A", "elementName", "Search"),
                  Map.of("elementId", "B"),
                  Map.of("elementId", "C")));

      assertGrpcRejected(
          () ->
              grpc.newCompleteCommand(first.getKey())
                  .withResult(r -> r.forAdHocSubProcess().activateElement("A").activateElement("X"))
                  .send()
                  .join(),
          Status.Code.NOT_FOUND,
          "Expected to activate activities for ad-hoc sub-process with key '"
              + adKey
              + "', but the given elements [X] do not exist.");
      assertGrpcRejected(
          () ->
              grpc.newCompleteCommand(first.getKey())
                  .withResult(
                      r ->
                          r.forAdHocSubProcess()
                              .activateElement("A")
                              .completionConditionFulfilled(true))
                  .send()
                  .join(),
          Status.Code.INVALID_ARGUMENT,
          "Expected to complete ad-hoc sub-process job, but the job result contains elements to be"
              + " activated while the completion condition is fulfilled (job key '"
              + first.getKey()
              + "').");

      grpc.newCompleteCommand(first.getKey())
          .variables(Map.of("agentContext", Map.of("round", 1)))
          .withResult(
              r ->
                  r.forAdHocSubProcess()
                      .activateElement("A")
                      .variables(Map.of("query", "disk"))
                      .activateElement("B"))
          .send()
          .join();
      ActivatedJob toolA = awaitJob("ah9-a");
      ActivatedJob toolB = awaitJob("ah9-b");
      assertThat(toolA.getVariablesAsMap())
          .containsEntry("query", "disk")
          .containsEntry("agentContext", Map.of("round", 1));
      assertThat(toolB.getVariablesAsMap()).doesNotContainKey("query");
      assertThat(activate("ah9-agent")).as("asked again only when an element is done").isEmpty();
      List<Record> firstJob = log(ValueType.JOB, first.getKey());
      Record completed = firstJob.get(firstJob.size() - 1);
      assertThat(completed.intent()).isEqualTo(JobIntent.COMPLETED);
      assertThat(completed.value().get("result"))
          .isEqualTo(
              Map.of(
                  "type",
                  "AD_HOC_SUB_PROCESS",
                  "activateElements",
                  List.of(
                      Map.of("elementId", "A", "variables", Map.of("query", "disk")),
                      Map.of("elementId", "B", "variables", Map.of())),
                  "completionConditionFulfilled",
                  false,
                  "cancelRemainingInstances",
                  false));
      assertThat(log(ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, adKey))
          .extracting(Record::recordType, r -> r.intent().name())
          .containsExactly(tuple(RecordType.EVENT, "ACTIVATED"));

      complete(toolA, Map.of("toolResult", "a"));
      ActivatedJob second = awaitJob("ah9-agent");
      assertThat(second.getVariablesAsMap()).containsEntry("toolResults", List.of("a"));

      complete(toolB, Map.of("toolResult", "b"));
      ActivatedJob third = awaitJob("ah9-agent");
      assertThat(third.getKey()).isNotEqualTo(second.getKey());
      assertThat(third.getVariablesAsMap()).containsEntry("toolResults", List.of("a", "b"));
      assertThat(lastJobIntent(second.getKey()))
          .as("one job at a time: the open one is canceled")
          .isEqualTo("CANCELED");
      assertGrpcRejected(
          () -> grpc.newCompleteCommand(second.getKey()).send().join(),
          Status.Code.NOT_FOUND,
          "Expected to complete job with key '" + second.getKey() + "', but no such job was found");

      client
          .newCompleteCommand(third.getKey())
          .withResult(r -> r.forAdHocSubProcess().completionConditionFulfilled(true))
          .send()
          .join();
      ActivatedJob after = awaitJob("after-ah-agent");
      assertThat(after.getVariablesAsMap()).containsEntry("toolResults", List.of("a", "b"));
      assertThat(log(ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, adKey))
          .extracting(r -> r.intent().name())
          .containsExactly("ACTIVATED", "COMPLETED");
      complete(after, Map.of());
      awaitCompleted(key);
    }
  }

  @Test
  void aFulfilledResultCancelsTheRemainingInstancesWhenTheWorkerSaysSo() {
    deployJobWorker("ah-agent-cancel", "ah10");
    long key = start("ah-agent-cancel", Map.of());
    client
        .newCompleteCommand(awaitJob("ah10-agent").getKey())
        .withResult(r -> r.forAdHocSubProcess().activateElement("A").activateElement("B"))
        .send()
        .join();
    ActivatedJob toolB = awaitJob("ah10-b");
    complete(awaitJob("ah10-a"), Map.of("toolResult", "a"));

    client
        .newCompleteCommand(awaitJob("ah10-agent").getKey())
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .completionConditionFulfilled(true)
                    .cancelRemainingInstances(true))
        .send()
        .join();
    ActivatedJob after = awaitJob("after-ah-agent-cancel");
    assertThat(after.getVariablesAsMap()).containsEntry("toolResults", List.of("a"));
    assertThat(lastJobIntent(toolB.getKey())).isEqualTo("CANCELED");
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "B")).hasSize(1);
    assertThat(activate("ah10-agent")).isEmpty();
    complete(after, Map.of());
    awaitCompleted(key);
  }

  @Test
  void aConditionFulfilledBeforeARestartStillCompletesTheSubprocessWhenTheRestIsDone() {
    deployJobWorker("ah-agent-restart", "ah11");
    long key = start("ah-agent-restart", Map.of());
    client
        .newCompleteCommand(awaitJob("ah11-agent").getKey())
        .withResult(r -> r.forAdHocSubProcess().activateElement("A").activateElement("B"))
        .send()
        .join();
    long toolB = awaitJob("ah11-b").getKey();
    complete(awaitJob("ah11-a"), Map.of("toolResult", "a"));
    client
        .newCompleteCommand(awaitJob("ah11-agent").getKey())
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .completionConditionFulfilled(true)
                    .cancelRemainingInstances(false))
        .send()
        .join();
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .as("waiting for B")
        .isEmpty();

    client.close();
    engine = engine.restart();
    client = engine.connectRest();
    client.newPinClockCommand().time(now).send().join();

    client.newCompleteCommand(toolB).variables(Map.of("toolResult", "b")).send().join();
    ActivatedJob after = awaitJob("after-ah-agent-restart");
    assertThat(after.getVariablesAsMap())
        .as("the inner instances and the output collection were rebuilt from the log")
        .containsEntry("toolResults", List.of("a", "b"));
    assertThat(activate("ah11-agent"))
        .as("the fulfilled condition was rebuilt too: the worker is not asked again")
        .isEmpty();
    complete(after, Map.of());
    awaitCompleted(key);
  }

  @Test
  void aJobThatCannotBeCreatedAgainOrRunsOutOfRetriesRaisesAnIncidentOnTheSubprocess() {
    deploy(
        "ah-agent-incident",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="=agentType" retries="1" />
          </bpmn:extensionElements>
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah14-a")));
    long key = start("ah-agent-incident", Map.of("agentType", "ah14-agent"));
    long adKey = elementKey(key, "ad");
    client
        .newCompleteCommand(awaitJob("ah14-agent").getKey())
        .withResult(r -> r.forAdHocSubProcess().activateElement("A"))
        .send()
        .join();
    client.newSetVariablesCommand(key).variables(Map.of("agentType", 5)).send().join();
    complete(awaitJob("ah14-a"), Map.of());

    Record noType = awaitIncident(key);
    assertThat(noType.value())
        .containsEntry("errorType", "EXTRACT_VALUE_ERROR")
        .containsEntry("elementId", "ad");
    assertThat(lng(noType, "elementInstanceKey")).isEqualTo(adKey);
    client.newSetVariablesCommand(key).variables(Map.of("agentType", "ah14-agent")).send().join();
    client.newResolveIncidentCommand(noType.key()).send().join();
    ActivatedJob again = awaitJob("ah14-agent");

    client.newFailCommand(again.getKey()).retries(0).errorMessage("model down").send().join();
    Record noRetries = awaitIncident(key);
    assertThat(noRetries.value())
        .containsEntry("errorType", "AD_HOC_SUB_PROCESS_NO_RETRIES")
        .containsEntry("errorMessage", "model down")
        .containsEntry("elementId", "ad");
    client.newUpdateRetriesCommand(again.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(noRetries.key()).send().join();
    client
        .newCompleteCommand(awaitJob("ah14-agent").getKey())
        .withResult(r -> r.forAdHocSubProcess().completionConditionFulfilled(true))
        .send()
        .join();
    complete(awaitJob("after-ah-agent-incident"), Map.of());
    awaitCompleted(key);
  }

  // ------------------------------------------------------------------ multi-instance

  @Test
  void aMultiInstanceAdHocSubprocessRunsOnceForEveryItem() {
    deploy(
        "ah-multi",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=[&quot;A&quot;]" outputCollection="findings" outputElement="=finding" />
          </bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics>
            <bpmn:extensionElements>
              <zeebe:loopCharacteristics inputCollection="=services" inputElement="service"
                  outputCollection="reports" outputElement="=findings" />
            </bpmn:extensionElements>
          </bpmn:multiInstanceLoopCharacteristics>
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah15-a")));
    long key = start("ah-multi", Map.of("services", List.of("db", "web")));

    List<ActivatedJob> jobs = awaitJobs("ah15-a", 2);
    assertThat(jobs)
        .extracting(job -> job.getVariablesAsMap().get("service"))
        .containsExactlyInAnyOrder("db", "web");
    for (ActivatedJob job : jobs) {
      complete(job, Map.of("finding", "ok-" + job.getVariablesAsMap().get("service")));
    }
    ActivatedJob after = awaitJob("after-ah-multi");
    assertThat(after.getVariablesAsMap())
        .containsEntry("reports", List.of(List.of("ok-db"), List.of("ok-web")));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_COMPLETED, "ad"))
        .extracting(r -> r.value().get("bpmnElementType"))
        .containsExactlyInAnyOrder(
            "AD_HOC_SUB_PROCESS", "AD_HOC_SUB_PROCESS", "MULTI_INSTANCE_BODY");
    complete(after, Map.of());
    awaitCompleted(key);
  }

  // ------------------------------------------------------------------ boundary events

  @Test
  void anInterruptingBoundaryTimerTerminatesTheSubprocessWithEverythingInside() {
    deploy(
        "ah-timer",
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:adHoc activeElementsCollection="=[&quot;A&quot;, &quot;B&quot;]" />
          </bpmn:extensionElements>
          %s
          <bpmn:sequenceFlow id="A-A2" sourceRef="A" targetRef="A2" />
          %s
          %s
        </bpmn:adHocSubProcess>
        <bpmn:boundaryEvent id="too-long" attachedToRef="ad">
          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="too-long-escalate" sourceRef="too-long" targetRef="escalate" />
        %s
        <bpmn:sequenceFlow id="escalate-end" sourceRef="escalate" targetRef="escalated" />
        <bpmn:endEvent id="escalated" />
        """
            .formatted(
                task("A", "ah12-a"),
                task("A2", "ah12-a2"),
                task("B", "ah12-b"),
                task("escalate", "ah12-escalate")));
    long key = start("ah-timer", Map.of());
    complete(awaitJob("ah12-a"), Map.of());
    ActivatedJob a2 = awaitJob("ah12-a2");
    ActivatedJob b = awaitJob("ah12-b");

    advance(Duration.ofHours(1));
    ActivatedJob escalate = awaitJob("ah12-escalate");
    assertThat(escalate.getProcessInstanceKey()).isEqualTo(key);
    assertThat(List.of(a2.getKey(), b.getKey()))
        .allSatisfy(job -> assertThat(lastJobIntent(job)).isEqualTo("CANCELED"));
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "ad#innerInstance"))
        .hasSize(2);
    assertThat(elements(key, ProcessInstanceIntent.ELEMENT_TERMINATED, "ad")).hasSize(1);
    assertThat(activate("after-ah-timer")).isEmpty();
    complete(escalate, Map.of());
    awaitCompleted(key);
  }

  // ------------------------------------------------------------------ what may not be deployed

  @Test
  void deploymentsAreRejectedForWhatZeebeOrThisEngineDoesNotRun() {
    assertDeploymentRejected(
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:startEvent id="inner-start" />
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "x")),
        "Must not contain a start event.");
    assertDeploymentRejected(
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements><zeebe:taskDefinition type="agent" /></bpmn:extensionElements>
          %s
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done</bpmn:completionCondition>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "x")),
        "Must not define completionCondition in combination with zeebe:taskDefinition.");
    assertDeploymentRejected(
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements><zeebe:adHoc outputCollection="results" /></bpmn:extensionElements>
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "x")),
        "OutputElement and OutputCollection must both be set, or neither of them set.");
    assertDeploymentRejected(
        """
        <bpmn:adHocSubProcess id="ad">
          %s
          <bpmn:subProcess id="on-message" triggeredByEvent="true">
            <bpmn:startEvent id="message-start"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="ms-end" sourceRef="message-start" targetRef="ms-done" />
            <bpmn:endEvent id="ms-done" />
          </bpmn:subProcess>
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "x")),
        "An event subprocess inside an ad-hoc subprocess is not supported by this engine yet");
  }

  @Test
  void elementsInsideAnAdHocSubprocessCannotBeStartedActivatedByModificationOrMigrated() {
    deploy(
        "ah-modify",
        """
        <bpmn:adHocSubProcess id="ad">
          %s
        </bpmn:adHocSubProcess>
        """
            .formatted(task("A", "ah13-a")));
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("ah-modify")
                    .latestVersion()
                    .startBeforeElement("A")
                    .send()
                    .join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(
            "the element with id 'A' is inside an ad-hoc subprocess. The creation of elements inside"
                + " an ad-hoc subprocess is not supported by this engine yet.");

    long key = start("ah-modify", Map.of());
    assertThatThrownBy(
            () -> client.newModifyProcessInstanceCommand(key).activateElement("A").send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(
            "'A'. The activation of elements inside an ad-hoc subprocess is not supported by this"
                + " engine yet.");
    long definitionKey =
        lng(
            elements(key, ProcessInstanceIntent.ELEMENT_ACTIVATING, "ad").get(0),
            "processDefinitionKey");
    assertThatThrownBy(
            () ->
                client
                    .newMigrateProcessInstanceCommand(key)
                    .migrationPlan(definitionKey)
                    .addMappingInstruction("ad", "ad")
                    .send()
                    .join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(
            "active element with id 'ad' has an unsupported type. The migration of a");
    client.newCancelInstanceCommand(key).send().join();
  }

  // ------------------------------------------------------------------ helpers

  /** A service task of a job type. */
  private static String task(String id, String jobType) {
    return """
        <bpmn:serviceTask id="%s">
          <bpmn:extensionElements><zeebe:taskDefinition type="%s" /></bpmn:extensionElements>
        </bpmn:serviceTask>
        """
        .formatted(id, jobType);
  }

  /**
   * A process: start, the ad-hoc subprocess {@code ad} (and what else {@code elements} holds), a
   * service task of job type {@code after-<processId>}, end.
   */
  private static String process(String processId, String elements) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="definitions" targetNamespace="http://suoke.life/ops">
          <bpmn:signal id="sig" name="sig" />
          <bpmn:process id="%1$s" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="start-ad" sourceRef="start" targetRef="ad" />
            %2$s
            <bpmn:sequenceFlow id="ad-after" sourceRef="ad" targetRef="after-%1$s" />
            %3$s
            <bpmn:sequenceFlow id="after-end" sourceRef="after-%1$s" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(processId, elements, task("after-" + processId, "after-" + processId));
  }

  private void deploy(String processId, String elements) {
    client
        .newDeployResourceCommand()
        .addResourceString(
            process(processId, elements), StandardCharsets.UTF_8, processId + ".bpmn")
        .send()
        .join();
  }

  /**
   * An ad-hoc subprocess that a job worker implements (job type {@code <prefix>-agent}, a header),
   * collecting each tool's {@code toolResult}; tools A (named "Search"), B, C of job types {@code
   * <prefix>-a}, ....
   */
  private void deployJobWorker(String processId, String prefix) {
    deploy(
        processId,
        """
        <bpmn:adHocSubProcess id="ad">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="%1$s-agent" retries="3" />
            <zeebe:taskHeaders><zeebe:header key="model" value="small" /></zeebe:taskHeaders>
            <zeebe:adHoc outputCollection="toolResults" outputElement="=toolResult" />
          </bpmn:extensionElements>
          <bpmn:serviceTask id="A" name="Search">
            <bpmn:extensionElements><zeebe:taskDefinition type="%1$s-a" /></bpmn:extensionElements>
          </bpmn:serviceTask>
          %2$s
          %3$s
        </bpmn:adHocSubProcess>
        """
            .formatted(prefix, task("B", prefix + "-b"), task("C", prefix + "-c")));
  }

  private void assertDeploymentRejected(String elements, String message) {
    assertThatThrownBy(() -> deploy("ah-invalid", elements))
        .hasMessageContaining("'ah-invalid.bpmn'")
        .hasMessageContaining(message);
  }

  private void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  private List<ActivatedJob> awaitJobs(String type, int count) {
    List<ActivatedJob> jobs = new java.util.ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              jobs.addAll(activate(type));
              return jobs.size() >= count;
            });
    return jobs;
  }

  private void activateOverRest(long adHocKey, String... elementIds) {
    client
        .newActivateAdHocSubProcessActivitiesCommand(String.valueOf(adHocKey))
        .activateElements(elementIds)
        .send()
        .join();
  }

  private HttpResponse<String> postActivation(long adHocKey, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + engine.engine.restPort()
                            + "/v2/element-instances/ad-hoc-activities/"
                            + adHocKey
                            + "/activation"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRejected(
      ThrowingCallable call, int status, String code, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(status);
              assertThat(problem.details().getDetail())
                  .startsWith("Command 'ACTIVATE' rejected with code '" + code + "': ")
                  .endsWith(reason);
            });
  }

  private static void assertGrpcRejected(
      ThrowingCallable call, Status.Code code, String reasonStart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            failure -> {
              assertThat(failure.getStatusCode()).isEqualTo(code);
              assertThat(failure.getMessage()).contains(reasonStart);
            });
  }

  private void awaitCompleted(long processInstanceKey) {
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.completed(processInstanceKey));
  }

  private Record awaitIncident(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                engine.events(IncidentIntent.CREATED).stream()
                    .filter(r -> lng(r, "processInstanceKey") == processInstanceKey)
                    .reduce((first, second) -> second),
            java.util.Optional::isPresent)
        .get();
  }

  /** The PROCESS_INSTANCE events of a process instance, in log order. */
  private List<Record> processInstanceRecords(long processInstanceKey) {
    List<Record> found = new java.util.ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.recordType() == RecordType.EVENT
                  && r.valueType() == ValueType.PROCESS_INSTANCE
                  && lng(r, "processInstanceKey") == processInstanceKey) {
                found.add(r);
              }
            });
    return found;
  }

  private List<Record> elements(
      long processInstanceKey, ProcessInstanceIntent intent, String elementId) {
    return processInstanceRecords(processInstanceKey).stream()
        .filter(r -> r.intent() == intent && elementId.equals(r.value().get("elementId")))
        .toList();
  }

  /** The key of the (first) instance of an element. */
  private long elementKey(long processInstanceKey, String elementId) {
    return elements(processInstanceKey, ProcessInstanceIntent.ELEMENT_ACTIVATING, elementId)
        .get(0)
        .key();
  }

  /** The ELEMENT_ACTIVATING record of an element instance. */
  private Record byKey(long elementInstanceKey) {
    return engine.events(ProcessInstanceIntent.ELEMENT_ACTIVATING).stream()
        .filter(r -> r.key() == elementInstanceKey)
        .findFirst()
        .orElseThrow();
  }

  /** Every record (commands and rejections too) of a value type with a key, in log order. */
  private List<Record> log(ValueType type, long key) {
    List<Record> found = new java.util.ArrayList<>();
    engine
        .engine
        .recordLog()
        .replay(
            0,
            r -> {
              if (r.valueType() == type
                  && r.key() == key
                  && r.recordType() != RecordType.COMMAND_REJECTION) {
                found.add(r);
              }
            });
    return found;
  }

  private String lastJobIntent(long jobKey) {
    List<Record> records = log(ValueType.JOB, jobKey);
    return records.get(records.size() - 1).intent().name();
  }

  private static long lng(Record record, String field) {
    return ((Number) record.value().get(field)).longValue();
  }
}

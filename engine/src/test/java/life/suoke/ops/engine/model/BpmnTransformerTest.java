package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class BpmnTransformerTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BpmnTransformerTest.class.getResourceAsStream("/bpmn/" + name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(BpmnModelInstance model) {
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  /** A process whose body (flow elements, between start and end) is given as XML. */
  private static byte[] process(String body) {
    return BpmnResources.definitions("", body);
  }

  private DeploymentRejectedException rejection(String resourceName, byte[] xml) {
    return catchThrowableOfType(
        DeploymentRejectedException.class, () -> transformer.transform(resourceName, xml));
  }

  // ------------------------------------------------------------------ a valid process with every
  // supported element

  private static ExecutableProcess process;

  @BeforeAll
  static void transformTheValidProcess() throws IOException {
    List<ExecutableProcess> processes =
        new BpmnTransformer().transform("all-supported.bpmn", resource("all-supported.bpmn"));
    assertThat(processes)
        .extracting(ExecutableProcess::bpmnProcessId)
        .as("the non-executable process is skipped")
        .containsExactly("incident");
    process = processes.get(0);
  }

  @Test
  void transformsProcessAttributesAndMappings() {
    assertThat(process.name()).isEqualTo("Incident handling");
    assertThat(process.versionTag()).isEqualTo("v1.2");
    assertThat(process.processElement().type()).isEqualTo(BpmnElementType.PROCESS);
    assertThat(process.element("incident")).isSameAs(process.processElement());
    assertThat(process.processElement().outputMappings())
        .containsExactly(new Mapping(Expression.feel("ticket.status"), "finalStatus"));
  }

  @Test
  void transformsEveryFlowNodeWithItsType() {
    assertThat(process.elements()).hasSize(10);
    assertThat(process.elements().values())
        .extracting(ExecutableElement::id, ExecutableElement::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Start", BpmnElementType.START_EVENT),
            org.assertj.core.groups.Tuple.tuple("Task_Classify", BpmnElementType.SERVICE_TASK),
            org.assertj.core.groups.Tuple.tuple(
                "Gateway_Severity", BpmnElementType.EXCLUSIVE_GATEWAY),
            org.assertj.core.groups.Tuple.tuple("Task_Assess", BpmnElementType.USER_TASK),
            org.assertj.core.groups.Tuple.tuple("Task_Review", BpmnElementType.USER_TASK),
            org.assertj.core.groups.Tuple.tuple("Task_Log", BpmnElementType.MANUAL_TASK),
            org.assertj.core.groups.Tuple.tuple("Join_Fork", BpmnElementType.PARALLEL_GATEWAY),
            org.assertj.core.groups.Tuple.tuple("Task_Notify", BpmnElementType.SEND_TASK),
            org.assertj.core.groups.Tuple.tuple("Task_Wait", BpmnElementType.TASK),
            org.assertj.core.groups.Tuple.tuple("End", BpmnElementType.END_EVENT));
    assertThat(process.noneStartEvent()).isSameAs(process.element("Start"));
    assertThat(process.element("Start").name()).isEqualTo("Incident reported");
    assertThat(process.element("Start").outputMappings())
        .containsExactly(new Mapping(Expression.feel("now()"), "reportedAt"));
  }

  @Test
  void connectsSequenceFlowsInDocumentOrder() {
    assertThat(process.sequenceFlows()).hasSize(12);
    ExecutableGateway gateway = process.element("Gateway_Severity", ExecutableGateway.class);
    assertThat(gateway.incoming()).extracting(SequenceFlow::id).containsExactly("Flow_2");
    assertThat(gateway.outgoing())
        .extracting(SequenceFlow::id)
        .containsExactly("Flow_High", "Flow_Medium", "Flow_Low");
    assertThat(gateway.defaultFlowId()).isEqualTo("Flow_Low");
    assertThat(process.sequenceFlow("Flow_High"))
        .isEqualTo(
            new SequenceFlow(
                "Flow_High",
                "Gateway_Severity",
                "Task_Assess",
                new Expression("ticket.severity = \"high\"", true)));
    assertThat(process.sequenceFlow("Flow_Low").condition()).isNull();
    assertThat(process.element("Join_Fork").incoming())
        .extracting(SequenceFlow::id)
        .containsExactly("Flow_3", "Flow_4", "Flow_5");
    assertThat(process.element("Join_Fork").outgoing())
        .extracting(SequenceFlow::targetId)
        .containsExactly("Task_Notify", "Task_Wait");
    assertThat(process.element("End").incoming())
        .extracting(SequenceFlow::sourceId)
        .containsExactly("Task_Notify", "Task_Wait");
    assertThat(process.element("End").outgoing()).isEmpty();
    assertThat(process.element("Start").incoming()).isEmpty();
  }

  @Test
  void transformsServiceTaskJobDefinitionAndMappings() {
    ExecutableJobWorkerTask task = process.element("Task_Classify", ExecutableJobWorkerTask.class);
    JobDefinition job = task.jobDefinition();
    assertThat(job.type()).isEqualTo(new Expression("classify", false));
    assertThat(job.retries()).isEqualTo(new Expression("maxRetries", true));
    assertThat(job.headers())
        .containsExactly(Map.entry("model", "v2"), Map.entry("threshold", "0.8"));
    assertThat(job.headerExpressions()).isEmpty();
    assertThat(task.inputMappings())
        .containsExactly(
            new Mapping(Expression.feel("incident.title"), "request.text"),
            new Mapping(Expression.feel("incident.reporter"), "request.reporter"),
            new Mapping(new Expression("fast", false), "mode"));
    assertThat(task.outputMappings())
        .containsExactly(new Mapping(Expression.feel("result.severity"), "ticket.severity"));
  }

  @Test
  void sendTaskHasFeelTypeAndDefaultRetries() {
    JobDefinition job =
        process.element("Task_Notify", ExecutableJobWorkerTask.class).jobDefinition();
    assertThat(job.type()).isEqualTo(Expression.feel("\"notify-\" + channel"));
    assertThat(job.retries()).isEqualTo(new Expression("3", false));
    assertThat(job.headers()).isEmpty();
  }

  @Test
  void transformsCamundaUserTask() {
    ExecutableUserTask task = process.element("Task_Assess", ExecutableUserTask.class);
    UserTaskDefinition userTask = task.userTaskDefinition();
    assertThat(userTask.assignee()).isEqualTo(Expression.feel("incident.owner"));
    assertThat(userTask.candidateGroups()).isEqualTo(new Expression("ops, sre", false));
    assertThat(userTask.candidateUsers())
        .isEqualTo(Expression.feel("[\"anna\", incident.reporter]"));
    assertThat(userTask.dueDate()).isEqualTo(Expression.feel("now() + duration(\"PT4H\")"));
    assertThat(userTask.followUpDate()).isEqualTo(new Expression("2025-03-02T15:35+02:00", false));
    assertThat(userTask.priority())
        .isEqualTo(Expression.feel("if ticket.severity = \"high\" then 90 else 50"));
    assertThat(userTask.linkedForm())
        .isEqualTo(new LinkedForm(new Expression("assess-form", false), "deployment", null));
    assertThat(userTask.formKey()).isNull();
    assertThat(userTask.externalReference()).isNull();
    assertThat(task.taskHeaders()).containsExactly(Map.entry("category", "impact"));
    assertThat(task.outputMappings())
        .containsExactly(new Mapping(Expression.feel("impact"), "ticket.impact"));
  }

  @Test
  void transformsJobWorkerUserTaskToAJobWithReservedHeaders() {
    ExecutableJobWorkerTask task = process.element("Task_Review", ExecutableJobWorkerTask.class);
    assertThat(task.type()).isEqualTo(BpmnElementType.USER_TASK);
    JobDefinition job = task.jobDefinition();
    assertThat(job.type()).isEqualTo(new Expression("io.camunda.zeebe:userTask", false));
    assertThat(job.retries()).isEqualTo(new Expression("1", false));
    assertThat(job.headers())
        .containsExactly(
            Map.entry("queue", "review"),
            Map.entry("io.camunda.zeebe:assignee", "lead"),
            Map.entry("io.camunda.zeebe:candidateGroups", "[\"ops\",\"sre\"]"),
            Map.entry("io.camunda.zeebe:dueDate", "2025-03-02T15:35+02:00"),
            Map.entry("io.camunda.zeebe:formKey", "camunda-forms:bpmn:review-form"));
    assertThat(job.linkedForm()).isNull();
    assertThat(job.headerExpressions())
        .containsExactly(
            Map.entry("io.camunda.zeebe:candidateUsers", Expression.feel("reviewers")),
            Map.entry("io.camunda.zeebe:followUpDate", Expression.feel("followUp")));
  }

  @Test
  void elementsWithoutMappingsHaveNone() {
    assertThat(process.element("Task_Log").inputMappings()).isEmpty();
    assertThat(process.element("Task_Log").outputMappings()).isEmpty();
    assertThat(process.element("Task_Log").getClass()).isEqualTo(ExecutableActivity.class);
    assertThat(process.element("Task_Wait").getClass()).isEqualTo(ExecutableActivity.class);
  }

  @Test
  void transformsAProcessBuiltWithTheFluentBuilder() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("order")
            .startEvent("start")
            .serviceTask(
                "collect",
                t ->
                    t.zeebeJobType("payment")
                        .zeebeJobRetries("5")
                        .zeebeInputExpression("order.total", "amount")
                        .zeebeOutputExpression("receipt", "order.receipt"))
            .exclusiveGateway("paid")
            .conditionExpression("receipt.ok")
            .endEvent("done")
            .moveToLastExclusiveGateway()
            .defaultFlow()
            .userTask(
                "fix",
                u -> u.zeebeUserTask().zeebeAssignee("billing").zeebeCandidateGroups("finance"))
            .endEvent("fixed")
            .done();

    ExecutableProcess process = transformer.transform("order.bpmn", bytes(model)).get(0);

    assertThat(process.bpmnProcessId()).isEqualTo("order");
    JobDefinition job = process.element("collect", ExecutableJobWorkerTask.class).jobDefinition();
    assertThat(job.type().source()).isEqualTo("payment");
    assertThat(job.retries().source()).isEqualTo("5");
    assertThat(process.element("collect").inputMappings())
        .containsExactly(new Mapping(Expression.feel("order.total"), "amount"));
    assertThat(process.element("collect").outputMappings())
        .containsExactly(new Mapping(Expression.feel("receipt"), "order.receipt"));
    ExecutableGateway gateway = process.element("paid", ExecutableGateway.class);
    assertThat(gateway.outgoing()).hasSize(2);
    SequenceFlow conditional = gateway.outgoing().get(0);
    assertThat(conditional.targetId()).isEqualTo("done");
    assertThat(conditional.condition()).isEqualTo(Expression.feel("receipt.ok"));
    assertThat(gateway.defaultFlowId()).isEqualTo(gateway.outgoing().get(1).id());
    assertThat(process.element("fix", ExecutableUserTask.class).userTaskDefinition().assignee())
        .isEqualTo(new Expression("billing", false));
    assertThat(
            process.element("fix", ExecutableUserTask.class).userTaskDefinition().candidateGroups())
        .isEqualTo(new Expression("finance", false));
    assertThat(process.element("fix", ExecutableUserTask.class).userTaskDefinition().priority())
        .isEqualTo(new Expression("50", false));
  }

  @Test
  void mappingWithoutSourceMapsNull() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:serviceTask id="t">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="work" />
            <zeebe:ioMapping><zeebe:input target="reset" /></zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
        """);
    ExecutableProcess process = transformer.transform("p.bpmn", xml).get(0);
    assertThat(process.element("t").inputMappings())
        .containsExactly(new Mapping(Expression.feel("null"), "reset"));
  }

  // ------------------------------------------------------------------ rejections

  @Test
  void rejectsServiceTaskWithoutTaskDefinition() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:serviceTask id="Task_Notify" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Task_Notify" />
        """);

    DeploymentRejectedException e = rejection("incident.bpmn", xml);

    assertThat(e.getMessage())
        .isEqualTo(
            """
        Expected to deploy new resources, but encountered the following errors:
        'incident.bpmn': element 'Task_Notify' (serviceTask): Must have exactly one 'zeebe:taskDefinition' extension element""");
    assertThat(e.resourceName()).isEqualTo("incident.bpmn");
    assertThat(e.errors())
        .containsExactly(
            new DeploymentRejectedException.ValidationError(
                "incident.bpmn",
                "Task_Notify",
                "serviceTask",
                "Must have exactly one 'zeebe:taskDefinition' extension element"));
  }

  @Test
  void rejectsMessageEndEventThatPublishesTheMessageItself() {
    byte[] xml =
        ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                          id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="Msg" name="ping" />
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:endEvent id="Notify_End">
              <bpmn:messageEventDefinition id="m" messageRef="Msg">
                <bpmn:extensionElements><zeebe:publishMessage correlationKey="=key" /></bpmn:extensionElements>
              </bpmn:messageEventDefinition>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Notify_End" />
          </bpmn:process>
        </bpmn:definitions>
        """)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(rejection("end.bpmn", xml).errors())
        .extracting(DeploymentRejectedException.ValidationError::line)
        .containsExactly(
            "'end.bpmn': element 'Notify_End' (endEvent): "
                + "An end event with 'zeebe:publishMessage' (instead of a 'zeebe:taskDefinition') is not supported by this engine yet");
  }

  @Test
  void rejectsXmlThatDoesNotParseWithTheParsersMessage() {
    byte[] xml =
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"p\""
            .getBytes(StandardCharsets.UTF_8);

    DeploymentRejectedException e = rejection("broken.bpmn", xml);

    assertThat(e.getMessage())
        .startsWith(
            "Expected to deploy new resources, but encountered the following errors:\n'broken.bpmn': ");
    assertThat(e.getMessage().lines()).hasSize(2);
    assertThat(e.getMessage())
        .contains("Line=1")
        .doesNotContain("SAXException while parsing input stream");
  }

  @Test
  void rejectsTextThatIsNotXml() {
    DeploymentRejectedException e =
        rejection("notes.bpmn", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(e.getMessage())
        .endsWith("'notes.bpmn': Fatal Error: URI=null Line=1: Content is not allowed in prolog.");
  }

  @Test
  void deploysAnEventSubprocess() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
        <bpmn:subProcess id="Sub_Escalate" triggeredByEvent="true">
          <bpmn:startEvent id="sub_s"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
          <bpmn:endEvent id="sub_e" />
          <bpmn:sequenceFlow id="sub_f" sourceRef="sub_s" targetRef="sub_e" />
        </bpmn:subProcess>
        """);

    ExecutableProcess deployed = transformer.transform("escalation.bpmn", xml).get(0);
    assertThat(deployed.element("Sub_Escalate").type())
        .isEqualTo(BpmnElementType.EVENT_SUB_PROCESS);
    assertThat(deployed.processElement().eventSubprocessStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("sub_s");
  }

  /**
   * Elements Zeebe 8.8 does not execute either: its own validators reject them, with its message.
   */
  @ParameterizedTest(name = "{1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "transaction,Transaction",
    "complexGateway,ComplexGateway"
  })
  void rejectsWhatZeebeDoesNotExecuteWithZeebesMessage(String kind, String typeName) {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:%s id="X" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="X" />
        """
                .formatted(kind));
    assertThat(rejection("z.bpmn", xml).getMessage().lines())
        .contains(
            "'z.bpmn': element 'X' ("
                + kind
                + "): Elements of type '"
                + typeName
                + "' are currently not supported."
                + " Please refer to the documentation for a list of supported elements:"
                + " https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/");
  }

  @Test
  void multiInstanceActivityBecomesABodyWithTheFlowsAndBoundaryEventsAroundItsInnerActivity() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:serviceTask id="Task_Each">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="work" />
            <zeebe:ioMapping><zeebe:input source="=item.id" target="id" /></zeebe:ioMapping>
          </bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics isSequential="true">
            <bpmn:extensionElements>
              <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result" />
            </bpmn:extensionElements>
            <bpmn:completionCondition>=numberOfCompletedInstances &gt; 1</bpmn:completionCondition>
          </bpmn:multiInstanceLoopCharacteristics>
        </bpmn:serviceTask>
        <bpmn:boundaryEvent id="Timeout" attachedToRef="Task_Each">
          <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Task_Each" />
        <bpmn:sequenceFlow id="f2" sourceRef="Task_Each" targetRef="e" />
        <bpmn:sequenceFlow id="f3" sourceRef="Timeout" targetRef="e" />
        """);

    ExecutableMultiInstanceBody body =
        transformer
            .transform("mi.bpmn", xml)
            .get(0)
            .element("Task_Each", ExecutableMultiInstanceBody.class);
    assertThat(body.type()).isEqualTo(BpmnElementType.MULTI_INSTANCE_BODY);
    assertThat(body.incoming()).extracting(SequenceFlow::id).containsExactly("f1");
    assertThat(body.outgoing()).extracting(SequenceFlow::id).containsExactly("f2");
    assertThat(body.boundaryEvents()).extracting(ExecutableElement::id).containsExactly("Timeout");
    LoopCharacteristics loop = body.loopCharacteristics();
    assertThat(loop.sequential()).isTrue();
    assertThat(loop.inputCollection().source()).isEqualTo("items");
    assertThat(loop.inputElement()).isEqualTo("item");
    assertThat(loop.outputCollection()).isEqualTo("results");
    assertThat(loop.outputElement().source()).isEqualTo("result");
    assertThat(loop.completionCondition().source()).isEqualTo("numberOfCompletedInstances > 1");
    ExecutableActivity inner = body.innerActivity();
    assertThat(inner.type()).isEqualTo(BpmnElementType.SERVICE_TASK);
    assertThat(inner.id()).isEqualTo("Task_Each");
    assertThat(((ExecutableJobWorkerTask) inner).jobDefinition()).isNotNull();
    assertThat(inner.inputMappings()).hasSize(1);
    assertThat(inner.incoming()).isEmpty();
    assertThat(inner.outgoing()).isEmpty();
    assertThat(inner.boundaryEvents()).isEmpty();
  }

  @Test
  void rejectsInvalidMultiInstanceExpressions() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:serviceTask id="Task_Each">
          <bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics>
            <bpmn:extensionElements>
              <zeebe:loopCharacteristics inputCollection="=items[" inputElement="not a name" outputCollection="out" outputElement="result" />
            </bpmn:extensionElements>
          </bpmn:multiInstanceLoopCharacteristics>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Task_Each" />
        """);

    String message = rejection("mi.bpmn", xml).getMessage();
    assertThat(message)
        .contains("Expected path expression 'not a name' but doesn't match the pattern")
        .contains("Expected expression but found static value 'result'")
        .contains("failed to parse expression 'items['");
  }

  @Test
  void reportsEveryErrorOnePerLineInDocumentOrder() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:exclusiveGateway id="Gateway_1" />
        <bpmn:serviceTask id="Task_A" />
        <bpmn:userTask id="Task_B">
          <bpmn:extensionElements>
            <zeebe:userTask />
            <zeebe:assignmentDefinition candidateGroups="ops,,sre" />
            <zeebe:taskSchedule dueDate="tomorrow" />
            <zeebe:priorityDefinition priority="101" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:serviceTask id="Task_C">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="=1 +" />
            <zeebe:taskHeaders><zeebe:header key="io.camunda.zeebe:assignee" value="x" /></zeebe:taskHeaders>
            <zeebe:ioMapping>
              <zeebe:input source="=a" target="not a path" />
              <zeebe:output source="static" target="b" />
            </zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Gateway_1" />
        <bpmn:sequenceFlow id="f2" sourceRef="Gateway_1" targetRef="Task_A">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">amount &gt; 100</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="f3" sourceRef="Gateway_1" targetRef="Task_B">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amount &gt;&gt; 100</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="f4" sourceRef="Gateway_1" targetRef="Task_C" />
        """);

    DeploymentRejectedException e = rejection("many.bpmn", xml);

    List<String> lines = e.getMessage().lines().toList();
    assertThat(lines.get(0)).isEqualTo(DeploymentRejectedException.PREFIX);
    assertThat(lines).hasSize(e.errors().size() + 1);
    assertThat(lines.subList(1, lines.size()))
        .allMatch(line -> line.startsWith("'many.bpmn': element '"));
    assertThat(e.details()).isEqualTo(String.join("\n", lines.subList(1, lines.size())));
    assertThat(lines)
        .containsSubsequence(
            "'many.bpmn': element 'Task_A' (serviceTask): Must have exactly one 'zeebe:taskDefinition' extension element",
            "'many.bpmn': element 'Task_B' (userTask > extensionElements > assignmentDefinition): "
                + "Expected static value to be a list of comma-separated values, e.g. 'a,b,c', but found 'ops,,sre'.",
            "'many.bpmn': element 'Task_B' (userTask > extensionElements > taskSchedule): "
                + "Expected static value to be a valid DateTime String, e.g. '2023-03-02T15:35+02:00', but found 'tomorrow'.",
            "'many.bpmn': element 'Task_B' (userTask > extensionElements > priorityDefinition): "
                + "Expected static value to be a valid Number between 0 and 100, but found '101'.",
            "'many.bpmn': element 'Task_C' (serviceTask > extensionElements > taskHeaders > header): "
                + "Attribute 'key' contains 'io.camunda.zeebe:assignee', but header keys starting with 'io.camunda.zeebe:' are reserved for internal use.",
            "'many.bpmn': element 'Task_C' (serviceTask > extensionElements > ioMapping > input): "
                + "Expected path expression 'not a path' but doesn't match the pattern '[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*'.",
            "'many.bpmn': element 'Task_C' (serviceTask > extensionElements > ioMapping > output): "
                + "Expected expression but found static value 'static'. An expression must start with '=' (e.g. '=static').",
            "'many.bpmn': element 'f2' (sequenceFlow > conditionExpression): "
                + "Expected expression but found static value 'amount > 100'. An expression must start with '=' (e.g. '=amount > 100').");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "'many.bpmn': element 'Task_C' (serviceTask > extensionElements > taskDefinition): failed to parse expression '1 +'"));
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "'many.bpmn': element 'f3' (sequenceFlow > conditionExpression): failed to parse expression 'amount >> 100'"));
  }

  @Test
  void rejectsResourceWithoutExecutableProcess() {
    byte[] xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="sketch" isExecutable="false">
            <bpmn:startEvent id="s" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .getBytes(StandardCharsets.UTF_8);

    assertThat(rejection("sketch.bpmn", xml).getMessage())
        .isEqualTo(
            """
        Expected to deploy new resources, but encountered the following errors:
        'sketch.bpmn': element 'Defs' (definitions): Must contain at least one executable process""");
  }

  @Test
  void linksAFormToAJobWorkerUserTaskByAStaticOrFeelId() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="Approve">
          <bpmn:extensionElements><zeebe:formDefinition formId="approve-form" /></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:userTask id="Review">
          <bpmn:extensionElements>
            <zeebe:formDefinition formId="=form" bindingType="versionTag" versionTag="v2" />
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Approve" />
        <bpmn:sequenceFlow id="g" sourceRef="Approve" targetRef="Review" />
        """);
    ExecutableProcess linked = transformer.transform("form.bpmn", xml).get(0);

    assertThat(
            linked.element("Approve", ExecutableJobWorkerTask.class).jobDefinition().linkedForm())
        .isEqualTo(new LinkedForm(new Expression("approve-form", false), "latest", null));
    assertThat(linked.element("Approve", ExecutableJobWorkerTask.class).jobDefinition().headers())
        .doesNotContainKey(JobDefinition.FORM_KEY_HEADER);
    assertThat(linked.element("Review", ExecutableJobWorkerTask.class).jobDefinition().linkedForm())
        .isEqualTo(new LinkedForm(Expression.feel("form"), "versionTag", "v2"));
  }

  @Test
  void rejectsEmptyResource() {
    assertThatThrownBy(() -> transformer.transform("empty.bpmn", new byte[0]))
        .isInstanceOf(DeploymentRejectedException.class)
        .hasMessageContaining("'empty.bpmn': ");
  }

  @Test
  void taskListenersOfAUserTaskAreKeptInModellingOrderPerTransition() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="X">
          <bpmn:extensionElements>
            <zeebe:userTask />
            <zeebe:taskListeners>
              <zeebe:taskListener eventType="completing" type="c1" />
              <zeebe:taskListener eventType="assignment" type="a1" retries="5" />
              <zeebe:taskListener eventType="complete" type="=&quot;c&quot; + &quot;2&quot;" />
            </zeebe:taskListeners>
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="X" />
        """);
    ExecutableUserTask task =
        transformer.transform("tl.bpmn", xml).get(0).element("X", ExecutableUserTask.class);
    assertThat(task.taskListeners(life.suoke.ops.engine.model.TaskListener.EventType.COMPLETING))
        .hasSize(2)
        .extracting(l -> l.type().feel())
        .containsExactly(false, true);
    assertThat(task.taskListeners(life.suoke.ops.engine.model.TaskListener.EventType.ASSIGNING))
        .hasSize(1);
    assertThat(task.taskListeners(life.suoke.ops.engine.model.TaskListener.EventType.CREATING))
        .isEmpty();
  }
}

package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import life.suoke.ops.engine.model.TimerDefinition.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timer start, intermediate catch and boundary events, and terminate end events. */
class BpmnTransformerTimerTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  /** A resource with a message, a signal, an error and an escalation, and one process. */
  private static byte[] process(String body) {
    return BpmnResources.definitions(
        """
          <bpmn:message id="Msg" name="ping">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:signal id="Sig" name="alarm" />
          <bpmn:error id="Err" errorCode="E1" />
          <bpmn:escalation id="Esc" escalationCode="X1" />
        """,
        body);
  }

  private static String timer(String kind, String text) {
    return "<bpmn:timerEventDefinition><bpmn:"
        + kind
        + " xsi:type=\"bpmn:tFormalExpression\">"
        + text
        + "</bpmn:"
        + kind
        + "></bpmn:timerEventDefinition>";
  }

  private static String serviceTask(String id) {
    return "<bpmn:serviceTask id=\""
        + id
        + "\"><bpmn:extensionElements><zeebe:taskDefinition type=\"work\" />"
        + "</bpmn:extensionElements></bpmn:serviceTask>";
  }

  private ExecutableProcess transform(byte[] xml) {
    List<ExecutableProcess> processes = transformer.transform("timers.bpmn", xml);
    assertThat(processes).hasSize(1);
    return processes.get(0);
  }

  private List<String> rejectionLines(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("t.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  private String rejection(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("t.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage();
  }

  // ------------------------------------------------------------------ accepted

  private static final byte[] ALL_TIMERS =
      process(
          """
      <bpmn:startEvent id="Start" name="Manual start" />
      <bpmn:startEvent id="Start_Daily" name="Every weekday">
        <bpmn:timerEventDefinition id="TimerDef_Daily">
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 * * MON-FRI</bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:startEvent id="Start_Once">
        <bpmn:timerEventDefinition>
          <bpmn:timeDate xsi:type="bpmn:tFormalExpression">2030-01-01T09:00:00+08:00[Asia/Shanghai]</bpmn:timeDate>
        </bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:exclusiveGateway id="Join" />
      <bpmn:intermediateCatchEvent id="Wait_15m" name="Coffee break">
        <bpmn:timerEventDefinition>
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT15M</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:serviceTask id="Task_Work">
        <bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:boundaryEvent id="Timeout" attachedToRef="Task_Work">
        <bpmn:timerEventDefinition>
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=timeout</bpmn:timeDuration>
        </bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="Reminder" cancelActivity="false" attachedToRef="Task_Work">
        <bpmn:timerEventDefinition>
          <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle>
        </bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:serviceTask id="Task_Remind">
        <bpmn:extensionElements><zeebe:taskDefinition type="remind" /></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="Done" />
      <bpmn:endEvent id="Abort"><bpmn:terminateEventDefinition id="Terminate_1" /></bpmn:endEvent>
      <bpmn:endEvent id="Reminded" />
      <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Join" />
      <bpmn:sequenceFlow id="f2" sourceRef="Start_Daily" targetRef="Join" />
      <bpmn:sequenceFlow id="f3" sourceRef="Start_Once" targetRef="Join" />
      <bpmn:sequenceFlow id="f4" sourceRef="Join" targetRef="Wait_15m" />
      <bpmn:sequenceFlow id="f5" sourceRef="Wait_15m" targetRef="Task_Work" />
      <bpmn:sequenceFlow id="f6" sourceRef="Task_Work" targetRef="Done" />
      <bpmn:sequenceFlow id="f7" sourceRef="Timeout" targetRef="Abort" />
      <bpmn:sequenceFlow id="f8" sourceRef="Reminder" targetRef="Task_Remind" />
      <bpmn:sequenceFlow id="f9" sourceRef="Task_Remind" targetRef="Reminded" />
      """);

  @Test
  void transformsEveryTimerEventAndTheTerminateEndEvent() {
    ExecutableProcess process = transform(ALL_TIMERS);

    assertThat(process.elements().values())
        .extracting(ExecutableElement::id, ExecutableElement::type, ExecutableElement::eventType)
        .containsExactly(
            tuple("Start", BpmnElementType.START_EVENT, BpmnEventType.NONE),
            tuple("Start_Daily", BpmnElementType.START_EVENT, BpmnEventType.TIMER),
            tuple("Start_Once", BpmnElementType.START_EVENT, BpmnEventType.TIMER),
            tuple("Join", BpmnElementType.EXCLUSIVE_GATEWAY, BpmnEventType.UNSPECIFIED),
            tuple("Wait_15m", BpmnElementType.INTERMEDIATE_CATCH_EVENT, BpmnEventType.TIMER),
            tuple("Task_Work", BpmnElementType.SERVICE_TASK, BpmnEventType.UNSPECIFIED),
            tuple("Timeout", BpmnElementType.BOUNDARY_EVENT, BpmnEventType.TIMER),
            tuple("Reminder", BpmnElementType.BOUNDARY_EVENT, BpmnEventType.TIMER),
            tuple("Task_Remind", BpmnElementType.SERVICE_TASK, BpmnEventType.UNSPECIFIED),
            tuple("Done", BpmnElementType.END_EVENT, BpmnEventType.NONE),
            tuple("Abort", BpmnElementType.END_EVENT, BpmnEventType.TERMINATE),
            tuple("Reminded", BpmnElementType.END_EVENT, BpmnEventType.NONE));
    assertThat(process.processElement().eventType()).isEqualTo(BpmnEventType.UNSPECIFIED);
  }

  @Test
  void keepsTheNoneStartEventApartFromTheTimerStartEvents() {
    ExecutableProcess process = transform(ALL_TIMERS);
    assertThat(process.noneStartEvent()).isSameAs(process.element("Start"));
    assertThat(process.timerStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("Start_Daily", "Start_Once");
    assertThat(process.element("Start_Daily").name()).isEqualTo("Every weekday");
  }

  @Test
  void keepsEachTimerDefinitionAsAnExpression() {
    ExecutableProcess process = transform(ALL_TIMERS);
    assertThat(process.element("Start_Daily", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.CYCLE, new Expression("0 0 9 * * MON-FRI", false)));
    assertThat(process.element("Start_Once", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(
            new TimerDefinition(
                Kind.DATE, new Expression("2030-01-01T09:00:00+08:00[Asia/Shanghai]", false)));
    assertThat(process.element("Wait_15m", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DURATION, new Expression("PT15M", false)));
    assertThat(process.element("Timeout", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DURATION, Expression.feel("timeout")));
    assertThat(process.element("Timeout", ExecutableCatchEvent.class).timerDefinition().isStatic())
        .isFalse();
    assertThat(process.element("Reminder", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.CYCLE, new Expression("R3/PT1H", false)));
    assertThat(process.element("Start", ExecutableCatchEvent.class).timerDefinition()).isNull();
    assertThat(process.element("Abort")).isInstanceOf(ExecutableThrowEvent.class);
    assertThat(process.element("Task_Work")).isInstanceOf(ExecutableJobWorkerTask.class);
  }

  @Test
  void attachesBoundaryEventsToTheirActivityInDocumentOrder() {
    ExecutableProcess process = transform(ALL_TIMERS);
    ExecutableActivity task = process.element("Task_Work", ExecutableActivity.class);
    assertThat(task.boundaryEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("Timeout", "Reminder");
    assertThat(task.boundaryEvents().get(0)).isSameAs(process.element("Timeout"));
    assertThat(process.element("Task_Remind", ExecutableActivity.class).boundaryEvents()).isEmpty();

    ExecutableBoundaryEvent timeout = process.element("Timeout", ExecutableBoundaryEvent.class);
    assertThat(timeout.attachedToId()).isEqualTo("Task_Work");
    assertThat(timeout.interrupting()).isTrue();
    assertThat(timeout.incoming()).isEmpty();
    assertThat(timeout.outgoing()).extracting(SequenceFlow::targetId).containsExactly("Abort");

    ExecutableBoundaryEvent reminder = process.element("Reminder", ExecutableBoundaryEvent.class);
    assertThat(reminder.attachedToId()).isEqualTo("Task_Work");
    assertThat(reminder.interrupting()).isFalse();
    assertThat(reminder.outgoing())
        .extracting(SequenceFlow::targetId)
        .containsExactly("Task_Remind");

    // the task's own flows do not include its boundary events
    assertThat(task.outgoing()).extracting(SequenceFlow::targetId).containsExactly("Done");
  }

  @Test
  void aProcessMayHaveOnlyTimerStartEvents() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("nightly")
            .startEvent("every_night")
            .timerWithCycle("0 0 2 * * *")
            .serviceTask("cleanup", t -> t.zeebeJobType("cleanup"))
            .endEvent("cleaned")
            .done();

    ExecutableProcess process =
        transform(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));

    assertThat(process.noneStartEvent()).isNull();
    assertThat(process.timerStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("every_night");
  }

  @Test
  void transformsBoundaryEventsBuiltWithTheFluentBuilder() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("order")
            .startEvent("placed")
            .userTask("approve", u -> u.zeebeUserTask())
            .boundaryEvent("escalate")
            .cancelActivity(false)
            .timerWithCycle("R/PT4H")
            .serviceTask("nudge", t -> t.zeebeJobType("nudge"))
            .endEvent("nudged")
            .moveToActivity("approve")
            .boundaryEvent("expire")
            .timerWithDate("2030-01-01T00:00:00Z")
            .endEvent("expired")
            .moveToActivity("approve")
            .intermediateCatchEvent("cool_down")
            .timerWithDurationExpression("coolDown")
            .endEvent("approved")
            .done();

    ExecutableProcess process =
        transform(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));

    assertThat(process.element("approve", ExecutableActivity.class).boundaryEvents())
        .extracting(ExecutableElement::id, ExecutableBoundaryEvent::interrupting)
        .containsExactly(tuple("escalate", false), tuple("expire", true));
    assertThat(process.element("expire", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DATE, new Expression("2030-01-01T00:00:00Z", false)));
    assertThat(process.element("cool_down", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DURATION, Expression.feel("coolDown")));
  }

  static Stream<Arguments> activities() {
    return Stream.of(
        Arguments.of("serviceTask", serviceTask("A")),
        Arguments.of(
            "sendTask",
            "<bpmn:sendTask id=\"A\"><bpmn:extensionElements><zeebe:taskDefinition type=\"send\" />"
                + "</bpmn:extensionElements></bpmn:sendTask>"),
        Arguments.of("userTask", "<bpmn:userTask id=\"A\" />"),
        Arguments.of(
            "userTask (Camunda)",
            "<bpmn:userTask id=\"A\"><bpmn:extensionElements><zeebe:userTask />"
                + "</bpmn:extensionElements></bpmn:userTask>"),
        Arguments.of("manualTask", "<bpmn:manualTask id=\"A\" />"),
        Arguments.of("task", "<bpmn:task id=\"A\" />"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activities")
  void acceptsInterruptingAndNonInterruptingTimerBoundaryEventsOnEverySupportedTask(
      String kind, String activity) {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        """
                + activity
                + """
        <bpmn:boundaryEvent id="B1" attachedToRef="A">"""
                + timer("timeDuration", "PT1H")
                + """
        </bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B2" attachedToRef="A" cancelActivity="false">"""
                + timer("timeCycle", "R/PT10M")
                + """
        </bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B3" attachedToRef="A" cancelActivity="false">"""
                + timer("timeDate", "2030-01-01T00:00:00Z")
                + """
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="e" />
        <bpmn:endEvent id="e1" />
        <bpmn:endEvent id="e2" />
        <bpmn:endEvent id="e3" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="A" />
        <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="e" />
        <bpmn:sequenceFlow id="f3" sourceRef="B1" targetRef="e1" />
        <bpmn:sequenceFlow id="f4" sourceRef="B2" targetRef="e2" />
        <bpmn:sequenceFlow id="f5" sourceRef="B3" targetRef="e3" />
        """);

    ExecutableProcess process = transform(xml);

    assertThat(process.element("A", ExecutableActivity.class).boundaryEvents())
        .extracting(
            ExecutableElement::id,
            ExecutableBoundaryEvent::interrupting,
            e -> e.timerDefinition().kind())
        .containsExactly(
            tuple("B1", true, Kind.DURATION),
            tuple("B2", false, Kind.CYCLE),
            tuple("B3", false, Kind.DATE));
  }

  @Test
  void anIntermediateTimerCatchEventMayHaveADate() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Until">"""
                + timer("timeDate", "=dueDate")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Until" />
        """);
    assertThat(transform(xml).element("Until", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DATE, Expression.feel("dueDate")));
  }

  @Test
  void aFeelTimerOfAnIntermediateOrBoundaryEventIsOnlyParsedOnDeployment() {
    // the variables are not known before the event is activated
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        """
                + serviceTask("A")
                + """
        <bpmn:boundaryEvent id="B" attachedToRef="A" cancelActivity="false">"""
                + timer("timeCycle", "=reminderCycle")
                + """
        </bpmn:boundaryEvent>
        <bpmn:intermediateCatchEvent id="Wait">"""
                + timer("timeDuration", "=wait")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="A" />
        <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="Wait" />
        """);
    assertThat(
            transform(xml)
                .element("Wait", ExecutableCatchEvent.class)
                .timerDefinition()
                .expression())
        .isEqualTo(Expression.feel("wait"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<bpmn:timeCycle>=\"R/PT1H\"</bpmn:timeCycle>",
        "<bpmn:timeCycle>=\"0 0 \" + string(3) + \" * * *\"</bpmn:timeCycle>",
        "<bpmn:timeDate>=now() + duration(\"P1D\")</bpmn:timeDate>",
        "<bpmn:timeDate>=date and time(\"2030-01-01T00:00:00@Europe/Berlin\")</bpmn:timeDate>",
      })
  void aFeelTimerOfAStartEventIsEvaluatedOnDeployment(String definition) {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="Start_Timer"><bpmn:timerEventDefinition>"""
                + definition
                + """
        </bpmn:timerEventDefinition></bpmn:startEvent>
        """);
    assertThat(transform(xml).timerStartEvents()).hasSize(1);
  }

  @Test
  void whiteSpaceAroundAStaticTimerIsIgnored() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">
          <bpmn:timerEventDefinition>
            <bpmn:timeDuration>
              PT1H
            </bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    assertThat(transform(xml).element("Wait", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(Kind.DURATION, new Expression("PT1H", false)));
  }

  // ------------------------------------------------------------------ rejected: invalid timers

  @Test
  void rejectsAnInvalidStaticDuration() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">"""
                + timer("timeDuration", "foo")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    assertThat(rejection(xml))
        .isEqualTo(
            """
        Expected to deploy new resources, but encountered the following errors:
        't.bpmn': element 'Wait' (intermediateCatchEvent): Invalid timer duration expression (Invalid duration format 'foo' for expression 'foo'.)""");
  }

  @Test
  void rejectsADateWithAZoneIdButNoOffset() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        """
                + serviceTask("A")
                + """
        <bpmn:boundaryEvent id="Deadline" attachedToRef="A">"""
                + timer("timeDate", "2026-12-01T09:00:00[Asia/Shanghai]")
                + """
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="A" />
        """);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'t.bpmn': element 'Deadline' (boundaryEvent): Invalid timer date expression "
                + "(Invalid date-time format '2026-12-01T09:00:00[Asia/Shanghai]' for expression '2026-12-01T09:00:00[Asia/Shanghai]'.)");
  }

  @Test
  void rejectsAnInvalidCycleOfAStartEvent() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="Start_Timer">"""
                + timer("timeCycle", "foo")
                + """
        </bpmn:startEvent>
        <bpmn:startEvent id="Start_Cron">"""
                + timer("timeCycle", "0 0 25 * * *")
                + """
        </bpmn:startEvent>
        <bpmn:startEvent id="Start_Interval">"""
                + timer("timeCycle", "R3/PT1X")
                + """
        </bpmn:startEvent>
        """);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'t.bpmn': element 'Start_Timer' (startEvent): Invalid timer cycle expression "
                + "(Cron expression contains 1 parts but we expect one of [6])",
            "'t.bpmn': element 'Start_Cron' (startEvent): Invalid timer cycle expression "
                + "(Failed to parse '25' as hour: value 25 not in range [0, 23])",
            "'t.bpmn': element 'Start_Interval' (startEvent): Invalid timer cycle expression "
                + "(Text cannot be parsed to a Duration)");
  }

  @Test
  void rejectsADurationWhoseDueDateOverflows() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">"""
                + timer("timeDuration", "PT2562047788015215H")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:startEvent id="Start_Timer">"""
                + timer("timeCycle", "R3/PT2562047788015215H")
                + """
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'t.bpmn': element 'Wait' (intermediateCatchEvent): Invalid timer duration expression "
                + "(Timer duration is too large and results in arithmetic overflow. Please use a smaller duration value.)",
            "'t.bpmn': element 'Start_Timer' (startEvent): Invalid timer cycle expression "
                + "(Timer duration is too large and results in arithmetic overflow. Please use a smaller duration value.)");
  }

  @Test
  void rejectsAFeelTimerThatDoesNotParseOnTheTimerDefinition() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">"""
                + timer("timeDuration", "=!")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith(
            "'t.bpmn': element 'Wait' (intermediateCatchEvent > timerEventDefinition): failed to parse expression '!'");
  }

  @Test
  void rejectsAFeelTimerOfAStartEventThatNeedsVariables() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="start-event-1">"""
                + timer("timeCycle", "=INVALID_CYCLE_EXPRESSION")
                + """
        </bpmn:startEvent>
        <bpmn:startEvent id="start-event-2">"""
                + timer("timeDate", "=x")
                + """
        </bpmn:startEvent>
        """);
    assertThat(rejection(xml))
        .isEqualTo(
            """
        Expected to deploy new resources, but encountered the following errors:
        't.bpmn': element 'start-event-1' (startEvent): Invalid timer cycle expression (Expected result of the \
        expression 'INVALID_CYCLE_EXPRESSION' to be 'STRING', but was 'NULL'. The evaluation reported the following warnings:
        [NO_VARIABLE_FOUND] No variable found with name 'INVALID_CYCLE_EXPRESSION')
        't.bpmn': element 'start-event-2' (startEvent): Invalid timer date expression (Expected result of the \
        expression 'x' to be one of '[DATE_TIME, STRING]', but was 'NULL'. The evaluation reported the following warnings:
        [NO_VARIABLE_FOUND] No variable found with name 'x')""");
  }

  // ------------------------------------------------------------------ rejected by Zeebe's rules on
  // timer forms

  @Test
  void rejectsACycleOnAnIntermediateCatchEvent() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">"""
                + timer("timeCycle", "R5/PT05S")
                + """
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'t.bpmn': element 'Wait' (intermediateCatchEvent): "
                + "Intermediate timer catch event must have either a time duration or a time date.");
  }

  @Test
  void rejectsACycleOnAnInterruptingBoundaryEvent() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        """
                + serviceTask("A")
                + """
        <bpmn:boundaryEvent id="Timeout" attachedToRef="A">"""
                + timer("timeCycle", "R5/PT05S")
                + """
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="A" />
        """);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'t.bpmn': element 'Timeout' (boundaryEvent): Interrupting timer event with time cycle is not allowed.");
  }

  @Test
  void rejectsATimerWithoutDateDurationOrCycle() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    assertThat(rejectionLines(xml))
        .contains(
            "'t.bpmn': element 'Wait' (intermediateCatchEvent > timerEventDefinition): "
                + "Must be exactly one type of timer: timeDuration, timeDate or timeCycle");
  }

  @Test
  void rejectsATimerWithTwoOfDateDurationAndCycleAsTheSchemaDoes() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="Wait">
          <bpmn:timerEventDefinition>
            <bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate>
            <bpmn:timeDuration>PT1H</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Wait" />
        """);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("'t.bpmn': Error: URI=null Line=")
        .contains("Invalid content was found starting with element 'bpmn:timeDuration'");
  }

  // ------------------------------------------------------------------ rejected: other events, not
  // supported yet

  // Message, signal, error, escalation and compensation events are supported now: see
  // BpmnTransformerEventTest
  // and BpmnTransformerCompensationTest.
  static Stream<Arguments> unsupportedEvents() {
    return Stream.of(
        Arguments.of(
            "<bpmn:intermediateCatchEvent id=\"X\"><bpmn:conditionalEventDefinition><bpmn:condition "
                + "xsi:type=\"bpmn:tFormalExpression\">=x &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition>"
                + "</bpmn:intermediateCatchEvent>",
            "intermediateCatchEvent",
            "An intermediate catch event with 'conditionalEventDefinition'"),
        Arguments.of(
            "<bpmn:startEvent id=\"X\"><bpmn:conditionalEventDefinition><bpmn:condition "
                + "xsi:type=\"bpmn:tFormalExpression\">=x &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition>"
                + "</bpmn:startEvent>",
            "startEvent",
            "A start event with 'conditionalEventDefinition'"),
        Arguments.of(
            "<bpmn:startEvent id=\"X\"><bpmn:errorEventDefinition errorRef=\"Err\" /></bpmn:startEvent>",
            "startEvent",
            "A start event with 'errorEventDefinition'"),
        Arguments.of(
            "<bpmn:startEvent id=\"X\"><bpmn:escalationEventDefinition escalationRef=\"Esc\" /></bpmn:startEvent>",
            "startEvent",
            "A start event with 'escalationEventDefinition'"),
        Arguments.of(
            "<bpmn:startEvent id=\"X\"><bpmn:terminateEventDefinition /></bpmn:startEvent>",
            "startEvent",
            "A start event with 'terminateEventDefinition'"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("unsupportedEvents")
  void rejectsEveryOtherEventDefinition(String element, String kind, String what) {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="s" />
        """
                + serviceTask("T")
                + """
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """
                + element);
    // Zeebe's own validators may add errors of theirs
    assertThat(rejectionLines(xml))
        .contains(
            "'t.bpmn': element 'X' ("
                + kind
                + "): "
                + what
                + " is not supported by this engine yet");
  }

  @Test
  void aTimerNextToAnUnsupportedDefinitionIsStillChecked() {
    byte[] xml =
        process(
            """
        <bpmn:startEvent id="X">
          <bpmn:timerEventDefinition><bpmn:timeCycle>nope</bpmn:timeCycle></bpmn:timerEventDefinition>
          <bpmn:terminateEventDefinition />
        </bpmn:startEvent>
        """);
    assertThat(rejectionLines(xml))
        .contains(
            "'t.bpmn': element 'X' (startEvent): A start event with 'terminateEventDefinition' is not supported by this engine yet",
            "'t.bpmn': element 'X' (startEvent): Invalid timer cycle expression (Cron expression contains 1 parts but we expect one of [6])");
  }
}

package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Message, error, escalation and signal events, receive tasks and event-based gateways: what the
 * transformer makes of them, and the deployments Zeebe rejects (its validators' wording, or the
 * broker's deploy-time checks).
 */
class BpmnTransformerEventTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  /**
   * A resource with the messages, signals, errors and escalations the tests refer to, and one
   * process.
   */
  private static byte[] process(String body) {
    return BpmnResources.definitions(
        """
          <bpmn:message id="Msg_Order" name="order-placed" />
          <bpmn:message id="Msg_Start_Feel" name="=&quot;order-&quot; + &quot;cancelled&quot;" />
          <bpmn:message id="Msg_Paid" name="payment-received">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Cancel" name="=&quot;cancel-&quot; + region">
            <bpmn:extensionElements><zeebe:subscription correlationKey="= order.id" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Update" name="order-updated">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:signal id="Sig_Alarm" name="alarm" />
          <bpmn:signal id="Sig_Start_Feel" name="=&quot;go-&quot; + string(1)" />
          <bpmn:signal id="Sig_Feel" name="=signalName" />
          <bpmn:error id="Err_Card" errorCode="INVALID_CARD" />
          <bpmn:error id="Err_Feel" errorCode="=errorCode" />
          <bpmn:error id="Err_NoCode" name="anything" />
          <bpmn:escalation id="Esc_Late" escalationCode="LATE" />
          <bpmn:escalation id="Esc_Feel" escalationCode="=&quot;LATE-&quot; + region" />
        """,
        body);
  }

  private static String serviceTask(String id) {
    return "<bpmn:serviceTask id=\""
        + id
        + "\"><bpmn:extensionElements><zeebe:taskDefinition type=\"work\" />"
        + "</bpmn:extensionElements></bpmn:serviceTask>";
  }

  private ExecutableProcess transform(byte[] xml) {
    List<ExecutableProcess> processes = transformer.transform("events.bpmn", xml);
    assertThat(processes).hasSize(1);
    return processes.get(0);
  }

  private List<String> rejectionLines(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("e.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  private static Expression text(String value) {
    return new Expression(value, false);
  }

  // ------------------------------------------------------------------ messages

  private static final byte[] MESSAGES =
      process(
          """
      <bpmn:startEvent id="Start" />
      <bpmn:startEvent id="Start_Order" name="Order placed">
        <bpmn:messageEventDefinition id="MsgDef_Order" messageRef="Msg_Order" />
      </bpmn:startEvent>
      <bpmn:startEvent id="Start_Cancelled">
        <bpmn:messageEventDefinition messageRef="Msg_Start_Feel" />
      </bpmn:startEvent>
      <bpmn:exclusiveGateway id="Join" />
      <bpmn:intermediateCatchEvent id="Wait_Paid" name="Payment received">
        <bpmn:messageEventDefinition messageRef="Msg_Paid" />
      </bpmn:intermediateCatchEvent>
      <bpmn:receiveTask id="Receive_Update" name="Wait for update" messageRef="Msg_Update">
        <bpmn:extensionElements>
          <zeebe:ioMapping><zeebe:output source="=update" target="lastUpdate" /></zeebe:ioMapping>
        </bpmn:extensionElements>
      </bpmn:receiveTask>
      <bpmn:boundaryEvent id="Cancelled" attachedToRef="Receive_Update">
        <bpmn:messageEventDefinition messageRef="Msg_Cancel" />
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="Paid_Again" cancelActivity="false" attachedToRef="Receive_Update">
        <bpmn:messageEventDefinition messageRef="Msg_Paid" />
      </bpmn:boundaryEvent>
      <bpmn:intermediateThrowEvent id="Notify" name="Notify shop">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="notify" />
          <zeebe:taskHeaders><zeebe:header key="topic" value="orders" /></zeebe:taskHeaders>
        </bpmn:extensionElements>
        <bpmn:messageEventDefinition messageRef="Msg_Paid" />
      </bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="Done">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="=&quot;publish-&quot; + kind" retries="5" />
        </bpmn:extensionElements>
        <bpmn:messageEventDefinition />
      </bpmn:endEvent>
      <bpmn:endEvent id="Aborted" />
      <bpmn:endEvent id="Thanked" />
      <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Join" />
      <bpmn:sequenceFlow id="f2" sourceRef="Start_Order" targetRef="Join" />
      <bpmn:sequenceFlow id="f3" sourceRef="Start_Cancelled" targetRef="Join" />
      <bpmn:sequenceFlow id="f4" sourceRef="Join" targetRef="Wait_Paid" />
      <bpmn:sequenceFlow id="f5" sourceRef="Wait_Paid" targetRef="Receive_Update" />
      <bpmn:sequenceFlow id="f6" sourceRef="Receive_Update" targetRef="Notify" />
      <bpmn:sequenceFlow id="f7" sourceRef="Notify" targetRef="Done" />
      <bpmn:sequenceFlow id="f8" sourceRef="Cancelled" targetRef="Aborted" />
      <bpmn:sequenceFlow id="f9" sourceRef="Paid_Again" targetRef="Thanked" />
      """);

  @Test
  void transformsMessageStartCatchBoundaryAndReceiveTaskElements() {
    ExecutableProcess process = transform(MESSAGES);

    assertThat(process.elements().values())
        .filteredOn(element -> element.type() != BpmnElementType.EXCLUSIVE_GATEWAY)
        .extracting(ExecutableElement::id, ExecutableElement::type, ExecutableElement::eventType)
        .containsExactly(
            tuple("Start", BpmnElementType.START_EVENT, BpmnEventType.NONE),
            tuple("Start_Order", BpmnElementType.START_EVENT, BpmnEventType.MESSAGE),
            tuple("Start_Cancelled", BpmnElementType.START_EVENT, BpmnEventType.MESSAGE),
            tuple("Wait_Paid", BpmnElementType.INTERMEDIATE_CATCH_EVENT, BpmnEventType.MESSAGE),
            tuple("Receive_Update", BpmnElementType.RECEIVE_TASK, BpmnEventType.UNSPECIFIED),
            tuple("Cancelled", BpmnElementType.BOUNDARY_EVENT, BpmnEventType.MESSAGE),
            tuple("Paid_Again", BpmnElementType.BOUNDARY_EVENT, BpmnEventType.MESSAGE),
            tuple("Notify", BpmnElementType.INTERMEDIATE_THROW_EVENT, BpmnEventType.MESSAGE),
            tuple("Done", BpmnElementType.END_EVENT, BpmnEventType.MESSAGE),
            tuple("Aborted", BpmnElementType.END_EVENT, BpmnEventType.NONE),
            tuple("Thanked", BpmnElementType.END_EVENT, BpmnEventType.NONE));

    assertThat(process.element("Wait_Paid", ExecutableCatchEvent.class).messageDefinition())
        .isEqualTo(new MessageDefinition(text("payment-received"), Expression.feel("orderId")));
    assertThat(process.element("Receive_Update", ExecutableReceiveTask.class).messageDefinition())
        .isEqualTo(new MessageDefinition(text("order-updated"), Expression.feel("orderId")));
    assertThat(process.element("Receive_Update").outputMappings())
        .containsExactly(new Mapping(Expression.feel("update"), "lastUpdate"));
    // a FEEL name of a catch event is evaluated on activation, with the variables then in scope
    assertThat(process.element("Cancelled", ExecutableCatchEvent.class).messageDefinition())
        .isEqualTo(
            new MessageDefinition(
                Expression.feel("\"cancel-\" + region"), Expression.feel("order.id")));
  }

  @Test
  void keepsMessageStartEventsApartWithTheirNameEvaluatedOnDeployment() {
    ExecutableProcess process = transform(MESSAGES);

    assertThat(process.noneStartEvent().id()).isEqualTo("Start");
    assertThat(process.timerStartEvents()).isEmpty();
    assertThat(process.signalStartEvents()).isEmpty();
    assertThat(process.messageStartEvents())
        .extracting(ExecutableElement::id, ExecutableCatchEvent::messageDefinition)
        .containsExactly(
            tuple("Start_Order", new MessageDefinition(text("order-placed"), null)),
            tuple("Start_Cancelled", new MessageDefinition(text("order-cancelled"), null)));
    assertThat(process.element("Start_Order").name()).isEqualTo("Order placed");
  }

  @Test
  void attachesMessageBoundaryEventsToTheReceiveTask() {
    ExecutableProcess process = transform(MESSAGES);

    assertThat(process.element("Receive_Update", ExecutableReceiveTask.class).boundaryEvents())
        .extracting(
            ExecutableElement::id,
            ExecutableBoundaryEvent::attachedToId,
            ExecutableBoundaryEvent::interrupting)
        .containsExactly(
            tuple("Cancelled", "Receive_Update", true),
            tuple("Paid_Again", "Receive_Update", false));
  }

  @Test
  void messageThrowAndEndEventsAreJobs() {
    ExecutableProcess process = transform(MESSAGES);

    ExecutableThrowEvent notify = process.element("Notify", ExecutableThrowEvent.class);
    assertThat(notify.jobDefinition())
        .isEqualTo(new JobDefinition(text("notify"), text("3"), Map.of("topic", "orders")));

    ExecutableThrowEvent done = process.element("Done", ExecutableThrowEvent.class);
    assertThat(done.jobDefinition().type()).isEqualTo(Expression.feel("\"publish-\" + kind"));
    assertThat(done.jobDefinition().retries()).isEqualTo(text("5"));
    assertThat(process.element("Aborted", ExecutableThrowEvent.class).jobDefinition()).isNull();
  }

  @Test
  void aProcessMayHaveOnlyMessageStartEvents() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="Start_Order"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
        <bpmn:endEvent id="End" />
        <bpmn:sequenceFlow id="f" sourceRef="Start_Order" targetRef="End" />
        """));

    assertThat(process.noneStartEvent()).isNull();
    assertThat(process.messageStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("Start_Order");
  }

  @Test
  void aMessageStartEventHasNoCorrelationKeyEvenIfItsMessageHasASubscription() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="Start_Paid"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:startEvent>
        <bpmn:intermediateCatchEvent id="Wait_Paid"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="Start_Paid" targetRef="Wait_Paid" />
        """));

    assertThat(process.element("Start_Paid", ExecutableCatchEvent.class).messageDefinition())
        .isEqualTo(new MessageDefinition(text("payment-received"), null));
    assertThat(
            process
                .element("Wait_Paid", ExecutableCatchEvent.class)
                .messageDefinition()
                .correlationKey())
        .isEqualTo(Expression.feel("orderId"));
  }

  static Stream<Arguments> activitiesWithMessageBoundaries() {
    return Stream.of(
        Arguments.of("serviceTask", serviceTask("A")),
        Arguments.of(
            "sendTask",
            "<bpmn:sendTask id=\"A\"><bpmn:extensionElements><zeebe:taskDefinition type=\"send\" />"
                + "</bpmn:extensionElements></bpmn:sendTask>"),
        Arguments.of("userTask (job worker)", "<bpmn:userTask id=\"A\" />"),
        Arguments.of(
            "userTask (Camunda)",
            "<bpmn:userTask id=\"A\"><bpmn:extensionElements><zeebe:userTask />"
                + "</bpmn:extensionElements></bpmn:userTask>"),
        Arguments.of("manualTask", "<bpmn:manualTask id=\"A\" />"),
        Arguments.of("task", "<bpmn:task id=\"A\" />"),
        Arguments.of("receiveTask", "<bpmn:receiveTask id=\"A\" messageRef=\"Msg_Update\" />"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activitiesWithMessageBoundaries")
  void acceptsInterruptingAndNonInterruptingMessageBoundaryEventsOnEverySupportedActivity(
      String kind, String activity) {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        """
                    + activity
                    + """
        <bpmn:boundaryEvent id="Interrupting" attachedToRef="A">
          <bpmn:messageEventDefinition messageRef="Msg_Paid" />
        </bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="Non_Interrupting" cancelActivity="false" attachedToRef="A">
          <bpmn:messageEventDefinition messageRef="Msg_Cancel" />
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="e1" />
        <bpmn:endEvent id="e2" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="A" />
        <bpmn:sequenceFlow id="f2" sourceRef="Interrupting" targetRef="e1" />
        <bpmn:sequenceFlow id="f3" sourceRef="Non_Interrupting" targetRef="e2" />
        """));

    assertThat(process.element("A", ExecutableActivity.class).boundaryEvents())
        .extracting(
            ExecutableElement::id, ExecutableElement::eventType, ExecutableCatchEvent::interrupting)
        .containsExactly(
            tuple("Interrupting", BpmnEventType.MESSAGE, true),
            tuple("Non_Interrupting", BpmnEventType.MESSAGE, false));
  }

  // ------------------------------------------------------------------ errors

  @Test
  void transformsErrorEndAndBoundaryEvents() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        """
                    + serviceTask("Task_Pay")
                    + """
        <bpmn:boundaryEvent id="Card_Invalid" attachedToRef="Task_Pay">
          <bpmn:errorEventDefinition errorRef="Err_Card" />
        </bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="Any_Error" attachedToRef="Task_Pay">
          <bpmn:errorEventDefinition id="catch-all" />
        </bpmn:boundaryEvent>
        <bpmn:userTask id="Task_Review" />
        <bpmn:boundaryEvent id="Any_Error_Too" attachedToRef="Task_Review">
          <bpmn:errorEventDefinition errorRef="Err_NoCode" />
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="Err_Card" /></bpmn:endEvent>
        <bpmn:endEvent id="Fail_Dynamic"><bpmn:errorEventDefinition errorRef="Err_Feel" /></bpmn:endEvent>
        <bpmn:endEvent id="Handled" />
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Task_Pay" />
        <bpmn:sequenceFlow id="f2" sourceRef="Task_Pay" targetRef="Task_Review" />
        <bpmn:sequenceFlow id="f3" sourceRef="Task_Review" targetRef="Fail_Dynamic" />
        <bpmn:sequenceFlow id="f4" sourceRef="Card_Invalid" targetRef="Fail" />
        <bpmn:sequenceFlow id="f5" sourceRef="Any_Error" targetRef="Handled" />
        <bpmn:sequenceFlow id="f6" sourceRef="Any_Error_Too" targetRef="Handled" />
        """));

    assertThat(process.element("Task_Pay", ExecutableActivity.class).boundaryEvents())
        .extracting(
            ExecutableElement::id,
            ExecutableElement::eventType,
            ExecutableCatchEvent::interrupting,
            ExecutableCatchEvent::errorDefinition)
        .containsExactly(
            tuple(
                "Card_Invalid",
                BpmnEventType.ERROR,
                true,
                new ErrorDefinition(text("INVALID_CARD"))),
            tuple("Any_Error", BpmnEventType.ERROR, true, new ErrorDefinition(null)));
    assertThat(
            process.element("Any_Error", ExecutableCatchEvent.class).errorDefinition().isCatchAll())
        .isTrue();
    assertThat(
            process
                .element("Card_Invalid", ExecutableCatchEvent.class)
                .errorDefinition()
                .isCatchAll())
        .isFalse();
    assertThat(
            process
                .element("Any_Error_Too", ExecutableCatchEvent.class)
                .errorDefinition()
                .isCatchAll())
        .as("an error without code catches all errors")
        .isTrue();

    assertThat(process.element("Fail").eventType()).isEqualTo(BpmnEventType.ERROR);
    assertThat(process.element("Fail", ExecutableThrowEvent.class).errorDefinition())
        .isEqualTo(new ErrorDefinition(text("INVALID_CARD"), null, null));
    assertThat(
            process
                .element("Fail_Dynamic", ExecutableThrowEvent.class)
                .errorDefinition()
                .errorCode())
        .isEqualTo(Expression.feel("errorCode"));
    assertThat(process.element("Fail", ExecutableThrowEvent.class).jobDefinition()).isNull();
  }

  @Test
  void rejectsANonInterruptingErrorBoundaryEvent() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        """
                        + serviceTask("T")
                        + """
        <bpmn:boundaryEvent id="B" cancelActivity="false" attachedToRef="T">
          <bpmn:errorEventDefinition errorRef="Err_Card" />
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'B' (boundaryEvent): Non-Interrupting event of this type is not allowed");
  }

  @Test
  void rejectsAnExpressionAsErrorCodeOfACatchEvent() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        """
                        + serviceTask("T")
                        + """
        <bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:errorEventDefinition errorRef="Err_Feel" /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'B' (boundaryEvent > errorEventDefinition): "
                + "The errorCode of the error catch event is not allowed to be an expression");
  }

  @Test
  void rejectsAnErrorEndEventWithoutErrorOrErrorCode() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:endEvent id="E1"><bpmn:errorEventDefinition /></bpmn:endEvent>
        <bpmn:endEvent id="E2"><bpmn:errorEventDefinition errorRef="Err_NoCode" /></bpmn:endEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="E1" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'E1' (endEvent > errorEventDefinition): Must reference an error",
            "'e.bpmn': element 'E2' (endEvent > errorEventDefinition): ErrorCode must be present and not empty");
  }

  @Test
  void rejectsTwoErrorCatchEventsWithTheSameCodeOrTwoCatchAllsOnOneActivity() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        """
                        + serviceTask("T1")
                        + serviceTask("T2")
                        + """
        <bpmn:boundaryEvent id="B1" attachedToRef="T1"><bpmn:errorEventDefinition errorRef="Err_Card" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B2" attachedToRef="T1"><bpmn:errorEventDefinition errorRef="Err_Card" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B3" attachedToRef="T2"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B4" attachedToRef="T2"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="T1" />
        <bpmn:sequenceFlow id="f2" sourceRef="T1" targetRef="T2" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'T1' (serviceTask): "
                + "Multiple error catch events with the same error code 'INVALID_CARD' are not supported on the same scope.",
            "'e.bpmn': element 'T2' (serviceTask): The same scope can not contain more than one error catch event without "
                + "error code. An error catch event without error code catches all errors.");
  }

  @Test
  void rejectsAnErrorCodeExpressionThatDoesNotParse() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:endEvent id="E"><bpmn:errorEventDefinition errorRef="Err_Feel" /></bpmn:endEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="E" />
        """),
                StandardCharsets.UTF_8)
            .replace("errorCode=\"=errorCode\"", "errorCode=\"=1 +\"")
            .getBytes(StandardCharsets.UTF_8);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("'e.bpmn': element 'Err_Feel' (error): failed to parse expression '1 +'");
  }

  // ------------------------------------------------------------------ escalations

  @Test
  void transformsEscalationThrowEvents() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateThrowEvent id="Escalate" name="Running late">
          <bpmn:escalationEventDefinition escalationRef="Esc_Late" />
        </bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="Escalate_End"><bpmn:escalationEventDefinition escalationRef="Esc_Feel" /></bpmn:endEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Escalate" />
        <bpmn:sequenceFlow id="f2" sourceRef="Escalate" targetRef="Escalate_End" />
        """));

    assertThat(process.element("Escalate").type())
        .isEqualTo(BpmnElementType.INTERMEDIATE_THROW_EVENT);
    assertThat(process.element("Escalate").eventType()).isEqualTo(BpmnEventType.ESCALATION);
    assertThat(process.element("Escalate", ExecutableThrowEvent.class).escalationDefinition())
        .isEqualTo(new EscalationDefinition(text("LATE"), null));
    assertThat(process.element("Escalate_End").eventType()).isEqualTo(BpmnEventType.ESCALATION);
    assertThat(
            process
                .element("Escalate_End", ExecutableThrowEvent.class)
                .escalationDefinition()
                .code())
        .isEqualTo(Expression.feel("\"LATE-\" + region"));
    assertThat(
            process
                .element("Escalate_End", ExecutableThrowEvent.class)
                .escalationDefinition()
                .isCatchAll())
        .isFalse();
  }

  @Test
  void rejectsAnEscalationBoundaryEventOnATaskAsZeebeDoes() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        """
                        + serviceTask("T")
                        + """
        <bpmn:boundaryEvent id="B" cancelActivity="false" attachedToRef="T">
          <bpmn:escalationEventDefinition escalationRef="Esc_Late" />
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'B' (boundaryEvent): An escalation boundary event should only be attached to a subprocess, "
                + "or a call activity.");
  }

  @Test
  void anEscalationBoundaryEventOnASubprocessCatchesEveryEscalation() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        <bpmn:subProcess id="Sub">
          <bpmn:startEvent id="sub_s" />
          <bpmn:endEvent id="sub_e" />
          <bpmn:sequenceFlow id="sub_f" sourceRef="sub_s" targetRef="sub_e" />
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="B" attachedToRef="Sub"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Sub" />
        """));
    ExecutableFlowScope sub = process.element("Sub", ExecutableFlowScope.class);
    assertThat(sub.type()).isEqualTo(BpmnElementType.SUB_PROCESS);
    assertThat(sub.subProcessStartEvent().id()).isEqualTo("sub_s");
    assertThat(process.element("sub_e").flowScopeId()).isEqualTo("Sub");
    assertThat(sub.boundaryEvents())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.eventType()).isEqualTo(BpmnEventType.ESCALATION);
              assertThat(b.escalationDefinition().isCatchAll()).isTrue();
            });
  }

  @Test
  void rejectsAnExpressionAsEscalationCodeOfACatchEvent() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:subProcess id="Sub">
          <bpmn:startEvent id="sub_s" />
          <bpmn:endEvent id="sub_e" />
          <bpmn:sequenceFlow id="sub_f" sourceRef="sub_s" targetRef="sub_e" />
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="B" attachedToRef="Sub"><bpmn:escalationEventDefinition escalationRef="Esc_Feel" /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Sub" />
        """)))
        .contains(
            "'e.bpmn': element 'B' (boundaryEvent > escalationEventDefinition): "
                + "The escalationCode of the escalation catch event is not allowed to be an expression");
  }

  @Test
  void rejectsAnEscalationThrowEventWithoutEscalation() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateThrowEvent id="X"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="X" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'X' (intermediateThrowEvent > escalationEventDefinition): Must reference an escalation");
  }

  // ------------------------------------------------------------------ signals

  @Test
  void transformsSignalEvents() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="Start" />
        <bpmn:startEvent id="Start_Alarm"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:startEvent>
        <bpmn:startEvent id="Start_Go"><bpmn:signalEventDefinition signalRef="Sig_Start_Feel" /></bpmn:startEvent>
        <bpmn:exclusiveGateway id="Join" />
        <bpmn:intermediateCatchEvent id="Wait_Signal"><bpmn:signalEventDefinition signalRef="Sig_Feel" /></bpmn:intermediateCatchEvent>
        """
                    + serviceTask("Task")
                    + """
        <bpmn:boundaryEvent id="Stop" attachedToRef="Task"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="Ring" cancelActivity="false" attachedToRef="Task">
          <bpmn:signalEventDefinition signalRef="Sig_Feel" />
        </bpmn:boundaryEvent>
        <bpmn:intermediateThrowEvent id="Broadcast"><bpmn:signalEventDefinition signalRef="Sig_Feel" /></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="Broadcast_End"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:endEvent>
        <bpmn:endEvent id="Stopped" />
        <bpmn:endEvent id="Rung" />
        <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Join" />
        <bpmn:sequenceFlow id="f2" sourceRef="Start_Alarm" targetRef="Join" />
        <bpmn:sequenceFlow id="f3" sourceRef="Start_Go" targetRef="Join" />
        <bpmn:sequenceFlow id="f4" sourceRef="Join" targetRef="Wait_Signal" />
        <bpmn:sequenceFlow id="f5" sourceRef="Wait_Signal" targetRef="Task" />
        <bpmn:sequenceFlow id="f6" sourceRef="Task" targetRef="Broadcast" />
        <bpmn:sequenceFlow id="f7" sourceRef="Broadcast" targetRef="Broadcast_End" />
        <bpmn:sequenceFlow id="f8" sourceRef="Stop" targetRef="Stopped" />
        <bpmn:sequenceFlow id="f9" sourceRef="Ring" targetRef="Rung" />
        """));

    assertThat(process.noneStartEvent().id()).isEqualTo("Start");
    assertThat(process.signalStartEvents())
        .extracting(
            ExecutableElement::id,
            ExecutableElement::eventType,
            ExecutableCatchEvent::signalDefinition)
        .containsExactly(
            tuple("Start_Alarm", BpmnEventType.SIGNAL, new SignalDefinition(text("alarm"))),
            tuple("Start_Go", BpmnEventType.SIGNAL, new SignalDefinition(text("go-1"))));
    assertThat(process.messageStartEvents()).isEmpty();

    assertThat(process.element("Wait_Signal").eventType()).isEqualTo(BpmnEventType.SIGNAL);
    assertThat(process.element("Wait_Signal", ExecutableCatchEvent.class).signalDefinition())
        .isEqualTo(new SignalDefinition(Expression.feel("signalName")));
    assertThat(process.element("Task", ExecutableActivity.class).boundaryEvents())
        .extracting(
            ExecutableElement::id,
            ExecutableElement::eventType,
            ExecutableCatchEvent::interrupting,
            ExecutableCatchEvent::signalDefinition)
        .containsExactly(
            tuple("Stop", BpmnEventType.SIGNAL, true, new SignalDefinition(text("alarm"))),
            tuple(
                "Ring",
                BpmnEventType.SIGNAL,
                false,
                new SignalDefinition(Expression.feel("signalName"))));
    assertThat(process.element("Broadcast").type())
        .isEqualTo(BpmnElementType.INTERMEDIATE_THROW_EVENT);
    assertThat(process.element("Broadcast").eventType()).isEqualTo(BpmnEventType.SIGNAL);
    assertThat(process.element("Broadcast", ExecutableThrowEvent.class).signalDefinition())
        .isEqualTo(new SignalDefinition(Expression.feel("signalName")));
    assertThat(process.element("Broadcast", ExecutableThrowEvent.class).jobDefinition()).isNull();
    assertThat(process.element("Broadcast_End").eventType()).isEqualTo(BpmnEventType.SIGNAL);
    assertThat(process.element("Broadcast_End", ExecutableThrowEvent.class).signalDefinition())
        .isEqualTo(new SignalDefinition(text("alarm")));
  }

  @Test
  void rejectsTwoSignalStartEventsWithTheSameName() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="S1"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:startEvent>
        <bpmn:startEvent id="S2"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:startEvent>
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'p' (process): Multiple signal event definitions with the same name 'alarm' are not allowed.");
  }

  @Test
  void rejectsASignalEndEventWithoutSignal() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:endEvent id="Y"><bpmn:signalEventDefinition /></bpmn:endEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Y" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'Y' (endEvent > signalEventDefinition): Must reference a signal");
  }

  // ------------------------------------------------------------------ event-based gateway

  private static final String EVENT_GATEWAY =
      """
      <bpmn:startEvent id="s"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
      <bpmn:eventBasedGateway id="Gateway" name="What happens first?">
        <bpmn:incoming>f0</bpmn:incoming>
        <bpmn:outgoing>f_paid</bpmn:outgoing>
        <bpmn:outgoing>f_timeout</bpmn:outgoing>
        <bpmn:outgoing>f_alarm</bpmn:outgoing>
      </bpmn:eventBasedGateway>
      <bpmn:intermediateCatchEvent id="Paid">
        <bpmn:incoming>f_paid</bpmn:incoming>
        <bpmn:messageEventDefinition messageRef="Msg_Paid" />
      </bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Timeout">
        <bpmn:incoming>f_timeout</bpmn:incoming>
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="Alarm">
        <bpmn:incoming>f_alarm</bpmn:incoming>
        <bpmn:signalEventDefinition signalRef="Sig_Alarm" />
      </bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="Gateway" />
      <bpmn:sequenceFlow id="f_paid" sourceRef="Gateway" targetRef="Paid" />
      <bpmn:sequenceFlow id="f_timeout" sourceRef="Gateway" targetRef="Timeout" />
      <bpmn:sequenceFlow id="f_alarm" sourceRef="Gateway" targetRef="Alarm" />
      <bpmn:sequenceFlow id="f1" sourceRef="Paid" targetRef="e" />
      <bpmn:sequenceFlow id="f2" sourceRef="Timeout" targetRef="e" />
      <bpmn:sequenceFlow id="f3" sourceRef="Alarm" targetRef="e" />
      """;

  @Test
  void transformsAnEventBasedGatewayWithItsCatchEvents() {
    ExecutableProcess process = transform(process(EVENT_GATEWAY));

    ExecutableEventBasedGateway gateway =
        process.element("Gateway", ExecutableEventBasedGateway.class);
    assertThat(gateway.type()).isEqualTo(BpmnElementType.EVENT_BASED_GATEWAY);
    assertThat(gateway.eventType()).isEqualTo(BpmnEventType.UNSPECIFIED);
    assertThat(gateway.name()).isEqualTo("What happens first?");
    assertThat(gateway.eventBasedTargets())
        .extracting(ExecutableElement::id, ExecutableElement::type, ExecutableElement::eventType)
        .containsExactly(
            tuple("Paid", BpmnElementType.INTERMEDIATE_CATCH_EVENT, BpmnEventType.MESSAGE),
            tuple("Timeout", BpmnElementType.INTERMEDIATE_CATCH_EVENT, BpmnEventType.TIMER),
            tuple("Alarm", BpmnElementType.INTERMEDIATE_CATCH_EVENT, BpmnEventType.SIGNAL));
    assertThat(gateway.outgoing())
        .extracting(SequenceFlow::id)
        .containsExactly("f_paid", "f_timeout", "f_alarm");
    assertThat(gateway.eventBasedTargets())
        .extracting(ExecutableCatchEvent::eventBasedGatewayId)
        .containsOnly("Gateway");
    assertThat(process.element("Timeout", ExecutableCatchEvent.class).timerDefinition())
        .isEqualTo(new TimerDefinition(TimerDefinition.Kind.DURATION, text("PT1H")));
    assertThat(
            process
                .element("Paid", ExecutableCatchEvent.class)
                .messageDefinition()
                .correlationKey())
        .isEqualTo(Expression.feel("orderId"));
    assertThat(process.element("e")).isInstanceOf(ExecutableThrowEvent.class);
  }

  @Test
  void rejectsAnEventBasedGatewayWithOneOutgoingFlowOrAFlowToATask() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
        <bpmn:eventBasedGateway id="G">
          <bpmn:incoming>f0</bpmn:incoming>
          <bpmn:outgoing>f1</bpmn:outgoing>
        </bpmn:eventBasedGateway>
        <bpmn:receiveTask id="R" messageRef="Msg_Paid"><bpmn:incoming>f1</bpmn:incoming></bpmn:receiveTask>
        <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="G" />
        <bpmn:sequenceFlow id="f1" sourceRef="G" targetRef="R" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'G' (eventBasedGateway): Event-based gateway must have at least 2 outgoing sequence flows.",
            "'e.bpmn': element 'G' (eventBasedGateway): Event-based gateway must not have an outgoing sequence flow to other "
                + "elements than message/timer/signal intermediate catch events.");
  }

  @Test
  void rejectsAnEventBasedGatewayWhoseEventHasAnotherIncomingFlowOrWhoseMessagesRepeat() {
    String xml =
        EVENT_GATEWAY
            .replace(
                "<bpmn:signalEventDefinition signalRef=\"Sig_Alarm\" />",
                "<bpmn:messageEventDefinition messageRef=\"Msg_Paid\" />")
            .replace(
                "<bpmn:incoming>f_timeout</bpmn:incoming>",
                "<bpmn:incoming>f_timeout</bpmn:incoming><bpmn:incoming>f_back</bpmn:incoming>")
            .replace(
                "<bpmn:endEvent id=\"e\" />",
                "<bpmn:endEvent id=\"e\" /><bpmn:sequenceFlow id=\"f_back\" sourceRef=\"Paid\" targetRef=\"Timeout\" />");
    assertThat(rejectionLines(process(xml)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'Gateway' (eventBasedGateway): "
                + "Multiple message event definitions with the same name 'payment-received' are not allowed.",
            "'e.bpmn': element 'Gateway' (eventBasedGateway): Target elements of an event gateway must not have any "
                + "additional incoming sequence flows other than that from the event gateway.");
  }

  @Test
  void rejectsAConditionOnAFlowOutOfAnEventBasedGateway() {
    String xml =
        EVENT_GATEWAY.replace(
            "<bpmn:sequenceFlow id=\"f_alarm\" sourceRef=\"Gateway\" targetRef=\"Alarm\" />",
            "<bpmn:sequenceFlow id=\"f_alarm\" sourceRef=\"Gateway\" targetRef=\"Alarm\">"
                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">=true</bpmn:conditionExpression>"
                + "</bpmn:sequenceFlow>");
    assertThat(rejectionLines(process(xml)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'Gateway' (eventBasedGateway): "
                + "Conditional sequence flows are only supported at exclusive or inclusive gateway");
  }

  // ------------------------------------------------------------------ the fluent builder

  @Test
  void transformsEventsBuiltWithTheFluentBuilder() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("fluent")
            .startEvent("start")
            .message("go")
            .eventBasedGateway("gateway")
            .intermediateCatchEvent("paid")
            .message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
            .receiveTask("receive")
            .message(m -> m.name("confirmed").zeebeCorrelationKeyExpression("orderId"))
            .boundaryEvent(
                "cancel",
                b ->
                    b.message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId"))
                        .endEvent("cancelled"))
            .serviceTask("pay", t -> t.zeebeJobType("pay"))
            .boundaryEvent(
                "declined", b -> b.error("DECLINED").endEvent("failed", e -> e.error("=code")))
            .intermediateThrowEvent("escalate", t -> t.escalation("LATE"))
            .intermediateThrowEvent("notify", t -> t.message("notify").zeebeJobType("notify"))
            .endEvent("broadcast", e -> e.signal("done"))
            .moveToNode("gateway")
            .intermediateCatchEvent("timeout")
            .timerWithDuration("PT1H")
            .endEvent("timedOut")
            .done();

    ExecutableProcess process =
        transform(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));

    assertThat(process.messageStartEvents())
        .extracting(ExecutableCatchEvent::messageDefinition)
        .containsExactly(new MessageDefinition(text("go"), null));
    assertThat(process.element("gateway", ExecutableEventBasedGateway.class).eventBasedTargets())
        .extracting(ExecutableElement::id)
        .containsExactly("paid", "timeout");
    assertThat(process.element("receive").type()).isEqualTo(BpmnElementType.RECEIVE_TASK);
    assertThat(process.element("receive", ExecutableReceiveTask.class).messageDefinition())
        .isEqualTo(new MessageDefinition(text("confirmed"), Expression.feel("orderId")));
    assertThat(process.element("cancel", ExecutableBoundaryEvent.class).attachedToId())
        .isEqualTo("receive");
    assertThat(process.element("declined", ExecutableCatchEvent.class).errorDefinition())
        .isEqualTo(new ErrorDefinition(text("DECLINED")));
    assertThat(process.element("failed", ExecutableThrowEvent.class).errorDefinition())
        .isEqualTo(new ErrorDefinition(Expression.feel("code")));
    assertThat(process.element("escalate", ExecutableThrowEvent.class).escalationDefinition())
        .isEqualTo(new EscalationDefinition(text("LATE")));
    assertThat(process.element("notify", ExecutableThrowEvent.class).jobDefinition().type())
        .isEqualTo(text("notify"));
    assertThat(process.element("broadcast", ExecutableThrowEvent.class).signalDefinition())
        .isEqualTo(new SignalDefinition(text("done")));
  }

  // ------------------------------------------------------------------ deploy-time checks on
  // messages

  @Test
  void rejectsAStaticCorrelationKeyOnTheSubscription() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="C"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="C" />
        """),
                StandardCharsets.UTF_8)
            .replace("correlationKey=\"=orderId\"", "correlationKey=\"orderId\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'Msg_Paid' (message > extensionElements > subscription): "
                + "Expected expression but found static value 'orderId'. An expression must start with '=' (e.g. '=orderId').",
            "'e.bpmn': element 'Msg_Update' (message > extensionElements > subscription): "
                + "Expected expression but found static value 'orderId'. An expression must start with '=' (e.g. '=orderId').");
  }

  @Test
  void rejectsACorrelationKeyOrMessageNameThatDoesNotParse() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="C"><bpmn:messageEventDefinition messageRef="Msg_Cancel" /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="C" />
        """),
                StandardCharsets.UTF_8)
            .replace("correlationKey=\"= order.id\"", "correlationKey=\"=order.\"")
            .replace("name=\"=&quot;cancel-&quot; + region\"", "name=\"=&quot;cancel-\"")
            .getBytes(StandardCharsets.UTF_8);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .startsWith(
            "'e.bpmn': element 'Msg_Cancel' (message): failed to parse expression '\"cancel-'");
    assertThat(lines.get(2))
        .startsWith(
            "'e.bpmn': element 'Msg_Cancel' (message > extensionElements > subscription): failed to parse expression 'order.'");
  }

  @Test
  void rejectsAMessageOfACatchEventWithoutSubscriptionOrName() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:receiveTask id="R" messageRef="Msg_Order" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="R" />
        """),
                StandardCharsets.UTF_8)
            .replace(
                "<bpmn:message id=\"Msg_Order\" name=\"order-placed\" />",
                "<bpmn:message id=\"Msg_Order\" />")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'Msg_Order' (message): Name must be present and not empty",
            "'e.bpmn': element 'Msg_Order' (message): Must have exactly one zeebe:subscription extension element");
  }

  @Test
  void rejectsAMessageStartEventNameThatCannotBeEvaluatedOnDeployment() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="S1"><bpmn:messageEventDefinition messageRef="Msg_Start_Feel" /></bpmn:startEvent>
        <bpmn:startEvent id="S2"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
        """),
                StandardCharsets.UTF_8)
            .replace("name=\"=&quot;order-&quot; + &quot;cancelled&quot;\"", "name=\"=orderType\"")
            .replace("name=\"order-placed\"", "name=\"=assert(x, x != null)\"")
            .getBytes(StandardCharsets.UTF_8);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
    assertThat(lines.get(1))
        .isEqualTo(
            "'e.bpmn': element 'S1' (startEvent): Expected constant expression of type String for message name '=orderType', but was NULL");
    assertThat(lines.get(2))
        .startsWith(
            "'e.bpmn': element 'S2' (startEvent): Expected constant expression but found '=assert(x, x != null)', "
                + "which could not be evaluated without context: Assertion failure");
  }

  @Test
  void rejectsASignalStartEventNameThatIsNotAString() {
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="S"><bpmn:signalEventDefinition signalRef="Sig_Start_Feel" /></bpmn:startEvent>
        """),
                StandardCharsets.UTF_8)
            .replace("name=\"=&quot;go-&quot; + string(1)\"", "name=\"=1\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(rejectionLines(xml))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'S' (startEvent): Expected constant expression of type String for signal name '=1', but was NUMBER");
  }

  @Test
  void aFeelNameOfACatchEventIsOnlyParsedOnDeployment() {
    // evaluated on activation, when the variables are known
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateCatchEvent id="C"><bpmn:signalEventDefinition signalRef="Sig_Feel" /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="C" />
        """));
    assertThat(process.element("C", ExecutableCatchEvent.class).signalDefinition().signalName())
        .isEqualTo(Expression.feel("signalName"));
  }

  @Test
  void rejectsTwoMessageStartEventsWithTheSameMessage() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="S1"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
        <bpmn:startEvent id="S2"><bpmn:messageEventDefinition messageRef="Msg_Order" /></bpmn:startEvent>
        """)))
        .contains(
            "'e.bpmn': element 'Msg_Order' (message): A message cannot be referred by more than one start event");
  }

  @Test
  void rejectsAReceiveTaskWithoutMessageOrWithABoundaryEventForItsOwnMessage() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:receiveTask id="R1" />
        <bpmn:receiveTask id="R2" messageRef="Msg_Paid" />
        <bpmn:boundaryEvent id="B" attachedToRef="R2"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="R1" />
        <bpmn:sequenceFlow id="f2" sourceRef="R1" targetRef="R2" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'R1' (receiveTask): Must reference a message",
            "'e.bpmn': element 'R2' (receiveTask): Cannot reference the same message name as a boundary event");
  }

  @Test
  void rejectsTwoMessageBoundaryEventsWithTheSameName() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        """
                        + serviceTask("T")
                        + """
        <bpmn:boundaryEvent id="B1" attachedToRef="T"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="B2" cancelActivity="false" attachedToRef="T"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'T' (serviceTask): Multiple message event definitions with the same name 'payment-received' are not allowed.");
  }

  @Test
  void rejectsAMessageThrowEventWithoutJob() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateThrowEvent id="M"><bpmn:messageEventDefinition messageRef="Msg_Paid" /></bpmn:intermediateThrowEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="M" />
        """)))
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'e.bpmn': element 'M' (intermediateThrowEvent): "
                + "Must have either one 'zeebe:publishMessage' or one 'zeebe:taskDefinition' extension element");
  }

  @Test
  void checksTheJobOfAMessageThrowEventLikeAServiceTask() {
    List<String> lines =
        rejectionLines(
            process(
                """
        <bpmn:startEvent id="s" />
        <bpmn:endEvent id="M">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="=1 +" />
            <zeebe:taskHeaders><zeebe:header key="io.camunda.zeebe:assignee" value="x" /></zeebe:taskHeaders>
          </bpmn:extensionElements>
          <bpmn:messageEventDefinition />
        </bpmn:endEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="M" />
        """));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .startsWith(
            "'e.bpmn': element 'M' (endEvent > extensionElements > taskDefinition): "
                + "failed to parse expression '1 +'");
    assertThat(lines.get(2))
        .isEqualTo(
            "'e.bpmn': element 'M' (endEvent > extensionElements > taskHeaders > header): "
                + "Attribute 'key' contains 'io.camunda.zeebe:assignee', but header keys starting with 'io.camunda.zeebe:' "
                + "are reserved for internal use.");
  }

  // ------------------------------------------------------------------ other events

  @Test
  void acceptsANoneIntermediateThrowEvent() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:startEvent id="s" />
        <bpmn:intermediateThrowEvent id="Milestone" name="Order checked" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Milestone" />
        """));
    assertThat(process.element("Milestone").type())
        .isEqualTo(BpmnElementType.INTERMEDIATE_THROW_EVENT);
    assertThat(process.element("Milestone").eventType()).isEqualTo(BpmnEventType.NONE);
    assertThat(BpmnElementType.INTERMEDIATE_THROW_EVENT.isEvent()).isTrue();
    assertThat(BpmnElementType.RECEIVE_TASK.isEvent()).isFalse();
    assertThat(BpmnElementType.EVENT_BASED_GATEWAY.isEvent()).isFalse();
  }

  @Test
  void checksEveryMessageSignalErrorAndEscalationOfTheResourceEvenUnreferenced() {
    // as Zeebe's broker does: its checks run over the whole resource
    byte[] xml =
        new String(
                process(
                    """
        <bpmn:startEvent id="s" />
        """),
                StandardCharsets.UTF_8)
            .replace(
                "<bpmn:signal id=\"Sig_Alarm\" name=\"alarm\" />",
                "<bpmn:signal id=\"Sig_Alarm\" name=\"=1 +\" />")
            .getBytes(StandardCharsets.UTF_8);
    List<String> lines = rejectionLines(xml);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("'e.bpmn': element 'Sig_Alarm' (signal): failed to parse expression '1 +'");
  }
}

package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event subprocesses ({@code triggeredByEvent="true"}): what the transformer builds of them, and
 * the models Zeebe rejects, with its validators' wording.
 */
class BpmnTransformerEventSubprocessTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  private static byte[] process(String body) {
    return BpmnResources.definitions(
        """
          <bpmn:message id="Msg_Cancel" name="cancel">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_Cancel_Too" name="cancel">
            <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
          </bpmn:message>
          <bpmn:message id="Msg_NoKey" name="update" />
          <bpmn:signal id="Sig_Alarm" name="alarm" />
          <bpmn:error id="Err_Card" errorCode="INVALID_CARD" />
          <bpmn:escalation id="Esc_Late" escalationCode="LATE" />
        """,
        """
            <bpmn:startEvent id="s" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />

        """
            + body);
  }

  /** An event subprocess with the given start event (its body: start, end, flow). */
  private static String eventSubprocess(String id, String startEvent) {
    return "<bpmn:subProcess id=\""
        + id
        + "\" triggeredByEvent=\"true\">"
        + startEvent
        + "<bpmn:endEvent id=\""
        + id
        + "_end\" />"
        + "<bpmn:sequenceFlow id=\""
        + id
        + "_flow\" sourceRef=\""
        + id
        + "_start\" targetRef=\""
        + id
        + "_end\" />"
        + "</bpmn:subProcess>";
  }

  private static String start(String id, String attributes, String definition) {
    return "<bpmn:startEvent id=\""
        + id
        + "_start\" "
        + attributes
        + ">"
        + definition
        + "</bpmn:startEvent>";
  }

  private ExecutableProcess transform(byte[] xml) {
    List<ExecutableProcess> processes = transformer.transform("esp.bpmn", xml);
    assertThat(processes).hasSize(1);
    return processes.get(0);
  }

  private List<String> rejectionLines(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("esp.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  @Test
  void buildsEventSubprocessesOfEveryKindInTheProcess() {
    ExecutableProcess process =
        transform(
            process(
                eventSubprocess(
                        "Timer",
                        start(
                            "Timer",
                            "isInterrupting=\"false\"",
                            "<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>"))
                    + eventSubprocess(
                        "Message",
                        start(
                            "Message",
                            "",
                            "<bpmn:messageEventDefinition messageRef=\"Msg_Cancel\" />"))
                    + eventSubprocess(
                        "Signal",
                        start(
                            "Signal",
                            "isInterrupting=\"false\"",
                            "<bpmn:signalEventDefinition signalRef=\"Sig_Alarm\" />"))
                    + eventSubprocess(
                        "Error",
                        start("Error", "", "<bpmn:errorEventDefinition errorRef=\"Err_Card\" />"))
                    + eventSubprocess(
                        "Escalation",
                        start(
                            "Escalation",
                            "isInterrupting=\"false\"",
                            "<bpmn:escalationEventDefinition escalationRef=\"Esc_Late\" />"))));

    ExecutableFlowScope timer = process.element("Timer", ExecutableFlowScope.class);
    assertThat(timer.type()).isEqualTo(BpmnElementType.EVENT_SUB_PROCESS);
    assertThat(timer.eventType()).isEqualTo(BpmnEventType.UNSPECIFIED);
    assertThat(timer.flowScopeId()).isNull();
    assertThat(timer.subProcessStartEvent().id()).isEqualTo("Timer_start");
    assertThat(process.processElement().eventSubprocessStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly(
            "Timer_start", "Message_start", "Signal_start", "Error_start", "Escalation_start");
    assertThat(process.processElement().eventSubprocessStartEvents())
        .extracting(ExecutableCatchEvent::interrupting)
        .containsExactly(false, true, false, true, false);
    assertThat(process.processElement().eventSubprocessStartEvents())
        .extracting(ExecutableElement::eventType)
        .containsExactly(
            BpmnEventType.TIMER,
            BpmnEventType.MESSAGE,
            BpmnEventType.SIGNAL,
            BpmnEventType.ERROR,
            BpmnEventType.ESCALATION);

    ExecutableCatchEvent message = process.element("Message_start", ExecutableCatchEvent.class);
    assertThat(message.flowScopeId()).isEqualTo("Message");
    assertThat(message.messageDefinition().name()).isEqualTo(new Expression("cancel", false));
    assertThat(message.messageDefinition().correlationKey().source()).isEqualTo("orderId");
    assertThat(
            process
                .element("Error_start", ExecutableCatchEvent.class)
                .errorDefinition()
                .errorCode())
        .isEqualTo(new Expression("INVALID_CARD", false));
    assertThat(
            process
                .element("Escalation_start", ExecutableCatchEvent.class)
                .escalationDefinition()
                .code())
        .isEqualTo(new Expression("LATE", false));

    // none of them is a start event of the process
    assertThat(process.noneStartEvent().id()).isEqualTo("s");
    assertThat(process.timerStartEvents()).isEmpty();
    assertThat(process.messageStartEvents()).isEmpty();
    assertThat(process.signalStartEvents()).isEmpty();
  }

  @Test
  void buildsAnEventSubprocessInsideAnEmbeddedSubprocess() {
    ExecutableProcess process =
        transform(
            process(
                """
        <bpmn:subProcess id="Sub">
          <bpmn:startEvent id="Sub_s" />
          <bpmn:endEvent id="Sub_e" />
          <bpmn:sequenceFlow id="Sub_f" sourceRef="Sub_s" targetRef="Sub_e" />
        """
                    + eventSubprocess(
                        "Inner",
                        start(
                            "Inner",
                            "",
                            "<bpmn:timerEventDefinition><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition>"))
                    + """
        </bpmn:subProcess>
        """));

    ExecutableFlowScope sub = process.element("Sub", ExecutableFlowScope.class);
    assertThat(sub.subProcessStartEvent().id()).isEqualTo("Sub_s");
    assertThat(sub.eventSubprocessStartEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("Inner_start");
    assertThat(process.element("Inner").flowScopeId()).isEqualTo("Sub");
    assertThat(process.element("Inner_end").flowScopeId()).isEqualTo("Inner");
    assertThat(process.processElement().eventSubprocessStartEvents()).isEmpty();
  }

  @Test
  void rejectsANonInterruptingErrorStartEvent() {
    assertThat(
            rejectionLines(
                process(
                    eventSubprocess(
                        "Error",
                        start(
                            "Error",
                            "isInterrupting=\"false\"",
                            "<bpmn:errorEventDefinition errorRef=\"Err_Card\" />")))))
        .contains(
            "'esp.bpmn': element 'Error' (subProcess): Non-Interrupting event of this type is not allowed");
  }

  @Test
  void rejectsAnInterruptingTimerCycle() {
    assertThat(
            rejectionLines(
                process(
                    eventSubprocess(
                        "Timer",
                        start(
                            "Timer",
                            "",
                            "<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>")))))
        .contains(
            "'esp.bpmn': element 'Timer' (subProcess): Interrupting timer event with time cycle is not allowed.");
  }

  @Test
  void rejectsANoneStartEvent() {
    assertThat(rejectionLines(process(eventSubprocess("None", start("None", "", "")))))
        .contains(
            "'esp.bpmn': element 'None' (subProcess): "
                + "Start events in event subprocesses must be one of: message, timer, error, signal or escalation");
  }

  @Test
  void rejectsMoreThanOneStartEvent() {
    assertThat(
            rejectionLines(
                process(
                    """
        <bpmn:subProcess id="Two" triggeredByEvent="true">
          <bpmn:startEvent id="Two_a"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:startEvent>
          <bpmn:startEvent id="Two_b"><bpmn:errorEventDefinition errorRef="Err_Card" /></bpmn:startEvent>
          <bpmn:endEvent id="Two_end" />
          <bpmn:sequenceFlow id="Two_f1" sourceRef="Two_a" targetRef="Two_end" />
          <bpmn:sequenceFlow id="Two_f2" sourceRef="Two_b" targetRef="Two_end" />
        </bpmn:subProcess>
        """)))
        .contains("'esp.bpmn': element 'Two' (subProcess): Must have exactly one start event");
  }

  @Test
  void rejectsTwoEventSubprocessesForTheSameErrorCodeOrMessage() {
    List<String> lines =
        rejectionLines(
            process(
                eventSubprocess(
                        "E1",
                        start("E1", "", "<bpmn:errorEventDefinition errorRef=\"Err_Card\" />"))
                    + eventSubprocess(
                        "E2",
                        start("E2", "", "<bpmn:errorEventDefinition errorRef=\"Err_Card\" />"))
                    + eventSubprocess(
                        "M1",
                        start(
                            "M1", "", "<bpmn:messageEventDefinition messageRef=\"Msg_Cancel\" />"))
                    + eventSubprocess(
                        "M2",
                        start(
                            "M2",
                            "isInterrupting=\"false\"",
                            "<bpmn:messageEventDefinition messageRef=\"Msg_Cancel_Too\" />"))));
    assertThat(lines)
        .contains(
            "'esp.bpmn': element 'p' (process): Multiple error catch events with the same error code 'INVALID_CARD' are not supported on the same scope.",
            "'esp.bpmn': element 'p' (process): Multiple message event definitions with the same name 'cancel' are not allowed.");
  }

  @Test
  void rejectsAMessageStartEventWithoutCorrelationKey() {
    assertThat(
            rejectionLines(
                process(
                    eventSubprocess(
                        "M",
                        start(
                            "M", "", "<bpmn:messageEventDefinition messageRef=\"Msg_NoKey\" />")))))
        .contains(
            "'esp.bpmn': element 'Msg_NoKey' (message): Must have exactly one zeebe:subscription extension element");
  }

  @Test
  void rejectsIncomingSequenceFlowsAndUnsupportedElementsInside() {
    List<String> lines =
        rejectionLines(
            process(
                """
        <bpmn:subProcess id="Esp" triggeredByEvent="true">
          <bpmn:startEvent id="Esp_start"><bpmn:signalEventDefinition signalRef="Sig_Alarm" /></bpmn:startEvent>
          <bpmn:intermediateCatchEvent id="Esp_gateway">
            <bpmn:conditionalEventDefinition>
              <bpmn:condition xsi:type="bpmn:tFormalExpression">=x &gt; 1</bpmn:condition>
            </bpmn:conditionalEventDefinition>
          </bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="Esp_end" />
          <bpmn:sequenceFlow id="Esp_f1" sourceRef="Esp_start" targetRef="Esp_gateway" />
          <bpmn:sequenceFlow id="Esp_f2" sourceRef="Esp_gateway" targetRef="Esp_end" />
        </bpmn:subProcess>
        """));
    assertThat(lines)
        .contains(
            "'esp.bpmn': element 'Esp_gateway' (intermediateCatchEvent): An intermediate catch event with 'conditionalEventDefinition' is not supported by this engine yet");
  }

  @Test
  void errorAndEscalationStartEventsStayUnsupportedOutsideEventSubprocesses() {
    byte[] xml =
        ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:error id="Err" errorCode="E" />
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="X"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:startEvent>
          </bpmn:process>
        </bpmn:definitions>
        """)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(rejectionLines(xml))
        .contains(
            "'esp.bpmn': element 'X' (startEvent): A start event with 'errorEventDefinition' is not supported by this engine yet");
  }
}

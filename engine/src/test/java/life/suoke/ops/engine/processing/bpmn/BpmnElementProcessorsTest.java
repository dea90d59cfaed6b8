package life.suoke.ops.engine.processing.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.model.ExecutableAdHocSubProcess;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.processing.EngineListener;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionBehavior;
import org.junit.jupiter.api.Test;

/** The registry of element processors, built as the engine builds it, without a database. */
class BpmnElementProcessorsTest {

  private static final EngineListener NO_LISTENER =
      new EngineListener() {
        @Override
        public void jobsAvailable(String type) {}

        @Override
        public void processInstanceCompleted(
            long processInstanceKey, Map<String, Object> variables) {}

        @Override
        public void processInstanceTerminated(long processInstanceKey) {}

        @Override
        public void userTaskTransitionEnded(long userTaskKey, Rejection rejection) {}
      };

  private final BpmnElementProcessors processors =
      new BpmnElementLifecycle(new ExpressionBehavior(Clock.systemUTC()), NO_LISTENER).processors();

  @Test
  void everyElementTypeButTheSequenceFlowHasAProcessor() {
    Set<BpmnElementType> expected = EnumSet.allOf(BpmnElementType.class);
    expected.remove(BpmnElementType.SEQUENCE_FLOW);
    assertThat(processors.types()).containsExactlyInAnyOrderElementsOf(expected);
    for (BpmnElementType type : expected) {
      assertThat(processors.get(type)).as(type.name()).isNotNull();
    }
    assertThatThrownBy(() -> processors.get(BpmnElementType.SEQUENCE_FLOW))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyElementTheTransformerProducesHasAProcessor() {
    ExecutableProcess process =
        new BpmnTransformer()
            .transform("all.bpmn", ALL_ELEMENTS).stream()
                .filter(candidate -> candidate.bpmnProcessId().equals("p"))
                .findFirst()
                .orElseThrow();
    Set<BpmnElementType> produced = EnumSet.noneOf(BpmnElementType.class);
    produced.add(process.processElement().type());
    for (ExecutableElement element : process.elements().values()) {
      produced.add(element.type());
      if (element instanceof ExecutableMultiInstanceBody body) {
        produced.add(body.innerActivity().type());
      }
      if (element instanceof ExecutableAdHocSubProcess adHoc) {
        produced.add(adHoc.adHocSubProcess().innerInstance().type());
      }
    }
    Set<BpmnElementType> everyInstanceType = EnumSet.allOf(BpmnElementType.class);
    everyInstanceType.remove(BpmnElementType.SEQUENCE_FLOW);
    assertThat(produced).containsExactlyInAnyOrderElementsOf(everyInstanceType);
    for (BpmnElementType type : produced) {
      assertThat(processors.get(type)).as(type.name()).isNotNull();
    }
  }

  @Test
  void onlyTheMultiInstanceBodyTakesPartInItsChildrensLifecycle() {
    for (BpmnElementType type : processors.types()) {
      assertThat(processors.container(type) != null)
          .as(type.name())
          .isEqualTo(type == BpmnElementType.MULTI_INSTANCE_BODY);
    }
  }

  @Test
  void multiInstanceBodiesAndAdHocSubprocessesDecideThemselvesWhenTheyComplete() {
    for (BpmnElementType type : processors.types()) {
      assertThat(processors.get(type).completesWhenEmpty())
          .as(type.name())
          .isEqualTo(
              type != BpmnElementType.MULTI_INSTANCE_BODY
                  && type != BpmnElementType.AD_HOC_SUB_PROCESS);
    }
  }

  /** A process with every kind of element the engine runs. */
  private static final byte[] ALL_ELEMENTS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
        <bpmn:message id="m" name="msg">
          <bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements>
        </bpmn:message>
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="service" />
          <bpmn:serviceTask id="service">
            <bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:boundaryEvent id="late" attachedToRef="service">
            <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:sequenceFlow id="f-late" sourceRef="late" targetRef="late-end" />
          <bpmn:endEvent id="late-end" />
          <bpmn:sequenceFlow id="f2" sourceRef="service" targetRef="user" />
          <bpmn:userTask id="user">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f3" sourceRef="user" targetRef="script" />
          <bpmn:scriptTask id="script">
            <bpmn:extensionElements>
              <zeebe:script expression="=1 + 1" resultVariable="two" />
            </bpmn:extensionElements>
          </bpmn:scriptTask>
          <bpmn:sequenceFlow id="f4" sourceRef="script" targetRef="rule" />
          <bpmn:businessRuleTask id="rule">
            <bpmn:extensionElements>
              <zeebe:calledDecision decisionId="d" resultVariable="decided" />
            </bpmn:extensionElements>
          </bpmn:businessRuleTask>
          <bpmn:sequenceFlow id="f5" sourceRef="rule" targetRef="receive" />
          <bpmn:receiveTask id="receive" messageRef="m" />
          <bpmn:sequenceFlow id="f6" sourceRef="receive" targetRef="call" />
          <bpmn:callActivity id="call">
            <bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements>
          </bpmn:callActivity>
          <bpmn:sequenceFlow id="f7" sourceRef="call" targetRef="send" />
          <bpmn:sendTask id="send">
            <bpmn:extensionElements><zeebe:taskDefinition type="send" /></bpmn:extensionElements>
          </bpmn:sendTask>
          <bpmn:sequenceFlow id="f8" sourceRef="send" targetRef="manual" />
          <bpmn:manualTask id="manual" />
          <bpmn:sequenceFlow id="f9" sourceRef="manual" targetRef="undefined" />
          <bpmn:task id="undefined" />
          <bpmn:sequenceFlow id="f10" sourceRef="undefined" targetRef="exclusive" />
          <bpmn:exclusiveGateway id="exclusive" />
          <bpmn:sequenceFlow id="f11" sourceRef="exclusive" targetRef="parallel" />
          <bpmn:parallelGateway id="parallel" />
          <bpmn:sequenceFlow id="f12" sourceRef="parallel" targetRef="inclusive" />
          <bpmn:inclusiveGateway id="inclusive" />
          <bpmn:sequenceFlow id="f13" sourceRef="inclusive" targetRef="event-based" />
          <bpmn:eventBasedGateway id="event-based">
            <bpmn:outgoing>f14</bpmn:outgoing>
            <bpmn:outgoing>f15</bpmn:outgoing>
          </bpmn:eventBasedGateway>
          <bpmn:sequenceFlow id="f14" sourceRef="event-based" targetRef="timer" />
          <bpmn:sequenceFlow id="f15" sourceRef="event-based" targetRef="message" />
          <bpmn:intermediateCatchEvent id="timer">
            <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="message">
            <bpmn:messageEventDefinition messageRef="m" />
          </bpmn:intermediateCatchEvent>
          <bpmn:sequenceFlow id="f16" sourceRef="message" targetRef="message-end" />
          <bpmn:endEvent id="message-end" />
          <bpmn:sequenceFlow id="f17" sourceRef="timer" targetRef="throw" />
          <bpmn:intermediateThrowEvent id="throw" />
          <bpmn:sequenceFlow id="f18" sourceRef="throw" targetRef="sub" />
          <bpmn:subProcess id="sub">
            <bpmn:multiInstanceLoopCharacteristics>
              <bpmn:extensionElements>
                <zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="item" />
              </bpmn:extensionElements>
            </bpmn:multiInstanceLoopCharacteristics>
            <bpmn:startEvent id="sub-start" />
            <bpmn:sequenceFlow id="f19" sourceRef="sub-start" targetRef="sub-end" />
            <bpmn:endEvent id="sub-end" />
          </bpmn:subProcess>
          <bpmn:sequenceFlow id="f20" sourceRef="sub" targetRef="ad-hoc" />
          <bpmn:adHocSubProcess id="ad-hoc">
            <bpmn:task id="ad-hoc-task" />
          </bpmn:adHocSubProcess>
          <bpmn:sequenceFlow id="f21" sourceRef="ad-hoc" targetRef="end" />
          <bpmn:endEvent id="end" />
          <bpmn:subProcess id="on-timer" triggeredByEvent="true">
            <bpmn:startEvent id="on-timer-start">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f22" sourceRef="on-timer-start" targetRef="on-timer-end" />
            <bpmn:endEvent id="on-timer-end" />
          </bpmn:subProcess>
        </bpmn:process>
      </bpmn:definitions>
      """
          .getBytes(StandardCharsets.UTF_8);
}

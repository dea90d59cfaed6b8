package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each element becomes the executable type of its kind, with what that kind needs and no more. */
class ExecutableElementKindsTest {

  private static ExecutableProcess transform(BpmnModelInstance model) {
    return new BpmnTransformer()
        .transform("kinds.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8))
        .get(0);
  }

  private static final ExecutableProcess PROCESS =
      transform(
          Bpmn.createExecutableProcess("kinds")
              .startEvent("start")
              .serviceTask("service", t -> t.zeebeJobType("work"))
              .sendTask("send", t -> t.zeebeJobType("send"))
              .userTask("camunda", t -> t.zeebeUserTask().zeebeAssignee("demo"))
              .userTask("jobWorker")
              .scriptTask("feel", t -> t.zeebeExpression("1 + 1").zeebeResultVariable("two"))
              .scriptTask("scriptJob", t -> t.zeebeJobType("script"))
              .businessRuleTask(
                  "decide", t -> t.zeebeCalledDecisionId("d").zeebeResultVariable("r"))
              .businessRuleTask("ruleJob", t -> t.zeebeJobType("rules"))
              .receiveTask("receive")
              .message(m -> m.name("m").zeebeCorrelationKeyExpression("k"))
              .callActivity("call", c -> c.zeebeProcessId("child"))
              .manualTask("manual")
              .exclusiveGateway("exclusive")
              .defaultFlow()
              .parallelGateway("fork")
              .subProcess("sub", s -> s.embeddedSubProcess().startEvent("subStart").endEvent())
              .inclusiveGateway("inclusive")
              .eventBasedGateway("events")
              .intermediateCatchEvent("timer", e -> e.timerWithDuration("PT1M"))
              .intermediateThrowEvent("signal", e -> e.signal("s"))
              .endEvent("end")
              .moveToNode("events")
              .intermediateCatchEvent(
                  "message", e -> e.message(m -> m.name("n").zeebeCorrelationKey("=k")))
              .endEvent("end2", e -> e.message("x").zeebeJobType("publish"))
              .moveToActivity("service")
              .boundaryEvent("late", b -> b.cancelActivity(false).timerWithDuration("PT5M"))
              .endEvent("lateEnd")
              .done());

  @Test
  void eachElementIsOfItsKind() {
    Map<String, Class<? extends ExecutableElement>> expected = new LinkedHashMap<>();
    expected.put("kinds", ExecutableFlowScope.class);
    expected.put("start", ExecutableCatchEvent.class);
    expected.put("service", ExecutableJobWorkerTask.class);
    expected.put("send", ExecutableJobWorkerTask.class);
    expected.put("camunda", ExecutableUserTask.class);
    expected.put("jobWorker", ExecutableJobWorkerTask.class);
    expected.put("feel", ExecutableScriptTask.class);
    expected.put("scriptJob", ExecutableJobWorkerTask.class);
    expected.put("decide", ExecutableBusinessRuleTask.class);
    expected.put("ruleJob", ExecutableJobWorkerTask.class);
    expected.put("receive", ExecutableReceiveTask.class);
    expected.put("call", ExecutableCallActivity.class);
    expected.put("manual", ExecutableActivity.class);
    expected.put("exclusive", ExecutableGateway.class);
    expected.put("fork", ExecutableGateway.class);
    expected.put("sub", ExecutableFlowScope.class);
    expected.put("subStart", ExecutableCatchEvent.class);
    expected.put("inclusive", ExecutableGateway.class);
    expected.put("events", ExecutableEventBasedGateway.class);
    expected.put("timer", ExecutableCatchEvent.class);
    expected.put("signal", ExecutableThrowEvent.class);
    expected.put("end", ExecutableThrowEvent.class);
    expected.put("end2", ExecutableThrowEvent.class);
    expected.put("late", ExecutableBoundaryEvent.class);
    expected.forEach(
        (id, kind) -> assertThat(PROCESS.element(id).getClass()).as(id).isEqualTo(kind));
  }

  @Test
  void eachKindCarriesItsOwnParts() {
    assertThat(PROCESS.element("service", ExecutableJobWorkerTask.class).jobDefinition().type())
        .isEqualTo(new Expression("work", false));
    assertThat(PROCESS.element("jobWorker", ExecutableJobWorkerTask.class).jobDefinition().type())
        .isEqualTo(new Expression("io.camunda.zeebe:userTask", false));
    assertThat(PROCESS.element("camunda", ExecutableUserTask.class).userTaskDefinition().assignee())
        .isEqualTo(new Expression("demo", false));
    assertThat(PROCESS.element("feel", ExecutableScriptTask.class).resultVariable())
        .isEqualTo("two");
    assertThat(PROCESS.element("decide", ExecutableBusinessRuleTask.class).calledDecision())
        .extracting(CalledDecision::resultVariable)
        .isEqualTo("r");
    assertThat(PROCESS.element("receive", ExecutableReceiveTask.class).messageDefinition().name())
        .isEqualTo(new Expression("m", false));
    assertThat(PROCESS.element("call", ExecutableCallActivity.class).calledElement().processId())
        .isEqualTo(new Expression("child", false));
    assertThat(PROCESS.element("exclusive", ExecutableGateway.class).defaultFlowId())
        .isEqualTo(PROCESS.element("exclusive").outgoing().get(0).id());
    assertThat(PROCESS.element("fork", ExecutableGateway.class).defaultFlowId()).isNull();
    assertThat(PROCESS.element("sub", ExecutableFlowScope.class).subProcessStartEvent().id())
        .isEqualTo("subStart");
    assertThat(PROCESS.element("events", ExecutableEventBasedGateway.class).eventBasedTargets())
        .extracting(ExecutableElement::id)
        .containsExactly("timer", "message");
    assertThat(PROCESS.element("message", ExecutableCatchEvent.class).eventBasedGatewayId())
        .isEqualTo("events");
    assertThat(PROCESS.element("end2", ExecutableThrowEvent.class).jobDefinition().type())
        .isEqualTo(new Expression("publish", false));
    assertThat(PROCESS.element("end", ExecutableThrowEvent.class).jobDefinition()).isNull();
    ExecutableBoundaryEvent late = PROCESS.element("late", ExecutableBoundaryEvent.class);
    assertThat(late.attachedToId()).isEqualTo("service");
    assertThat(late.interrupting()).isFalse();
    assertThat(PROCESS.element("service", ExecutableActivity.class).boundaryEvents())
        .containsExactly(late);
  }

  @Test
  void onlyTheTransformerChangesThem() {
    ExecutableActivity service = PROCESS.element("service", ExecutableActivity.class);
    assertThatThrownBy(() -> service.boundaryEvents().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> service.outgoing().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> service.inputMappings().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> PROCESS.processElement().eventSubprocessStartEvents().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> PROCESS.element("service", ExecutableUserTask.class))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("ExecutableJobWorkerTask")
        .hasMessageContaining("ExecutableUserTask");
  }
}

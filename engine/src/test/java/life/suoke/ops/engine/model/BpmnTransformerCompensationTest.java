package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compensation boundary events, handlers and compensation throw and end events in the transformer.
 */
class BpmnTransformerCompensationTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  private static byte[] xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  private List<String> rejectionLines(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("c.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  @Test
  void boundaryEventNamesItsHandlerAndThrowEventsTheirActivity() {
    ExecutableProcess process =
        transformer
            .transform(
                "c.bpmn",
                xml(
                    Bpmn.createExecutableProcess("p")
                        .startEvent()
                        .serviceTask(
                            "a",
                            t ->
                                t.zeebeJobType("a")
                                    .boundaryEvent(
                                        "a-comp",
                                        b ->
                                            b.compensation(
                                                c -> c.serviceTask("undo-a").zeebeJobType("undo"))))
                        .intermediateThrowEvent(
                            "only-a", e -> e.compensateEventDefinition().activityRef("a"))
                        .endEvent("all", e -> e.compensateEventDefinition())
                        .done()))
            .get(0);

    ExecutableBoundaryEvent boundary = process.element("a-comp", ExecutableBoundaryEvent.class);
    assertThat(boundary.eventType()).isEqualTo(BpmnEventType.COMPENSATION);
    assertThat(boundary.compensationHandlerId()).isEqualTo("undo-a");
    assertThat(process.element("a", ExecutableActivity.class).compensationBoundaryEvent())
        .isSameAs(boundary);
    assertThat(process.element("undo-a").eventType()).isEqualTo(BpmnEventType.COMPENSATION);
    assertThat(process.element("undo-a", ExecutableJobWorkerTask.class).jobDefinition())
        .isNotNull();
    assertThat(process.element("only-a").eventType()).isEqualTo(BpmnEventType.COMPENSATION);
    assertThat(process.element("only-a", ExecutableThrowEvent.class).compensationActivityId())
        .isEqualTo("a");
    assertThat(process.element("all", ExecutableThrowEvent.class).compensationActivityId())
        .isNull();
  }

  @Test
  void aMultiInstanceActivityKeepsItsCompensationBoundaryEventOnTheBody() {
    ExecutableProcess process =
        transformer
            .transform(
                "c.bpmn",
                xml(
                    Bpmn.createExecutableProcess("p")
                        .startEvent()
                        .serviceTask(
                            "a",
                            t ->
                                t.zeebeJobType("a")
                                    .multiInstance(m -> m.zeebeInputCollectionExpression("items"))
                                    .boundaryEvent(
                                        "a-comp",
                                        b ->
                                            b.compensation(
                                                c -> c.serviceTask("undo-a").zeebeJobType("undo"))))
                        .endEvent()
                        .done()))
            .get(0);
    assertThat(process.element("a").type()).isEqualTo(BpmnElementType.MULTI_INSTANCE_BODY);
    assertThat(process.element("a", ExecutableActivity.class).compensationBoundaryEvent().id())
        .isEqualTo("a-comp");
  }

  @Test
  void zeebesValidatorsRejectABoundaryEventWithoutHandler() {
    assertThat(
            rejectionLines(
                xml(
                    Bpmn.createExecutableProcess("p")
                        .startEvent()
                        .serviceTask(
                            "a",
                            t ->
                                t.zeebeJobType("a")
                                    .boundaryEvent("comp", b -> b.compensateEventDefinition()))
                        .moveToActivity("a")
                        .endEvent()
                        .done())))
        .contains(
            "'c.bpmn': element 'comp' (boundaryEvent): "
                + "Compensation boundary events must have a compensation association and no outgoing sequence flows");
  }
}

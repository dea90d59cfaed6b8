package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code zeebe:executionListeners} are read in modelling order; task listeners too, {@code
 * canceling} ones included.
 */
class BpmnTransformerListenerTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  @Test
  void executionListenersOfTheProcessAndItsElementsAreReadInOrder() {
    byte[] xml =
        BpmnResources.definitions(
            "",
            """
        <bpmn:startEvent id="s" />
        <bpmn:serviceTask id="T">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="work" />
            <zeebe:executionListeners>
              <zeebe:executionListener eventType="start" type="audit-in" retries="5" />
              <zeebe:executionListener eventType="end" type="=&quot;audit-&quot; + kind" />
              <zeebe:executionListener eventType="start" type="prepare" retries="=tries" />
            </zeebe:executionListeners>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="T" />
        """);
    ExecutableElement task = transformer.transform("l.bpmn", xml).get(0).element("T");

    assertThat(task.executionListeners(ExecutionListener.EventType.START))
        .extracting(l -> l.type().source(), l -> l.retries().source())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("audit-in", "5"),
            org.assertj.core.groups.Tuple.tuple("prepare", "tries"));
    ExecutionListener end = task.executionListeners(ExecutionListener.EventType.END).get(0);
    assertThat(end.type().feel()).isTrue();
    assertThat(end.retries().source()).as("retries default to 3").isEqualTo("3");
  }

  @Test
  void cancelingTaskListenersAreAcceptedUnderBothNames() {
    byte[] xml =
        BpmnResources.definitions(
            "",
            """
        <bpmn:startEvent id="s" />
        <bpmn:userTask id="X">
          <bpmn:extensionElements>
            <zeebe:userTask />
            <zeebe:taskListeners><zeebe:taskListener eventType="canceling" type="c" /><zeebe:taskListener eventType="cancel" type="d" /></zeebe:taskListeners>
          </bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="X" />
        """);
    ExecutableUserTask task =
        transformer.transform("t.bpmn", xml).get(0).element("X", ExecutableUserTask.class);

    assertThat(task.taskListeners(TaskListener.EventType.CANCELING))
        .extracting(l -> l.type().source())
        .containsExactly("c", "d");
  }
}

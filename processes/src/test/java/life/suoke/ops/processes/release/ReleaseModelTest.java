package life.suoke.ops.processes.release;

import static life.suoke.ops.processes.ModelChecks.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The release diagram as a file: a shape for every flow node, an orthogonal edge for every sequence
 * flow with its ends on its shapes' borders, no two shapes on top of each other (but a boundary
 * event on its task and the steps inside their subprocess), and the ids and job types of {@link
 * ReleaseProcess} present.
 */
class ReleaseModelTest {

  private final BpmnModelInstance model =
      Bpmn.readModelFromStream(resource(ReleaseProcess.RESOURCE));
  private final Map<String, Bounds> shapes = new HashMap<>();

  ReleaseModelTest() {
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
    }
  }

  @Test
  void everyNodeHasAShapeAndNothingOverlaps() {
    List<FlowNode> nodes = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
    for (FlowNode node : nodes) {
      assertThat(shapes).as("shape of %s", node.getId()).containsKey(node.getId());
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        FlowNode a = nodes.get(i);
        FlowNode b = nodes.get(j);
        if (attached(a, b)
            || attached(b, a)
            || a instanceof SubProcess
            || b instanceof SubProcess) {
          continue;
        }
        assertThat(overlap(shapes.get(a.getId()), shapes.get(b.getId())))
            .as("%s and %s overlap", a.getId(), b.getId())
            .isFalse();
      }
    }
    Bounds subprocess = shapes.get(ReleaseProcess.SHIFT_TRAFFIC);
    SubProcess shift = model.getModelElementById(ReleaseProcess.SHIFT_TRAFFIC);
    for (FlowNode inner : shift.getChildElementsByType(FlowNode.class)) {
      assertThat(inside(shapes.get(inner.getId()), subprocess))
          .as("%s inside the subprocess", inner.getId())
          .isTrue();
    }
  }

  private static boolean attached(FlowNode event, FlowNode task) {
    return event instanceof BoundaryEvent boundary
        && boundary.getAttachedTo().getId().equals(task.getId());
  }

  @Test
  void everyFlowIsDrawnOrthogonallyBetweenItsShapes() {
    Map<String, BpmnEdge> edges = new HashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.put(edge.getBpmnElement().getId(), edge);
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      BpmnEdge edge = edges.get(flow.getId());
      assertThat(edge).as("edge of %s", flow.getId()).isNotNull();
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      Waypoint first = points.get(0);
      Waypoint last = points.get(points.size() - 1);
      assertThat(onBorder(first.getX(), first.getY(), shapes.get(flow.getSource().getId())))
          .as("%s starts on its source", flow.getId())
          .isTrue();
      assertThat(onBorder(last.getX(), last.getY(), shapes.get(flow.getTarget().getId())))
          .as("%s ends on its target", flow.getId())
          .isTrue();
      for (int i = 1; i < points.size(); i++) {
        boolean orthogonal =
            Math.abs(points.get(i).getX() - points.get(i - 1).getX()) < TOLERANCE
                || Math.abs(points.get(i).getY() - points.get(i - 1).getY()) < TOLERANCE;
        assertThat(orthogonal).as("%s segment %d orthogonal", flow.getId(), i).isTrue();
      }
    }
  }

  @Test
  void theConstantsNameWhatIsInTheFile() throws IllegalAccessException {
    Set<String> ids = new TreeSet<>();
    model.getModelElementsByType(BaseElement.class).stream()
        .filter(e -> e.getId() != null)
        .forEach(e -> ids.add(e.getId()));
    Set<String> jobTypes = new TreeSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      jobTypes.add(task.getSingleExtensionElement(ZeebeTaskDefinition.class).getType());
    }
    Set<String> jobConstants =
        new TreeSet<>(constants(ReleaseProcess.class, name -> name.startsWith("JOB_")).values());
    assertThat(jobTypes).isEqualTo(jobConstants);
    Set<String> notElements =
        Set.of("RESOURCE", "DECIDE_FORM", "PROCESS_ID", "GROUP_RELEASE_MANAGERS");
    Map<String, String> elements =
        constants(
            ReleaseProcess.class,
            name ->
                !name.startsWith("JOB_")
                    && !name.startsWith("VAR_")
                    && !name.startsWith("MESSAGE_")
                    && !name.startsWith("HEADER_")
                    && !name.startsWith("OUTCOME_")
                    && !name.startsWith("VERDICT_")
                    && !name.startsWith("DECISION_")
                    && !notElements.contains(name));
    assertThat(ids).containsAll(elements.values());
  }
}

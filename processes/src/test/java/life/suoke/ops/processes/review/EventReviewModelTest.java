package life.suoke.ops.processes.review;

import static life.suoke.ops.processes.ModelChecks.*;
import static life.suoke.ops.processes.review.EventReviewProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The files of the event review as files: Camunda 8.8 dialect, the diagram renders in Camunda
 * Modeler (a shape for every flow node, an edge for every sequence flow, orthogonal, nothing
 * overlapping), the names are those of {@link EventReviewProcess}, and the forms bind the process's
 * variables.
 */
class EventReviewModelTest {

  private final BpmnModelInstance model = Bpmn.readModelFromStream(resource(RESOURCE));
  private final Map<String, Bounds> shapes = new HashMap<>();

  EventReviewModelTest() {
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
    }
  }

  @Test
  void isCamunda88Dialect() throws IOException {
    String xml = new String(resource(RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "modeler:executionPlatform=\"Camunda Cloud\"",
            "modeler:executionPlatformVersion=\"8.8.0\"");
    assertThat((Object) model.getModelElementById(PROCESS_ID)).isNotNull();
  }

  @Test
  void everyFlowNodeHasAShapeAndEverySequenceFlowAnOrthogonalEdge() {
    List<String> missing = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!shapes.containsKey(node.getId())) {
        missing.add(node.getId());
      }
    }
    assertThat(missing).as("flow nodes without a shape").isEmpty();
    for (SubProcess subProcess : model.getModelElementsByType(SubProcess.class)) {
      BpmnShape shape =
          model.getModelElementsByType(BpmnShape.class).stream()
              .filter(s -> s.getBpmnElement().getId().equals(subProcess.getId()))
              .findFirst()
              .orElseThrow();
      assertThat(shape.isExpanded()).as("%s is drawn expanded", subProcess.getId()).isTrue();
    }
    Map<String, BpmnEdge> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), e -> e));
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      BpmnEdge edge = edges.get(flow.getId());
      assertThat(edge).as("edge of %s", flow.getId()).isNotNull();
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      assertThat(points).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              onBorder(
                  points.get(0).getX(), points.get(0).getY(), shapes.get(flow.getSource().getId())))
          .as("%s starts on the border of %s", flow.getId(), flow.getSource().getId())
          .isTrue();
      Waypoint last = points.get(points.size() - 1);
      assertThat(onBorder(last.getX(), last.getY(), shapes.get(flow.getTarget().getId())))
          .as("%s ends on the border of %s", flow.getId(), flow.getTarget().getId())
          .isTrue();
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY()))
            .as("%s is drawn with horizontal and vertical segments", flow.getId())
            .isTrue();
      }
    }
  }

  @Test
  void shapesStayInsideTheirSubprocessAndDoNotOverlap() {
    Map<String, List<FlowNode>> byParent = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      Bounds bounds = shapes.get(node.getId());
      if (node instanceof BoundaryEvent boundary) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        assertThat(
                onBorder(
                    bounds.getX() + bounds.getWidth() / 2,
                    bounds.getY() + bounds.getHeight() / 2,
                    host))
            .as("%s sits on the border of %s", node.getId(), boundary.getAttachedTo().getId())
            .isTrue();
        continue;
      }
      if (node.getParentElement() instanceof SubProcess parent) {
        assertThat(inside(bounds, shapes.get(parent.getId())))
            .as("%s lies inside %s", node.getId(), parent.getId())
            .isTrue();
      }
      byParent
          .computeIfAbsent(node.getParentElement().getAttributeValue("id"), k -> new ArrayList<>())
          .add(node);
    }
    List<String> overlapping = new ArrayList<>();
    byParent
        .values()
        .forEach(
            siblings -> {
              for (int i = 0; i < siblings.size(); i++) {
                for (int j = i + 1; j < siblings.size(); j++) {
                  if (overlap(
                      shapes.get(siblings.get(i).getId()), shapes.get(siblings.get(j).getId()))) {
                    overlapping.add(siblings.get(i).getId() + " / " + siblings.get(j).getId());
                  }
                }
              }
            });
    assertThat(overlapping).as("overlapping shapes").isEmpty();
  }

  @Test
  void elementIdsOfTheContractExistInTheModel() throws IllegalAccessException {
    Predicate<String> element =
        name ->
            !(name.startsWith("VAR_")
                || name.startsWith("JOB_")
                || name.startsWith("STATE_")
                || name.startsWith("HEADER_")
                || name.startsWith("OUTCOME_")
                || name.endsWith("RESOURCE")
                || name.endsWith("_FORM")
                || name.equals("PROCESS_ID"));
    List<String> unknown = new ArrayList<>();
    constants(EventReviewProcess.class, element)
        .forEach(
            (name, id) -> {
              if ((Object) model.getModelElementById(id) == null) {
                unknown.add(name + " = " + id);
              }
            });
    assertThat(unknown).as("constants naming no element").isEmpty();
  }

  @Test
  void serviceTasksUseTheContractsJobTypesWithThreeRetries() throws IllegalAccessException {
    Set<String> jobTypes =
        Set.copyOf(constants(EventReviewProcess.class, name -> name.startsWith("JOB_")).values());
    Set<String> used = new TreeSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition.getType()).as("job type of %s", task.getId()).isIn(jobTypes);
      assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
      used.add(definition.getType());
    }
    assertThat(used).isEqualTo(new TreeSet<>(jobTypes));
  }

  @Test
  void userTasksAreCamundaUserTasksLinkedToTheirForms() {
    Map<String, String> forms =
        Map.of(
            START_TASK,
            START_FORM,
            ANALYSIS_TASK,
            ANALYSIS_FORM,
            ACTIONS_TASK,
            ACTIONS_FORM,
            APPROVE_TASK,
            APPROVE_FORM,
            ITEM_TASK,
            ACTION_ITEM_FORM,
            APPROVE_DUE_DATE_TASK,
            APPROVE_DUE_DATE_FORM,
            ACCEPT_NOT_DONE_TASK,
            ACCEPT_NOT_DONE_FORM);
    assertThat(model.getModelElementsByType(UserTask.class))
        .extracting(UserTask::getId)
        .containsExactlyInAnyOrderElementsOf(forms.keySet());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getSingleExtensionElement(ZeebeUserTask.class))
          .as("%s is a Camunda user task", task.getId())
          .isNotNull();
      assertThat(task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId())
          .isEqualTo(forms.get(task.getId()));
    }
  }

  @Test
  void formsBindTheProcessVariables() throws Exception {
    Set<String> variables =
        Set.copyOf(constants(EventReviewProcess.class, name -> name.startsWith("VAR_")).values());
    Set<String> itemFields = Set.of("title", "owner", "dueDate", "priority", "type");
    ObjectMapper json = new ObjectMapper();
    Set<String> formIds = new TreeSet<>();
    Set<String> bound = new TreeSet<>();
    for (String resource : RESOURCES.subList(1, RESOURCES.size())) {
      JsonNode schema = json.readTree(resource(resource));
      formIds.add(schema.path("id").asText());
      assertThat(schema.path("executionPlatformVersion").asText()).isEqualTo("8.8.0");
      for (JsonNode component : schema.path("components")) {
        if (component.has("key")) {
          assertThat(component.path("key").asText()).as("key in %s", resource).isIn(variables);
          bound.add(component.path("key").asText());
        }
        if ("dynamiclist".equals(component.path("type").asText())) {
          assertThat(component.path("path").asText()).isEqualTo(VAR_ACTION_ITEMS);
          bound.add(VAR_ACTION_ITEMS);
          List<String> keys = new ArrayList<>();
          component.path("components").forEach(c -> keys.add(c.path("key").asText()));
          assertThat(keys).containsExactlyInAnyOrderElementsOf(itemFields);
        }
      }
    }
    assertThat(formIds)
        .containsExactlyInAnyOrder(
            START_FORM,
            ANALYSIS_FORM,
            ACTIONS_FORM,
            APPROVE_FORM,
            ACTION_ITEM_FORM,
            APPROVE_DUE_DATE_FORM,
            ACCEPT_NOT_DONE_FORM);
    assertThat(bound)
        .contains(
            VAR_ROOT_CAUSE,
            VAR_CONTRIBUTING_FACTORS,
            VAR_IMPACT_USERS,
            VAR_IMPACT_DURATION_MINUTES,
            VAR_IMPACT_DATA,
            VAR_WENT_WELL,
            VAR_ACTION_ITEMS,
            VAR_APPROVED,
            VAR_ITEM_OUTCOME,
            VAR_NEW_DUE_DATE,
            VAR_ITEM_REASON,
            VAR_ACCEPTED,
            VAR_DUE_DATE_APPROVED);
  }

  // ----------------------------------------------------------------------------------------
  // helpers

}

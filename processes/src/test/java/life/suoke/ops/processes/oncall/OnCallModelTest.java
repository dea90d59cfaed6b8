package life.suoke.ops.processes.oncall;

import static life.suoke.ops.processes.ModelChecks.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The on-call files as files: each diagram opens cleanly in the modeler (Camunda 8.8 dialect, a
 * shape for every flow node inside its subprocess, an edge with horizontal and vertical segments
 * from border to border for every sequence flow, no overlapping shapes), the names the processes
 * use are those of their constants classes, and the handover forms bind the process's variables.
 */
class OnCallModelTest {

  private static Class<?> contract(String process) {
    return process.equals(OnCallEscalationProcess.PROCESS_ID)
        ? OnCallEscalationProcess.class
        : OnCallHandoverProcess.class;
  }

  private static String file(String process) {
    return process.equals(OnCallEscalationProcess.PROCESS_ID)
        ? OnCallEscalationProcess.RESOURCE
        : OnCallHandoverProcess.RESOURCE;
  }

  private static BpmnModelInstance model(String process) {
    return Bpmn.readModelFromStream(resource(file(process)));
  }

  @ParameterizedTest
  @ValueSource(strings = {OnCallEscalationProcess.PROCESS_ID, OnCallHandoverProcess.PROCESS_ID})
  void isCamunda88DialectAndDrawnCompletely(String process) throws Exception {
    String xml = new String(resource(file(process)).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "modeler:executionPlatform=\"Camunda Cloud\"",
            "modeler:executionPlatformVersion=\"8.8.0\"");
    BpmnModelInstance model = model(process);
    assertThat((Object) model.getModelElementById(process)).isNotNull();
    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
      if (shape.getBpmnElement() instanceof SubProcess) {
        assertThat(shape.isExpanded())
            .as("%s is drawn expanded", shape.getBpmnElement().getId())
            .isTrue();
      }
    }
    List<String> missing = new ArrayList<>();
    Map<String, List<FlowNode>> byParent = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      Bounds bounds = shapes.get(node.getId());
      if (bounds == null) {
        missing.add(node.getId());
        continue;
      }
      if (node instanceof BoundaryEvent boundary) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        assertThat(
                onBorder(
                    bounds.getX() + bounds.getWidth() / 2,
                    bounds.getY() + bounds.getHeight() / 2,
                    host))
            .as("%s sits on the border of its host", node.getId())
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
    assertThat(missing).as("flow nodes without a shape").isEmpty();
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

    Map<String, BpmnEdge> edges =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), e -> e));
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      BpmnEdge edge = edges.get(flow.getId());
      assertThat(edge).as("edge of %s", flow.getId()).isNotNull();
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      assertThat(points).hasSizeGreaterThanOrEqualTo(2);
      assertThat(
              onBorder(
                  points.get(0).getX(), points.get(0).getY(), shapes.get(flow.getSource().getId())))
          .as("%s starts on the border of its source", flow.getId())
          .isTrue();
      Waypoint last = points.get(points.size() - 1);
      assertThat(onBorder(last.getX(), last.getY(), shapes.get(flow.getTarget().getId())))
          .as("%s ends on the border of its target", flow.getId())
          .isTrue();
      for (int i = 1; i < points.size(); i++) {
        assertThat(
                points.get(i - 1).getX().equals(points.get(i).getX())
                    || points.get(i - 1).getY().equals(points.get(i).getY()))
            .as("%s is drawn with horizontal and vertical segments", flow.getId())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {OnCallEscalationProcess.PROCESS_ID, OnCallHandoverProcess.PROCESS_ID})
  void namesOfTheContractAreThoseOfTheModel(String process) throws Exception {
    BpmnModelInstance model = model(process);
    Class<?> contract = contract(process);
    Predicate<String> notAnElement =
        name ->
            name.startsWith("VAR_")
                || name.startsWith("JOB_")
                || name.startsWith("MESSAGE_")
                || name.startsWith("ERROR_")
                || name.startsWith("OUTCOME_")
                || name.startsWith("HEADER_")
                || name.startsWith("STAGE_")
                || name.endsWith("RESOURCE")
                || name.endsWith("_FORM")
                || name.endsWith("_GROUP")
                || name.equals("PROCESS_ID");
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> constant :
        constants(contract, notAnElement.negate()).entrySet()) {
      if ((Object) model.getModelElementById(constant.getValue()) == null) {
        unknown.add(constant.getKey() + " = " + constant.getValue());
      }
    }
    assertThat(unknown).as("constants naming no element").isEmpty();

    Set<String> jobTypes =
        new TreeSet<>(constants(contract, name -> name.startsWith("JOB_")).values());
    Set<String> used = new TreeSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
      used.add(definition.getType());
    }
    assertThat(used).as("job types").isEqualTo(jobTypes);

    Set<String> messages = new TreeSet<>();
    for (Message message : model.getModelElementsByType(Message.class)) {
      messages.add(message.getName());
      assertThat(message.getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey())
          .isEqualTo("=" + OnCallEscalationProcess.VAR_ESCALATION_KEY);
    }
    assertThat(messages)
        .isEqualTo(
            new TreeSet<>(constants(contract, name -> name.startsWith("MESSAGE_")).values()));
    String xml = new String(resource(file(process)).readAllBytes(), StandardCharsets.UTF_8);
    for (String error : constants(contract, name -> name.startsWith("ERROR_")).values()) {
      assertThat(xml).contains("errorCode=\"" + error + "\"");
    }
  }

  @Test
  void handoverTasksAreCamundaUserTasksWithFormsBindingTheProcessVariables() throws Exception {
    BpmnModelInstance model = model(OnCallHandoverProcess.PROCESS_ID);
    Map<String, String> forms =
        Map.of(
            OnCallHandoverProcess.WRITE_TASK,
            OnCallHandoverProcess.WRITE_FORM,
            OnCallHandoverProcess.ACKNOWLEDGE_TASK,
            OnCallHandoverProcess.ACKNOWLEDGE_FORM);
    assertThat(model.getModelElementsByType(UserTask.class))
        .extracting(UserTask::getId)
        .containsExactlyInAnyOrderElementsOf(forms.keySet());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getSingleExtensionElement(ZeebeUserTask.class)).isNotNull();
      assertThat(task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId())
          .isEqualTo(forms.get(task.getId()));
    }

    Set<String> variables =
        Set.copyOf(
            constants(OnCallHandoverProcess.class, name -> name.startsWith("VAR_")).values());
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> fields = new HashMap<>();
    Map<String, String> files =
        Map.of(
            OnCallHandoverProcess.WRITE_FORM_RESOURCE,
            OnCallHandoverProcess.WRITE_FORM,
            OnCallHandoverProcess.ACKNOWLEDGE_FORM_RESOURCE,
            OnCallHandoverProcess.ACKNOWLEDGE_FORM);
    for (Map.Entry<String, String> file : files.entrySet()) {
      JsonNode schema = json.readTree(resource(file.getKey()));
      assertThat(schema.path("id").asText()).isEqualTo(file.getValue());
      assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Cloud");
      for (JsonNode component : schema.path("components")) {
        if (component.has("key")) {
          assertThat(component.path("key").asText()).isIn(variables);
          assertThat(component.path("label").asText()).isNotBlank();
          fields.put(component.path("key").asText(), component);
        }
        if (component.path("type").asText().equals("text")) {
          for (String used : component.path("text").asText().split("\\{\\{")) {
            if (used.contains("}}")) {
              assertThat(used.substring(0, used.indexOf("}}")))
                  .as("variable shown in %s", file.getKey())
                  .isIn(variables);
            }
          }
        }
      }
    }
    assertThat(fields)
        .containsOnlyKeys(
            OnCallHandoverProcess.VAR_NOTES,
            OnCallHandoverProcess.VAR_RISKS,
            OnCallHandoverProcess.VAR_PLANNED_CHANGES,
            OnCallHandoverProcess.VAR_ACKNOWLEDGEMENT_NOTE);
    assertThat(
            fields
                .get(OnCallHandoverProcess.VAR_NOTES)
                .path("validate")
                .path("required")
                .asBoolean())
        .isTrue();
    assertThat(
            fields
                .get(OnCallHandoverProcess.VAR_RISKS)
                .path("validate")
                .path("required")
                .asBoolean())
        .isFalse();
    assertThat(
            fields
                .get(OnCallHandoverProcess.VAR_ACKNOWLEDGEMENT_NOTE)
                .path("validate")
                .path("required")
                .asBoolean())
        .isFalse();
  }
}

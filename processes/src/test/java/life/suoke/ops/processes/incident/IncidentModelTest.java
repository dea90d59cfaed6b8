package life.suoke.ops.processes.incident;

import static life.suoke.ops.processes.ModelChecks.*;
import static life.suoke.ops.processes.incident.IncidentProcess.*;
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
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The files of the incident process as files: the diagram renders (a shape for every flow node, an
 * edge for every sequence flow, nothing overlapping), the names the process uses are those of
 * {@link IncidentProcess}, and the forms bind the process's variables.
 */
class IncidentModelTest {

  private final BpmnModelInstance model = Bpmn.readModelFromStream(resource(RESOURCE));
  private final Map<String, Bounds> shapes = new HashMap<>();

  IncidentModelTest() {
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
  void everyFlowNodeHasAShapeAndEverySequenceFlowAnEdge() {
    List<String> missing = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!shapes.containsKey(node.getId())) {
        missing.add(node.getId());
      }
    }
    assertThat(missing).as("flow nodes without a shape").isEmpty();
    for (SubProcess subProcess : model.getModelElementsByType(SubProcess.class)) {
      BpmnShape shape = shapeOf(subProcess.getId());
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
      assertThat(
              onBorder(
                  points.get(points.size() - 1).getX(),
                  points.get(points.size() - 1).getY(),
                  shapes.get(flow.getTarget().getId())))
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
        double cx = bounds.getX() + bounds.getWidth() / 2;
        double cy = bounds.getY() + bounds.getHeight() / 2;
        assertThat(onBorder(cx, cy, host))
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
    Predicate<String> notAnElement =
        name ->
            name.startsWith("VAR_")
                || name.startsWith("JOB_")
                || name.startsWith("MESSAGE_")
                || name.startsWith("STATUS_")
                || name.startsWith("HEADER_")
                || name.endsWith("RESOURCE")
                || name.endsWith("_FORM")
                || name.equals("PROCESS_ID")
                || name.equals("PRIORITY_DECISION_ID");
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> constant :
        constants(IncidentProcess.class, notAnElement.negate()).entrySet()) {
      if ((Object) model.getModelElementById(constant.getValue()) == null) {
        unknown.add(constant.getKey() + " = " + constant.getValue());
      }
    }
    assertThat(unknown).as("constants naming no element").isEmpty();
  }

  @Test
  void serviceTasksUseTheContractsJobTypesWithThreeRetries() throws IllegalAccessException {
    Set<String> jobTypes =
        Set.copyOf(constants(IncidentProcess.class, name -> name.startsWith("JOB_")).values());
    Set<String> statuses =
        Set.copyOf(constants(IncidentProcess.class, name -> name.startsWith("STATUS_")).values());
    Set<String> used = new TreeSet<>();
    Set<String> statusesUsed = new TreeSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition.getType()).as("job type of %s", task.getId()).isIn(jobTypes);
      assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
      used.add(definition.getType());
      ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
      boolean recordsStatus =
          headers != null
              && headers.getHeaders().stream().anyMatch(h -> h.getKey().equals(HEADER_STATUS));
      if (definition.getType().equals(JOB_STATUS)
          || definition.getType().equals(JOB_COMPUTE_DEADLINES) && recordsStatus) {
        Map<String, String> values =
            headers.getHeaders().stream()
                .collect(Collectors.toMap(ZeebeHeader::getKey, ZeebeHeader::getValue));
        assertThat(values.get(HEADER_STATUS)).as("status of %s", task.getId()).isIn(statuses);
        statusesUsed.add(values.get(HEADER_STATUS));
      }
    }
    assertThat(used)
        .as("every job type of the contract is used")
        .isEqualTo(new TreeSet<>(jobTypes));
    assertThat(statusesUsed)
        .as("every status of the contract is recorded")
        .isEqualTo(new TreeSet<>(statuses));
  }

  @Test
  void messagesAreTheContractsCorrelatedByIncidentNumber() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Message message : model.getModelElementsByType(Message.class)) {
      names.add(message.getName());
      ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
      assertThat(subscription.getCorrelationKey())
          .as("correlation key of %s", message.getName())
          .isEqualTo("=" + VAR_INCIDENT_NUMBER);
    }
    assertThat(names)
        .isEqualTo(
            new TreeSet<>(
                constants(IncidentProcess.class, name -> name.startsWith("MESSAGE_")).values()));
  }

  @Test
  void userTasksAreCamundaUserTasksLinkedToTheirForms() {
    Map<String, String> forms =
        Map.of(
            ACKNOWLEDGE_TASK,
            ACKNOWLEDGE_FORM,
            HANDLE_TASK,
            HANDLE_FORM,
            CONFIRM_TASK,
            CONFIRM_FORM);
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
        Set.copyOf(constants(IncidentProcess.class, name -> name.startsWith("VAR_")).values());
    Map<String, String> forms =
        Map.of(
            ACKNOWLEDGE_FORM_RESOURCE,
            ACKNOWLEDGE_FORM,
            HANDLE_FORM_RESOURCE,
            HANDLE_FORM,
            CONFIRM_FORM_RESOURCE,
            CONFIRM_FORM);
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> fields = new HashMap<>();
    for (Map.Entry<String, String> form : forms.entrySet()) {
      JsonNode schema = json.readTree(resource(form.getKey()));
      assertThat(schema.path("id").asText()).isEqualTo(form.getValue());
      assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Cloud");
      for (JsonNode component : schema.path("components")) {
        if (component.has("key")) {
          assertThat(component.path("key").asText()).as("key in %s", form.getKey()).isIn(variables);
          assertThat(component.path("label").asText())
              .as("label of %s", component.path("key"))
              .isNotBlank();
          fields.put(component.path("key").asText(), component);
        }
      }
    }
    assertThat(fields)
        .containsOnlyKeys(
            VAR_ACKNOWLEDGE_NOTE,
            VAR_RESOLUTION_TYPE,
            VAR_RESOLUTION_SUMMARY,
            VAR_REVIEW_REQUESTED,
            VAR_CONFIRMED,
            VAR_CONFIRMATION_COMMENT,
            VAR_SATISFACTION,
            VAR_SATISFACTION_COMMENT);

    assertThat(fields.get(VAR_ACKNOWLEDGE_NOTE).path("validate").path("required").asBoolean())
        .isFalse();
    JsonNode resolutionType = fields.get(VAR_RESOLUTION_TYPE);
    assertThat(resolutionType.path("type").asText()).isEqualTo("radio");
    assertThat(resolutionType.path("values").findValuesAsText("value"))
        .containsExactly("workaround", "permanent-fix");
    assertThat(resolutionType.path("validate").path("required").asBoolean()).isTrue();
    assertThat(fields.get(VAR_RESOLUTION_SUMMARY).path("type").asText()).isEqualTo("textarea");
    assertThat(fields.get(VAR_RESOLUTION_SUMMARY).path("validate").path("required").asBoolean())
        .isTrue();
    JsonNode reviewRequested = fields.get(VAR_REVIEW_REQUESTED);
    assertThat(reviewRequested.path("type").asText()).isEqualTo("checkbox");
    assertThat(reviewRequested.path("conditional").path("hide").asText())
        .isEqualTo("=priority != \"P2\"");
    JsonNode confirmed = fields.get(VAR_CONFIRMED);
    assertThat(confirmed.path("type").asText()).isEqualTo("radio");
    assertThat(confirmed.path("values").findValues("value"))
        .allMatch(JsonNode::isBoolean)
        .extracting(JsonNode::booleanValue)
        .containsExactly(true, false);
    JsonNode comment = fields.get(VAR_CONFIRMATION_COMMENT);
    assertThat(comment.path("type").asText()).isEqualTo("textarea");
    assertThat(comment.path("conditional").path("hide").asText())
        .as("shown only when not confirmed")
        .isEqualTo("=confirmed != false");
    assertThat(comment.path("validate").path("required").asBoolean()).isTrue();
    JsonNode satisfaction = fields.get(VAR_SATISFACTION);
    assertThat(satisfaction.path("validate").path("required").asBoolean())
        .as("the rating is optional")
        .isFalse();
    assertThat(fields.get(VAR_SATISFACTION_COMMENT).path("validate").path("required").asBoolean())
        .isFalse();
  }

  @Test
  void decisionIsAFirstHitTableWithADiagram() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document dmn = factory.newDocumentBuilder().parse(resource(DECISION_RESOURCE));
    Element decision = (Element) dmn.getElementsByTagNameNS("*", "decision").item(0);
    assertThat(decision.getAttribute("id")).isEqualTo(PRIORITY_DECISION_ID);
    Element table = (Element) decision.getElementsByTagNameNS("*", "decisionTable").item(0);
    assertThat(table.getAttribute("hitPolicy")).isEqualTo("FIRST");
    List<String> inputs = new ArrayList<>();
    var expressions = table.getElementsByTagNameNS("*", "inputExpression");
    for (int i = 0; i < expressions.getLength(); i++) {
      inputs.add(expressions.item(i).getTextContent().strip());
    }
    assertThat(inputs)
        .containsExactly(
            VAR_SEVERITY, VAR_SERVICE_CLASS, VAR_AFFECTED_USERS, VAR_DATA_OR_SAFETY_IMPACT);
    assertThat(((Element) table.getElementsByTagNameNS("*", "output").item(0)).getAttribute("name"))
        .isEqualTo(VAR_PRIORITY);
    assertThat(
            ((Element) dmn.getElementsByTagNameNS("*", "DMNShape").item(0))
                .getAttribute("dmnElementRef"))
        .isEqualTo(PRIORITY_DECISION_ID);
  }

  // ----------------------------------------------------------------------------------------
  // helpers

  private BpmnShape shapeOf(String id) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement().getId().equals(id))
        .findFirst()
        .orElseThrow();
  }
}

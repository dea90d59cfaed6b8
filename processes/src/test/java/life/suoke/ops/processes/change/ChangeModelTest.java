package life.suoke.ops.processes.change;

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
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change files as files: Camunda 8.8 dialect, a clean diagram (a shape for every flow node
 * inside its subprocess, nothing overlapping, an orthogonal edge for every flow starting and ending
 * on its shapes' borders), the names of {@link ChangeProcess}, and forms that bind what the
 * processes read.
 */
class ChangeModelTest {

  static final List<String> RESOURCES =
      List.of(
          ChangeProcess.STANDARD_RESOURCE,
          ChangeProcess.NORMAL_RESOURCE,
          ChangeProcess.EMERGENCY_RESOURCE,
          ChangeProcess.IMPLEMENTATION_RESOURCE);

  static BpmnModelInstance model(String resource) {
    return Bpmn.readModelFromStream(resource(resource));
  }

  static Map<String, Bounds> shapes(BpmnModelInstance model) {
    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
    }
    return shapes;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "change/change-standard.bpmn",
        "change/change-normal.bpmn",
        "change/change-emergency.bpmn",
        "change/change-implementation.bpmn"
      })
  void isCamunda88WithACleanDiagram(String resource) throws IOException {
    String xml = new String(resource(resource).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "modeler:executionPlatform=\"Camunda Cloud\"",
            "modeler:executionPlatformVersion=\"8.8.0\"");
    BpmnModelInstance model = model(resource);
    Map<String, Bounds> shapes = shapes(model);
    Map<String, List<FlowNode>> byParent = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      Bounds bounds = shapes.get(node.getId());
      assertThat(bounds).as("shape of %s", node.getId()).isNotNull();
      if (node instanceof BoundaryEvent boundary) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        assertThat(
                onBorder(
                    bounds.getX() + bounds.getWidth() / 2,
                    bounds.getY() + bounds.getHeight() / 2,
                    host))
            .as("%s sits on its host's border", node.getId())
            .isTrue();
        continue;
      }
      if (node.getParentElement() instanceof SubProcess parent) {
        assertThat(inside(bounds, shapes.get(parent.getId())))
            .as("%s inside %s", node.getId(), parent.getId())
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
    Map<String, BpmnEdge> edges = new HashMap<>();
    model
        .getModelElementsByType(BpmnEdge.class)
        .forEach(e -> edges.put(e.getBpmnElement().getId(), e));
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      BpmnEdge edge = edges.get(flow.getId());
      assertThat(edge).as("edge of %s", flow.getId()).isNotNull();
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      assertThat(
              onBorder(
                  points.get(0).getX(), points.get(0).getY(), shapes.get(flow.getSource().getId())))
          .as("%s starts on its source's border", flow.getId())
          .isTrue();
      Waypoint last = points.get(points.size() - 1);
      assertThat(onBorder(last.getX(), last.getY(), shapes.get(flow.getTarget().getId())))
          .as("%s ends on its target's border", flow.getId())
          .isTrue();
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY()))
            .as("%s is orthogonal", flow.getId())
            .isTrue();
      }
    }
  }

  @Test
  void elementIdsJobTypesAndMessagesMatchTheConstants() throws IllegalAccessException {
    Set<String> elements = new TreeSet<>();
    Set<String> jobTypes = new TreeSet<>();
    Set<String> messages = new TreeSet<>();
    Set<String> forms = new TreeSet<>();
    for (String resource : RESOURCES) {
      BpmnModelInstance model = model(resource);
      model.getModelElementsByType(FlowNode.class).forEach(n -> elements.add(n.getId()));
      model.getModelElementsByType(SubProcess.class).forEach(n -> elements.add(n.getId()));
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
        assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
        jobTypes.add(definition.getType());
      }
      model.getModelElementsByType(Message.class).forEach(m -> messages.add(m.getName()));
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
        assertThat(form).as("form of %s", task.getId()).isNotNull();
        forms.add(form.getFormId());
      }
    }
    List<String> unknown = new ArrayList<>();
    constants(
            ChangeProcess.class,
            name ->
                !(name.startsWith("VAR_")
                    || name.startsWith("JOB_")
                    || name.startsWith("HEADER_")
                    || name.startsWith("REASON_")
                    || name.startsWith("STATUS_")
                    || name.startsWith("ERROR_")
                    || name.startsWith("MESSAGE_")
                    || name.startsWith("TYPE_")
                    || name.startsWith("APPROVAL_")
                    || name.startsWith("QUORUM_")
                    || name.startsWith("RELEASE_")
                    || name.endsWith("RESOURCE")
                    || name.endsWith("_FORM")
                    || name.endsWith("_ID")))
        .forEach(
            (name, id) -> {
              if (!elements.contains(id)) {
                unknown.add(name + " = " + id);
              }
            });
    assertThat(unknown).as("constants naming no element").isEmpty();
    assertThat(jobTypes)
        .isEqualTo(
            new TreeSet<>(constants(ChangeProcess.class, n -> n.startsWith("JOB_")).values()));
    assertThat(messages)
        .isEqualTo(
            new TreeSet<>(constants(ChangeProcess.class, n -> n.startsWith("MESSAGE_")).values()));
    assertThat(forms).isEqualTo(new TreeSet<>(ChangeProcess.FORMS));
  }

  @Test
  void formsBindWhatTheProcessesRead() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<String>> required =
        Map.of(
            ChangeProcess.ASSESS_FORM,
                List.of(
                    "affectedUsers",
                    "downtimeRequired",
                    "rollbackTested",
                    "rollbackPlan",
                    "testEvidence"),
            ChangeProcess.APPROVE_FORM, List.of("approval", "approvalComment"),
            ChangeProcess.CAB_VOTE_FORM, List.of("vote", "voteComment"),
            ChangeProcess.SCHEDULE_FORM, List.of("windowStart", "windowEnd"),
            ChangeProcess.VERIFY_FORM, List.of("closeCode"),
            ChangeProcess.OVERRUN_FORM, List.of("overrunAction", "overrunNote"),
            ChangeProcess.REVIEW_FORM, List.of("reviewFindings"),
            ChangeProcess.RETROSPECTIVE_FORM,
                List.of("retrospectiveDecision", "retrospectiveNotes"),
            ChangeProcess.IMPLEMENT_FORM, List.of("implementationNotes"));
    for (String form : ChangeProcess.FORMS) {
      JsonNode schema = json.readTree(resource("change/" + form + ".form"));
      assertThat(schema.path("id").asText()).isEqualTo(form);
      List<String> keys = new ArrayList<>();
      schema.path("components").forEach(c -> keys.add(c.path("key").asText()));
      assertThat(keys).as("keys of %s", form).containsAll(required.get(form));
    }
    JsonNode verify = json.readTree(resource("change/change-verify.form"));
    List<String> codes = new ArrayList<>();
    verify
        .path("components")
        .get(1)
        .path("values")
        .forEach(v -> codes.add(v.path("value").asText()));
    assertThat(codes).isEqualTo(ChangeProcess.CLOSE_CODES);
    JsonNode cab = json.readTree(resource("change/change-cab-vote.form"));
    assertThat(cab.toString())
        .as("the CAB sees the risk and the questionnaire")
        .contains(
            "{{risk}}",
            "{{downtimeRequired}}",
            "{{rollbackTested}}",
            "{{affectedUsers}}",
            "{{recentFailures}}");
  }
}

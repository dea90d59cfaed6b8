package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Business rule tasks: a called decision (static or FEEL id, binding types) or a job; their checks.
 */
class BpmnTransformerBusinessRuleTaskTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  private static byte[] process(String task) {
    return BpmnResources.definitions(
        "",
        """
            <bpmn:startEvent id="s" />

        """
            + task
            + """
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Decide" />
        """);
  }

  private ExecutableElement transform(byte[] xml) {
    return transformer.transform("p.bpmn", xml).get(0).element("Decide");
  }

  private DeploymentRejectedException rejection(byte[] xml) {
    return catchThrowableOfType(
        DeploymentRejectedException.class, () -> transformer.transform("p.bpmn", xml));
  }

  @Test
  void calledDecisionWithStaticIdResultVariableAndOutputMapping() {
    byte[] xml =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("p")
                    .startEvent()
                    .businessRuleTask(
                        "Decide",
                        t ->
                            t.zeebeCalledDecisionId("incident-priority")
                                .zeebeResultVariable("priority")
                                .zeebeOutputExpression("priority", "ticketPriority"))
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8);

    ExecutableBusinessRuleTask task = (ExecutableBusinessRuleTask) transform(xml);

    assertThat(task.type()).isEqualTo(BpmnElementType.BUSINESS_RULE_TASK);
    assertThat(task.calledDecision())
        .isEqualTo(
            new CalledDecision(
                new Expression("incident-priority", false), "priority", "latest", null));
    assertThat(task.outputMappings())
        .containsExactly(new Mapping(Expression.feel("priority"), "ticketPriority"));
  }

  @Test
  void calledDecisionWithFeelIdAndBindingTypes() {
    byte[] deployment =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("p")
                    .startEvent()
                    .businessRuleTask(
                        "Decide",
                        t ->
                            t.zeebeCalledDecisionIdExpression("\"risk-\" + category")
                                .zeebeResultVariable("risk")
                                .zeebeBindingType(ZeebeBindingType.deployment))
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8);
    byte[] versionTag =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("p")
                    .startEvent()
                    .businessRuleTask(
                        "Decide",
                        t ->
                            t.zeebeCalledDecisionId("risk")
                                .zeebeResultVariable("risk")
                                .zeebeBindingType(ZeebeBindingType.versionTag)
                                .zeebeVersionTag("v2"))
                    .endEvent()
                    .done())
            .getBytes(StandardCharsets.UTF_8);

    assertThat(((ExecutableBusinessRuleTask) transform(deployment)).calledDecision())
        .isEqualTo(
            new CalledDecision(
                Expression.feel("\"risk-\" + category"), "risk", "deployment", null));
    assertThat(((ExecutableBusinessRuleTask) transform(versionTag)).calledDecision())
        .isEqualTo(new CalledDecision(new Expression("risk", false), "risk", "versionTag", "v2"));
  }

  @Test
  void businessRuleTaskWithATaskDefinitionIsAJob() {
    ExecutableElement element =
        transform(
            process(
                """
        <bpmn:businessRuleTask id="Decide">
          <bpmn:extensionElements><zeebe:taskDefinition type="=&quot;rules-&quot; + team" retries="5" /></bpmn:extensionElements>
        </bpmn:businessRuleTask>
        """));

    assertThat(element.type()).isEqualTo(BpmnElementType.BUSINESS_RULE_TASK);
    assertThat(element).isInstanceOf(ExecutableJobWorkerTask.class);
    ExecutableJobWorkerTask task = (ExecutableJobWorkerTask) element;
    assertThat(task.jobDefinition().type()).isEqualTo(Expression.feel("\"rules-\" + team"));
    assertThat(task.jobDefinition().retries()).isEqualTo(new Expression("5", false));
  }

  @Test
  void rejectsABusinessRuleTaskWithNeitherDecisionNorJob() {
    DeploymentRejectedException e = rejection(process("<bpmn:businessRuleTask id=\"Decide\" />"));

    assertThat(e.getMessage().lines().toList())
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'p.bpmn': element 'Decide' (businessRuleTask): Must have either one 'zeebe:calledDecision' or one"
                + " 'zeebe:taskDefinition' extension element");
  }

  @Test
  void rejectsADecisionIdExpressionThatDoesNotParse() {
    DeploymentRejectedException e =
        rejection(
            process(
                """
        <bpmn:businessRuleTask id="Decide">
          <bpmn:extensionElements><zeebe:calledDecision decisionId="=risk +" resultVariable="risk" /></bpmn:extensionElements>
        </bpmn:businessRuleTask>
        """));

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.elementId()).isEqualTo("Decide");
              assertThat(error.message()).startsWith("failed to parse expression 'risk +'");
            });
  }

  @Test
  void rejectsACalledDecisionWithoutResultVariable() {
    DeploymentRejectedException e =
        rejection(
            process(
                """
        <bpmn:businessRuleTask id="Decide">
          <bpmn:extensionElements><zeebe:calledDecision decisionId="risk" /></bpmn:extensionElements>
        </bpmn:businessRuleTask>
        """));

    assertThat(e.getMessage().lines().toList())
        .containsExactly(
            DeploymentRejectedException.PREFIX,
            "'p.bpmn': element 'Decide' (businessRuleTask > extensionElements > calledDecision): "
                + "Attribute 'resultVariable' must be present and not empty");
  }
}

package life.suoke.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ad-hoc subprocesses: what the transformer builds of them (the elements they can activate, the
 * inner instance element and the flow scopes, the metadata variable, the job worker implementation,
 * a multi-instance one) and the models rejected, by Zeebe's validators or because this engine does
 * not run them.
 */
class BpmnTransformerAdHocSubProcessTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  private static byte[] process(String adHocSubProcess) {
    return BpmnResources.definitions(
        "",
        """
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ad" />
        """
            + adHocSubProcess
            + """
            <bpmn:sequenceFlow id="f2" sourceRef="ad" targetRef="e" />
            <bpmn:endEvent id="e" />
        """);
  }

  private List<String> rejectionLines(byte[] xml) {
    DeploymentRejectedException e =
        catchThrowableOfType(
            DeploymentRejectedException.class, () -> transformer.transform("ah.bpmn", xml));
    assertThat(e).as("the deployment is rejected").isNotNull();
    return e.getMessage().lines().toList();
  }

  @Test
  void theElementsWithoutIncomingFlowsCanBeActivatedAndRunInTheInnerInstance() {
    ExecutableProcess deployed =
        transformer
            .transform(
                "ah.bpmn",
                process(
                    """
            <bpmn:adHocSubProcess id="ad" cancelRemainingInstances="false">
              <bpmn:extensionElements>
                <zeebe:adHoc activeElementsCollection="=tools" outputCollection="results" outputElement="=result" />
              </bpmn:extensionElements>
              <bpmn:task id="A" name="Search">
                <bpmn:documentation>Searches the knowledge base</bpmn:documentation>
                <bpmn:extensionElements>
                  <zeebe:properties>
                    <zeebe:property name="category" value="read" />
                    <zeebe:property name="cost" value="low" />
                  </zeebe:properties>
                </bpmn:extensionElements>
              </bpmn:task>
              <bpmn:sequenceFlow id="A-A2" sourceRef="A" targetRef="A2" />
              <bpmn:task id="A2" />
              <bpmn:boundaryEvent id="A-late" attachedToRef="A">
                <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
              </bpmn:boundaryEvent>
              <bpmn:sequenceFlow id="late-A3" sourceRef="A-late" targetRef="A3" />
              <bpmn:task id="A3" />
              <bpmn:intermediateCatchEvent id="wait">
                <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
              </bpmn:intermediateCatchEvent>
              <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=count(results) &gt; 2</bpmn:completionCondition>
            </bpmn:adHocSubProcess>
            """))
            .get(0);

    ExecutableAdHocSubProcess adHoc = deployed.element("ad", ExecutableAdHocSubProcess.class);
    assertThat(adHoc.type()).isEqualTo(BpmnElementType.AD_HOC_SUB_PROCESS);
    assertThat(adHoc.jobDefinition()).as("the BPMN implementation").isNull();
    AdHocSubProcess definition = adHoc.adHocSubProcess();
    assertThat(definition.activatableElements().keySet())
        .as("not A2 and A3 (they have incoming flows), not the boundary event")
        .containsExactly("A", "wait");
    assertThat(definition.activeElementsCollection()).isEqualTo(Expression.feel("tools"));
    assertThat(definition.completionCondition()).isEqualTo(Expression.feel("count(results) > 2"));
    assertThat(definition.cancelRemainingInstances()).isFalse();
    assertThat(definition.outputCollection()).isEqualTo("results");
    assertThat(definition.outputElement()).isEqualTo(Expression.feel("result"));
    assertThat(definition.elementsMetadata())
        .containsExactly(
            Map.of(
                "elementId",
                "A",
                "elementName",
                "Search",
                "documentation",
                "Searches the knowledge base",
                "properties",
                Map.of("category", "read", "cost", "low")),
            Map.of("elementId", "wait"));

    ExecutableElement inner = deployed.element("ad#innerInstance");
    assertThat(inner).isSameAs(definition.innerInstance());
    assertThat(inner.type()).isEqualTo(BpmnElementType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);
    assertThat(inner.flowScopeId()).isEqualTo("ad");
    assertThat(List.of("A", "A2", "A-late", "A3", "wait"))
        .allSatisfy(id -> assertThat(deployed.element(id).flowScopeId()).isEqualTo(inner.id()));
    assertThat(deployed.element("A", ExecutableActivity.class).boundaryEvents())
        .extracting(ExecutableElement::id)
        .containsExactly("A-late");
  }

  @Test
  void withATaskDefinitionAJobWorkerImplementsItAndCancelRemainingInstancesDefaultsToTrue() {
    ExecutableAdHocSubProcess adHoc =
        transformer
            .transform(
                "ah.bpmn",
                process(
                    """
            <bpmn:adHocSubProcess id="ad">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="=agentType" retries="5" />
                <zeebe:taskHeaders><zeebe:header key="model" value="small" /></zeebe:taskHeaders>
              </bpmn:extensionElements>
              <bpmn:task id="A" />
            </bpmn:adHocSubProcess>
            """))
            .get(0)
            .element("ad", ExecutableAdHocSubProcess.class);

    assertThat(adHoc.jobDefinition().type()).isEqualTo(Expression.feel("agentType"));
    assertThat(adHoc.jobDefinition().retries()).isEqualTo(new Expression("5", false));
    assertThat(adHoc.jobDefinition().headers()).containsExactly(Map.entry("model", "small"));
    AdHocSubProcess definition = adHoc.adHocSubProcess();
    assertThat(definition.cancelRemainingInstances()).isTrue();
    assertThat(definition.activeElementsCollection()).isNull();
    assertThat(definition.completionCondition()).isNull();
    assertThat(definition.outputCollection()).isNull();
    assertThat(definition.elementsMetadata()).containsExactly(Map.of("elementId", "A"));
  }

  @Test
  void aMultiInstanceAdHocSubprocessIsABodyAroundIt() {
    ExecutableProcess deployed =
        transformer
            .transform(
                "ah.bpmn",
                process(
                    """
            <bpmn:adHocSubProcess id="ad">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:extensionElements>
                  <zeebe:loopCharacteristics inputCollection="=incidents" inputElement="incident" />
                </bpmn:extensionElements>
              </bpmn:multiInstanceLoopCharacteristics>
              <bpmn:task id="A" />
            </bpmn:adHocSubProcess>
            """))
            .get(0);

    ExecutableMultiInstanceBody body = deployed.element("ad", ExecutableMultiInstanceBody.class);
    assertThat(body.type()).isEqualTo(BpmnElementType.MULTI_INSTANCE_BODY);
    assertThat(body.innerActivity().type()).isEqualTo(BpmnElementType.AD_HOC_SUB_PROCESS);
    assertThat(((ExecutableAdHocSubProcess) body.innerActivity()).adHocSubProcess())
        .extracting(definition -> definition.activatableElements().keySet())
        .isEqualTo(java.util.Set.of("A"));
    assertThat(deployed.element("A").flowScopeId()).isEqualTo("ad#innerInstance");
  }

  @Test
  void expressionsAreCheckedAsZeebeChecksThem() {
    assertThat(
            rejectionLines(
                process(
                    """
            <bpmn:adHocSubProcess id="ad">
              <bpmn:extensionElements>
                <zeebe:adHoc activeElementsCollection="tools" outputCollection="not a name" outputElement="=result(" />
              </bpmn:extensionElements>
              <bpmn:task id="A" />
              <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done = </bpmn:completionCondition>
            </bpmn:adHocSubProcess>
            """)))
        .anyMatch(line -> line.contains("Expected expression but found static value 'tools'"))
        .anyMatch(line -> line.contains("Expected path expression 'not a name'"))
        .anyMatch(
            line ->
                line.startsWith(
                    "'ah.bpmn': element 'ad' (adHocSubProcess > extensionElements > adHoc): failed to parse expression 'result('"))
        .anyMatch(
            line ->
                line.startsWith(
                    "'ah.bpmn': element 'ad' (adHocSubProcess > completionCondition): failed to parse expression 'done ='"));
  }

  @Test
  void zeebesValidatorsRejectStartAndEndEventsAndWhatAJobWorkerDecides() {
    assertThat(
            rejectionLines(
                process(
                    """
            <bpmn:adHocSubProcess id="ad" cancelRemainingInstances="false">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="agent" />
                <zeebe:adHoc activeElementsCollection="=tools" />
              </bpmn:extensionElements>
              <bpmn:startEvent id="inner-start" />
              <bpmn:task id="A" />
              <bpmn:endEvent id="inner-end" />
            </bpmn:adHocSubProcess>
            """)))
        .contains(
            "'ah.bpmn': element 'ad' (adHocSubProcess): Must not contain a start event.",
            "'ah.bpmn': element 'ad' (adHocSubProcess): Must not contain an end event.",
            "'ah.bpmn': element 'ad' (adHocSubProcess): Must not define cancelRemainingInstances in combination with zeebe:taskDefinition.",
            "'ah.bpmn': element 'ad' (adHocSubProcess): Must not define activeElementsCollection in combination with zeebe:taskDefinition.");
  }

  @Test
  void eventSubprocessesAndCompensationInsideAreNotSupportedByThisEngine() {
    List<String> lines =
        rejectionLines(
            BpmnResources.definitions(
                "<bpmn:signal id=\"Sig\" name=\"sig\" />",
                """
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ad" />
            <bpmn:adHocSubProcess id="ad">
              <bpmn:task id="A" />
              <bpmn:boundaryEvent id="undo-A" attachedToRef="A">
                <bpmn:compensateEventDefinition />
              </bpmn:boundaryEvent>
              <bpmn:task id="undo" isForCompensation="true" />
              <bpmn:subProcess id="nested">
                <bpmn:startEvent id="nested-start" />
                <bpmn:sequenceFlow id="nf" sourceRef="nested-start" targetRef="nested-undo" />
                <bpmn:intermediateThrowEvent id="nested-undo">
                  <bpmn:compensateEventDefinition />
                </bpmn:intermediateThrowEvent>
              </bpmn:subProcess>
              <bpmn:subProcess id="on-signal" triggeredByEvent="true">
                <bpmn:startEvent id="signal-start"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:startEvent>
              </bpmn:subProcess>
              <bpmn:association id="assoc" associationDirection="One" sourceRef="undo-A" targetRef="undo" />
            </bpmn:adHocSubProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="ad" targetRef="e" />
            <bpmn:endEvent id="e" />
            """));
    assertThat(lines)
        .contains(
            "'ah.bpmn': element 'undo-A' (boundaryEvent): Compensation inside an ad-hoc subprocess is not supported by this engine yet",
            "'ah.bpmn': element 'undo' (task): Compensation inside an ad-hoc subprocess is not supported by this engine yet",
            "'ah.bpmn': element 'nested-undo' (intermediateThrowEvent): Compensation inside an ad-hoc subprocess is not supported by this engine yet",
            "'ah.bpmn': element 'on-signal' (subProcess): An event subprocess inside an ad-hoc subprocess is not supported by this engine yet");
  }
}

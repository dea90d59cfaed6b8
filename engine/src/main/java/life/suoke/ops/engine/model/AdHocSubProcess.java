package life.suoke.ops.engine.model;

import java.util.List;
import java.util.Map;

/**
 * What an ad-hoc subprocess ({@code bpmn:adHocSubProcess}) adds to an embedded subprocess: which of
 * its elements it activates, when it completes, and what it collects. Its inner elements are not
 * reached from a start event: each activation runs one of the {@link #activatableElements} (an
 * element without incoming sequence flows) in a new {@link #innerInstance}, and whatever follows
 * that element by sequence flows runs there too.
 *
 * <p>With a {@code zeebe:taskDefinition} on the subprocess a job worker decides instead (the
 * element's {@link ExecutableAdHocSubProcess#jobDefinition()}): Zeebe's validators then allow no
 * active elements collection, completion condition or {@code cancelRemainingInstances="false"}.
 *
 * @param activeElementsCollection FEEL list of the ids to activate when the subprocess is activated
 *     ({@code zeebe:adHoc activeElementsCollection}), or null: none
 * @param completionCondition FEEL condition evaluated in the subprocess each time an inner instance
 *     completes, or null: the subprocess completes when no inner instance is left
 * @param cancelRemainingInstances whether the inner instances still active are terminated once the
 *     completion condition holds ({@code cancelRemainingInstances}, true unless "false"), or waited
 *     for
 * @param outputCollection the subprocess's local variable each completed inner instance's output
 *     element is appended to, propagated when the subprocess completes ({@code zeebe:adHoc
 *     outputCollection}), or null
 * @param outputElement the expression evaluated in each completed inner instance, or null
 * @param innerInstance the element of the inner instances (type {@link
 *     BpmnElementType#AD_HOC_SUB_PROCESS_INNER_INSTANCE})
 * @param activatableElements the elements that can be activated, by id, in document order
 * @param elementsMetadata the value of the {@code adHocSubProcessElements} variable: per
 *     activatable element its {@code elementId} and, where the model gives them, {@code
 *     elementName}, {@code documentation} and {@code properties} ({@code zeebe:properties})
 */
public record AdHocSubProcess(
    Expression activeElementsCollection,
    Expression completionCondition,
    boolean cancelRemainingInstances,
    String outputCollection,
    Expression outputElement,
    ExecutableFlowScope innerInstance,
    Map<String, ExecutableElement> activatableElements,
    List<Map<String, Object>> elementsMetadata) {

  /** What Zeebe appends to the subprocess's id to name its inner instances. */
  public static final String INNER_INSTANCE_ID_POSTFIX = "#innerInstance";

  /** The variable the subprocess gets its {@link #elementsMetadata} in. */
  public static final String ELEMENTS_VARIABLE = "adHocSubProcessElements";
}

package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.SupportedElements.NOT_SUPPORTED;
import static life.suoke.ops.engine.model.SupportedElements.isCompensation;
import static life.suoke.ops.engine.model.SupportedElements.isEventSubprocess;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAdHoc;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import java.util.Collection;
import life.suoke.ops.engine.feel.FeelEvaluator;

/** The deployment checks of containers: multi-instance loops and ad-hoc subprocesses. */
final class ContainerChecks {

  private final DeploymentChecks checks;
  private final TransformErrors errors;
  private final FeelEvaluator feel;

  ContainerChecks(DeploymentChecks checks) {
    this.checks = checks;
    this.errors = checks.errors;
    this.feel = checks.feel;
  }

  /**
   * An ad-hoc subprocess: its active elements collection, output element and completion condition
   * are FEEL expressions that parse, its output collection is a variable name, and its job (with
   * {@code zeebe:taskDefinition}) is checked like a task's. Zeebe's validators check the rest (at
   * least one activity, no start or end events, the output collection and element together, nothing
   * a job worker decides besides the job). Event subprocesses and compensation inside it are not
   * supported by this engine.
   */
  void checkAdHocSubProcess(io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc) {
    ZeebeAdHoc zeebeAdHoc = extension(adHoc, ZeebeAdHoc.class);
    if (zeebeAdHoc != null) {
      checks.checkOptionalNonStatic(zeebeAdHoc, zeebeAdHoc.getActiveElementsCollection());
      checks.checkOptionalNonStatic(zeebeAdHoc, zeebeAdHoc.getOutputElement());
      if (blankToNull(zeebeAdHoc.getOutputCollection()) != null) {
        checks.checkPath(zeebeAdHoc, zeebeAdHoc.getOutputCollection());
      }
    }
    if (adHoc.getCompletionCondition() != null) {
      checks.checkOptionalNonStatic(
          adHoc.getCompletionCondition(), adHoc.getCompletionCondition().getTextContent());
    }
    checks.tasks.checkTaskDefinition(adHoc);
    checkNothingUnsupportedInside(adHoc.getFlowElements());
  }

  /** Event subprocesses and compensation, at any depth of an ad-hoc subprocess. */
  void checkNothingUnsupportedInside(Collection<FlowElement> elements) {
    for (FlowElement element : elements) {
      if (isEventSubprocess(element)) {
        errors.addUnsupported(
            (BaseElement) element,
            "An event subprocess inside an ad-hoc subprocess" + NOT_SUPPORTED);
      } else if (isCompensation(element)) {
        errors.addUnsupported(
            (BaseElement) element, "Compensation inside an ad-hoc subprocess" + NOT_SUPPORTED);
      } else if (element instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub) {
        checkNothingUnsupportedInside(sub.getFlowElements());
      }
    }
  }

  /**
   * A multi-instance marker: Zeebe's validators require the input collection; its expressions must
   * parse, and the input element and output collection must be variable names.
   */
  void checkMultiInstance(MultiInstanceLoopCharacteristics multiInstance) {
    ZeebeLoopCharacteristics loop = extension(multiInstance, ZeebeLoopCharacteristics.class);
    if (loop == null) {
      return; // Zeebe's validators report the missing zeebe:loopCharacteristics
    }
    if (loop.getInputCollection() != null) {
      checks.checkNonStatic(loop, loop.getInputCollection());
    }
    if (loop.getOutputElement() != null) {
      checks.checkNonStatic(loop, loop.getOutputElement());
    }
    if (loop.getInputElement() != null && !loop.getInputElement().isEmpty()) {
      checks.checkPath(loop, loop.getInputElement());
    }
    if (loop.getOutputCollection() != null && !loop.getOutputCollection().isEmpty()) {
      checks.checkPath(loop, loop.getOutputCollection());
    }
    if (multiInstance.getCompletionCondition() != null) {
      String condition = multiInstance.getCompletionCondition().getTextContent();
      if (condition != null && !condition.isBlank()) {
        checks.checkNonStatic(multiInstance.getCompletionCondition(), condition);
      }
    }
  }
}

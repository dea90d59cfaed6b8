package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ModelElements.extension;

import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import life.suoke.ops.engine.feel.FeelEvaluator;

/** The broker's deployment checks of tasks: job definitions, scripts, decisions, user tasks. */
final class TaskChecks {

  private final DeploymentChecks checks;
  private final TransformErrors errors;
  private final FeelEvaluator feel;

  TaskChecks(DeploymentChecks checks) {
    this.checks = checks;
    this.errors = checks.errors;
    this.feel = checks.feel;
  }

  /**
   * A script task is either a FEEL expression with a result variable, or a job (Zeebe's two forms).
   */
  void checkScriptTask(FlowNode node) {
    io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript script =
        extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript.class);
    if (script == null) {
      return; // Zeebe's validators then require a task definition
    }
    Expression expression = Expression.parse(script.getExpression());
    if (expression == null || !expression.feel()) {
      errors.add(
          node,
          "Expected the script to be a FEEL expression starting with '=', but found '"
              + script.getExpression()
              + "'");
    } else if (feel.parse(expression.source()).isFailure()) {
      errors.add(node, feel.parse(expression.source()).failureMessage());
    }
  }

  /**
   * A business rule task either evaluates a decision ({@code zeebe:calledDecision}; a FEEL decision
   * id must parse) or is a job (Zeebe's two forms; its validators require one of them).
   */
  void checkBusinessRuleTask(FlowNode node) {
    io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision called =
        extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision.class);
    if (called == null) {
      checkTaskDefinition(node);
      return;
    }
    checks.checkExpression(called, called.getDecisionId());
    checks.checkExpression(called, called.getVersionTag());
  }

  void checkTaskDefinition(FlowNode node) {
    ZeebeTaskDefinition definition = extension(node, ZeebeTaskDefinition.class);
    if (definition == null) {
      return; // Zeebe's validators report the missing task definition
    }
    checks.checkExpression(definition, definition.getType());
    checks.checkExpression(definition, definition.getRetries());
  }

  void checkUserTask(FlowNode node) {
    ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
    if (assignment != null) {
      checks.checkExpression(assignment, assignment.getAssignee());
      checks.checkCsv(assignment, assignment.getCandidateGroups());
      checks.checkCsv(assignment, assignment.getCandidateUsers());
    }
    ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
    if (schedule != null) {
      checks.checkDateTime(schedule, schedule.getDueDate());
      checks.checkDateTime(schedule, schedule.getFollowUpDate());
    }
    ZeebePriorityDefinition priority = extension(node, ZeebePriorityDefinition.class);
    if (priority != null && priority.getPriority() != null) {
      checks.checkPriority(priority, priority.getPriority());
    }
    ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
    if (form != null) {
      checks.checkExpression(form, form.getExternalReference());
      checks.checkExpression(form, form.getFormId());
    }
  }
}

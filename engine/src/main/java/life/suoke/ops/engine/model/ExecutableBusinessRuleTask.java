package life.suoke.ops.engine.model;

/**
 * A business rule task that evaluates a decision ({@code zeebe:calledDecision}); a job-based
 * business rule task is an {@link ExecutableJobWorkerTask}.
 */
public final class ExecutableBusinessRuleTask extends ExecutableActivity {

  private final CalledDecision calledDecision;

  ExecutableBusinessRuleTask(String id, String name, CalledDecision calledDecision) {
    super(id, name, BpmnElementType.BUSINESS_RULE_TASK);
    this.calledDecision = calledDecision;
  }

  /** The decision the task evaluates and where its result goes. */
  public CalledDecision calledDecision() {
    return calledDecision;
  }
}

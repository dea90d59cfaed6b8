package life.suoke.ops.engine.api;

import java.util.List;

/**
 * A decision evaluation (Zeebe's DECISION_EVALUATION record): the decision evaluated, its output as
 * JSON text, every decision evaluated on the way (required decisions first, the requested one
 * last), and for a failed evaluation Zeebe's failure message and the id of the decision that failed
 * (both empty otherwise). {@code evaluationKey} is the key of the record (the "decision instance").
 */
public record DecisionEvaluated(
    long evaluationKey,
    long decisionKey,
    String decisionId,
    String decisionName,
    int decisionVersion,
    String decisionRequirementsId,
    long decisionRequirementsKey,
    String decisionOutput,
    List<EvaluatedDecision> evaluatedDecisions,
    String failureMessage,
    String failedDecisionId,
    String tenantId) {

  public boolean failed() {
    return !failureMessage.isEmpty();
  }

  /** One evaluated decision; its key and version are -1 if it is not a deployed decision. */
  public record EvaluatedDecision(
      String decisionEvaluationInstanceKey,
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      String decisionType,
      String decisionOutput,
      List<EvaluatedInput> evaluatedInputs,
      List<MatchedRule> matchedRules,
      String tenantId) {}

  public record EvaluatedInput(String inputId, String inputName, String inputValue) {}

  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  public record EvaluatedOutput(String outputId, String outputName, String outputValue) {}
}

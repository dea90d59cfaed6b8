package life.suoke.ops.engine.decision;

import java.util.List;

/**
 * The outcome of evaluating a decision, with what Zeebe records of it: the output (as JSON text and
 * as a JSON-like Java value), each decision evaluated on the way (required decisions first, the
 * requested one last), and, when the evaluation failed, Zeebe's failure message and the id of the
 * decision that failed.
 */
public record DecisionResult(
    Object output,
    String outputJson,
    List<EvaluatedDecision> evaluatedDecisions,
    String failureMessage,
    String failedDecisionId) {

  public boolean isFailure() {
    return failureMessage != null;
  }

  /**
   * One evaluated decision. {@code decisionType} is Zeebe's name of its logic: DECISION_TABLE,
   * LITERAL_EXPRESSION, CONTEXT, LIST, RELATION, INVOCATION or UNKNOWN. Inputs and matched rules
   * are those of a decision table (empty otherwise). Values are JSON text.
   */
  public record EvaluatedDecision(
      String decisionId,
      String decisionName,
      String decisionType,
      String outputJson,
      List<EvaluatedInput> evaluatedInputs,
      List<MatchedRule> matchedRules) {}

  /**
   * An input of a decision table: its id, its label (or its expression, cut to 30 characters), its
   * value.
   */
  public record EvaluatedInput(String inputId, String inputName, String inputValueJson) {}

  /** A rule that matched, with its 1-based index in the table. */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  /** An output of a matched rule: its id, its label (or name), its value. */
  public record EvaluatedOutput(String outputId, String outputName, String outputValueJson) {}
}

package life.suoke.ops.engine.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.DecisionEvaluationIntent;

/**
 * One evaluation of a decision, as its {@code DECISION_EVALUATION} record in the log shows it: by a
 * business rule task (with its process instance and element) or by the evaluation API.
 *
 * @param decisionOutput the output as JSON text ({@code null} for a failed evaluation)
 * @param matchedRules the 1-based indexes of the rules of the evaluated decision that matched
 */
public record DecisionInstance(
    long key,
    String decisionId,
    String decisionName,
    long decisionKey,
    int decisionVersion,
    long processInstanceKey,
    String elementId,
    boolean failed,
    String failureMessage,
    String decisionOutput,
    List<Integer> matchedRules) {

  static DecisionInstance of(Record record) {
    Map<String, Object> v = record.value();
    String decisionId = text(v.get("decisionId"));
    List<Integer> matched = new ArrayList<>();
    if (v.get("evaluatedDecisions") instanceof List<?> decisions) {
      for (Object each : decisions) {
        if (each instanceof Map<?, ?> decision
            && decisionId.equals(decision.get("decisionId"))
            && decision.get("matchedRules") instanceof List<?> rules) {
          for (Object rule : rules) {
            if (rule instanceof Map<?, ?> r && r.get("ruleIndex") instanceof Number index) {
              matched.add(index.intValue());
            }
          }
        }
      }
    }
    boolean failed = record.intent() == DecisionEvaluationIntent.FAILED;
    return new DecisionInstance(
        record.key(),
        decisionId,
        text(v.get("decisionName")),
        number(v.get("decisionKey")),
        (int) number(v.get("decisionVersion")),
        number(v.get("processInstanceKey")),
        text(v.get("elementId")),
        failed,
        text(v.get("evaluationFailureMessage")),
        failed ? null : text(v.get("decisionOutput")),
        List.copyOf(matched));
  }

  /** One line for failure messages. */
  String describe() {
    return "decision '"
        + decisionId
        + "' ("
        + decisionName
        + ", version "
        + decisionVersion
        + ")"
        + (processInstanceKey > 0
            ? " in process instance " + processInstanceKey + " at '" + elementId + "'"
            : "")
        + (failed
            ? ", failed: " + failureMessage
            : ", output " + decisionOutput + ", matched rules " + matchedRules);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : -1;
  }
}

package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of DECISION_EVALUATION records: a business rule task's decision evaluated (or failed),
 * with each decision it evaluated.
 */
public record DecisionEvaluationValue(
    long decisionKey,
    String decisionId,
    String decisionName,
    int decisionVersion,
    long decisionRequirementsKey,
    String decisionRequirementsId,
    String decisionOutput,
    Map<String, Object> variables,
    List<Object> evaluatedDecisions,
    String failedDecisionId,
    String evaluationFailureMessage,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    String tenantId)
    implements RecordValue {

  /**
   * Reads the value of a DECISION_EVALUATION record; a field that is missing or of another type is
   * an error.
   */
  public static DecisionEvaluationValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.DECISION_EVALUATION, json);
    return new DecisionEvaluationValue(
        read.int64("decisionKey"),
        read.string("decisionId"),
        read.string("decisionName"),
        read.int32("decisionVersion"),
        read.int64("decisionRequirementsKey"),
        read.string("decisionRequirementsId"),
        read.string("decisionOutput"),
        read.object("variables"),
        read.array("evaluatedDecisions"),
        read.string("failedDecisionId"),
        read.string("evaluationFailureMessage"),
        read.string("bpmnProcessId"),
        read.int64("processDefinitionKey"),
        read.int64("processInstanceKey"),
        read.string("elementId"),
        read.int64("elementInstanceKey"),
        read.string("tenantId"));
  }

  /** The typed value of a DECISION_EVALUATION record. */
  public static DecisionEvaluationValue of(Record record) {
    if (record.typedValue() instanceof DecisionEvaluationValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a DECISION_EVALUATION record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION_EVALUATION;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("decisionKey", decisionKey);
    out.put("decisionId", decisionId);
    out.put("decisionName", decisionName);
    out.put("decisionVersion", decisionVersion);
    out.put("decisionRequirementsKey", decisionRequirementsKey);
    out.put("decisionRequirementsId", decisionRequirementsId);
    out.put("decisionOutput", decisionOutput);
    out.put("variables", variables);
    out.put("evaluatedDecisions", evaluatedDecisions);
    out.put("failedDecisionId", failedDecisionId);
    out.put("evaluationFailureMessage", evaluationFailureMessage);
    out.put("bpmnProcessId", bpmnProcessId);
    out.put("processDefinitionKey", processDefinitionKey);
    out.put("processInstanceKey", processInstanceKey);
    out.put("elementId", elementId);
    out.put("elementInstanceKey", elementInstanceKey);
    out.put("tenantId", tenantId);
  }
}

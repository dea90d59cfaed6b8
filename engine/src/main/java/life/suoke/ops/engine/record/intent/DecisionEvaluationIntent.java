package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#DECISION_EVALUATION} records: the evaluation of a decision. */
public enum DecisionEvaluationIntent implements Intent {
  EVALUATE(Kind.COMMAND),
  EVALUATED(Kind.EVENT),
  FAILED(Kind.EVENT);

  private final Kind kind;

  DecisionEvaluationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION_EVALUATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#DECISION_REQUIREMENTS} records: a decision requirements graph.
 */
public enum DecisionRequirementsIntent implements Intent {
  CREATED(Kind.EVENT),
  DELETED(Kind.EVENT);

  private final Kind kind;

  DecisionRequirementsIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION_REQUIREMENTS;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

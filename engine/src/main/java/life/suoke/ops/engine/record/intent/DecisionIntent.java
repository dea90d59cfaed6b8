package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#DECISION} records: a decision. */
public enum DecisionIntent implements Intent {
  CREATED(Kind.EVENT),
  DELETED(Kind.EVENT);

  private final Kind kind;

  DecisionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.DECISION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#ESCALATION} records: a thrown escalation. */
public enum EscalationIntent implements Intent {
  ESCALATED(Kind.EVENT),
  NOT_ESCALATED(Kind.EVENT);

  private final Kind kind;

  EscalationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.ESCALATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

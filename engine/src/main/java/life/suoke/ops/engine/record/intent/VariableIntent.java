package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#VARIABLE} records: a variable. */
public enum VariableIntent implements Intent {
  CREATED(Kind.EVENT),
  UPDATED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  VariableIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.VARIABLE;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

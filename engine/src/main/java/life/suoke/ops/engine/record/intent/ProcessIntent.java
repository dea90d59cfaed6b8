package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#PROCESS} records: a process definition. */
public enum ProcessIntent implements Intent {
  CREATED(Kind.EVENT),
  DELETING(Kind.EVENT),
  DELETED(Kind.EVENT);

  private final Kind kind;

  ProcessIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

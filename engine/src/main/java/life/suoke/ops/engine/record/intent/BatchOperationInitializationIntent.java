package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#BATCH_OPERATION_INITIALIZATION} records: the initialization of a
 * batch operation (finding its items).
 */
public enum BatchOperationInitializationIntent implements Intent {
  INITIALIZE(Kind.COMMAND),
  INITIALIZING(Kind.EVENT),
  INITIALIZED(Kind.EVENT),
  FINISH_INITIALIZATION(Kind.COMMAND);

  private final Kind kind;

  BatchOperationInitializationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_INITIALIZATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

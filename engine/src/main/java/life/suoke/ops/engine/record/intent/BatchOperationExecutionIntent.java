package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#BATCH_OPERATION_EXECUTION} records: the execution of a batch
 * operation's items.
 */
public enum BatchOperationExecutionIntent implements Intent {
  EXECUTE(Kind.COMMAND),
  EXECUTING(Kind.EVENT),
  EXECUTED(Kind.EVENT);

  private final Kind kind;

  BatchOperationExecutionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_EXECUTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

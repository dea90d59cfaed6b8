package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#BATCH_OPERATION_CREATION} records: the creation of a batch
 * operation.
 */
public enum BatchOperationCreationIntent implements Intent {
  CREATE(Kind.COMMAND),
  CREATED(Kind.EVENT);

  private final Kind kind;

  BatchOperationCreationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_CREATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

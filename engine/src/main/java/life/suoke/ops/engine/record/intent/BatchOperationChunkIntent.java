package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#BATCH_OPERATION_CHUNK} records: a chunk of a batch operation's
 * items.
 */
public enum BatchOperationChunkIntent implements Intent {
  CREATED(Kind.EVENT);

  private final Kind kind;

  BatchOperationChunkIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_CHUNK;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_INSTANCE_RESULT} records: the result of a process
 * instance (not written by this engine).
 */
public enum ProcessInstanceResultIntent implements Intent {
  COMPLETED(Kind.EVENT);

  private final Kind kind;

  ProcessInstanceResultIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_RESULT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_INSTANCE_MODIFICATION} records: the modification of a
 * process instance.
 */
public enum ProcessInstanceModificationIntent implements Intent {
  MODIFY(Kind.COMMAND),
  MODIFIED(Kind.EVENT);

  private final Kind kind;

  ProcessInstanceModificationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_MODIFICATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_INSTANCE_CREATION} records: the creation of a process
 * instance.
 */
public enum ProcessInstanceCreationIntent implements Intent {
  CREATE(Kind.COMMAND),
  CREATE_WITH_AWAITING_RESULT(Kind.COMMAND),
  CREATED(Kind.EVENT);

  private final Kind kind;

  ProcessInstanceCreationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_CREATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

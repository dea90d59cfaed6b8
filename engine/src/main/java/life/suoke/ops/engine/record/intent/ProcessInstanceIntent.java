package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_INSTANCE} records: an element instance (the process
 * instance itself included) or a sequence flow.
 */
public enum ProcessInstanceIntent implements Intent {
  CANCEL(Kind.COMMAND),
  COMPLETE_EXECUTION_LISTENER(Kind.COMMAND),
  ELEMENT_ACTIVATING(Kind.EVENT),
  ELEMENT_ACTIVATED(Kind.EVENT),
  ELEMENT_COMPLETING(Kind.EVENT),
  ELEMENT_COMPLETED(Kind.EVENT),
  ELEMENT_TERMINATING(Kind.EVENT),
  ELEMENT_TERMINATED(Kind.EVENT),
  ELEMENT_MIGRATED(Kind.EVENT),
  SEQUENCE_FLOW_TAKEN(Kind.EVENT),
  SEQUENCE_FLOW_DELETED(Kind.EVENT);

  private final Kind kind;

  ProcessInstanceIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

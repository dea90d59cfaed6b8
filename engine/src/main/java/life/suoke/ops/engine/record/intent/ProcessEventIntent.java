package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_EVENT} records: an event that triggers an element (a
 * timer, message, signal, error or escalation caught).
 */
public enum ProcessEventIntent implements Intent {
  TRIGGERING(Kind.EVENT),
  TRIGGERED(Kind.EVENT);

  private final Kind kind;

  ProcessEventIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_EVENT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

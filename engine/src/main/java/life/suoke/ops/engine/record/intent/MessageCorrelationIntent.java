package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#MESSAGE_CORRELATION} records: the correlation of a message to one
 * subscriber.
 */
public enum MessageCorrelationIntent implements Intent {
  CORRELATE(Kind.COMMAND),
  CORRELATED(Kind.EVENT);

  private final Kind kind;

  MessageCorrelationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE_CORRELATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

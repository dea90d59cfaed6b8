package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#MESSAGE} records: a published message. */
public enum MessageIntent implements Intent {
  PUBLISH(Kind.COMMAND),
  PUBLISHED(Kind.EVENT),
  EXPIRED(Kind.EVENT);

  private final Kind kind;

  MessageIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#MESSAGE_START_EVENT_SUBSCRIPTION} records: a message start
 * event's subscription.
 */
public enum MessageStartEventSubscriptionIntent implements Intent {
  CORRELATED(Kind.EVENT);

  private final Kind kind;

  MessageStartEventSubscriptionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.MESSAGE_START_EVENT_SUBSCRIPTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

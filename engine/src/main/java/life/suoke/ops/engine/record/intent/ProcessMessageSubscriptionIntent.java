package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_MESSAGE_SUBSCRIPTION} records: an element instance's
 * subscription to a message.
 */
public enum ProcessMessageSubscriptionIntent implements Intent {
  CREATED(Kind.EVENT),
  CORRELATED(Kind.EVENT),
  DELETED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  ProcessMessageSubscriptionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_MESSAGE_SUBSCRIPTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

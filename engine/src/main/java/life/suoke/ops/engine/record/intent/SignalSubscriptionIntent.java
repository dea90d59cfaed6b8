package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#SIGNAL_SUBSCRIPTION} records: a subscription to a signal. */
public enum SignalSubscriptionIntent implements Intent {
  CREATED(Kind.EVENT),
  DELETED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  SignalSubscriptionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.SIGNAL_SUBSCRIPTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

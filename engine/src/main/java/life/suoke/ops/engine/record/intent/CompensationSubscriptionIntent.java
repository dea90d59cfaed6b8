package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#COMPENSATION_SUBSCRIPTION} records: a compensable activity's
 * subscription.
 */
public enum CompensationSubscriptionIntent implements Intent {
  CREATED(Kind.EVENT),
  TRIGGERED(Kind.EVENT),
  COMPLETED(Kind.EVENT),
  DELETED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  CompensationSubscriptionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.COMPENSATION_SUBSCRIPTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

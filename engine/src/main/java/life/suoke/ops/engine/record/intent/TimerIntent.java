package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#TIMER} records: a timer. */
public enum TimerIntent implements Intent {
  CREATED(Kind.EVENT),
  TRIGGERED(Kind.EVENT),
  CANCELED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  TimerIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.TIMER;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#CLOCK} records: the engine's clock. */
public enum ClockIntent implements Intent {
  PIN(Kind.COMMAND),
  PINNED(Kind.EVENT),
  RESET(Kind.COMMAND),
  RESETTED(Kind.EVENT);

  private final Kind kind;

  ClockIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.CLOCK;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#SIGNAL} records: a broadcast signal. */
public enum SignalIntent implements Intent {
  BROADCAST(Kind.COMMAND),
  BROADCASTED(Kind.EVENT);

  private final Kind kind;

  SignalIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.SIGNAL;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#ERROR} records: an error no catch event caught (not written by
 * this engine).
 */
public enum ErrorIntent implements Intent {
  CREATED(Kind.EVENT);

  private final Kind kind;

  ErrorIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.ERROR;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

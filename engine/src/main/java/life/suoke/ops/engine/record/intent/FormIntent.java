package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#FORM} records: a form. */
public enum FormIntent implements Intent {
  CREATED(Kind.EVENT),
  DELETED(Kind.EVENT);

  private final Kind kind;

  FormIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.FORM;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

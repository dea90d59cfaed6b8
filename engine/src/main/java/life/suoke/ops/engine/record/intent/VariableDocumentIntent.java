package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#VARIABLE_DOCUMENT} records: a document of variables set on a
 * scope.
 */
public enum VariableDocumentIntent implements Intent {
  UPDATE(Kind.COMMAND),
  UPDATED(Kind.EVENT);

  private final Kind kind;

  VariableDocumentIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.VARIABLE_DOCUMENT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

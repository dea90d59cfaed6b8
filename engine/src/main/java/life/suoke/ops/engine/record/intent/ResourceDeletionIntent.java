package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#RESOURCE_DELETION} records: the deletion of a deployed resource.
 */
public enum ResourceDeletionIntent implements Intent {
  DELETE(Kind.COMMAND),
  DELETING(Kind.EVENT),
  DELETED(Kind.EVENT);

  private final Kind kind;

  ResourceDeletionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.RESOURCE_DELETION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#BATCH_OPERATION_LIFECYCLE_MANAGEMENT} records: the life cycle of
 * a batch operation.
 */
public enum BatchOperationLifecycleManagementIntent implements Intent {
  SUSPEND(Kind.COMMAND),
  SUSPENDED(Kind.EVENT),
  RESUME(Kind.COMMAND),
  RESUMED(Kind.EVENT),
  CANCEL(Kind.COMMAND),
  CANCELED(Kind.EVENT),
  FAIL(Kind.COMMAND),
  FAILED(Kind.EVENT),
  COMPLETED(Kind.EVENT);

  private final Kind kind;

  BatchOperationLifecycleManagementIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

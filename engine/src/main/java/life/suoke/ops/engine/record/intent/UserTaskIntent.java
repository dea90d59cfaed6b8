package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#USER_TASK} records: a user task. */
public enum UserTaskIntent implements Intent {
  CREATING(Kind.EVENT),
  CREATED(Kind.EVENT),
  ASSIGN(Kind.COMMAND),
  ASSIGNING(Kind.EVENT),
  /** Not written by this engine (a claim is an ASSIGNING); applied if a log has it. */
  CLAIMING(Kind.EVENT),
  ASSIGNED(Kind.EVENT),
  UPDATE(Kind.COMMAND),
  UPDATING(Kind.EVENT),
  UPDATED(Kind.EVENT),
  COMPLETE(Kind.COMMAND),
  COMPLETING(Kind.EVENT),
  COMPLETED(Kind.EVENT),
  CANCELING(Kind.EVENT),
  CANCELED(Kind.EVENT),
  CORRECTED(Kind.EVENT),
  COMPLETE_TASK_LISTENER(Kind.COMMAND),
  DENY_TASK_LISTENER(Kind.COMMAND),
  ASSIGNMENT_DENIED(Kind.EVENT),
  UPDATE_DENIED(Kind.EVENT),
  COMPLETION_DENIED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  UserTaskIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.USER_TASK;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

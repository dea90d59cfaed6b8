package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#JOB} records: a job. */
public enum JobIntent implements Intent {
  CREATED(Kind.EVENT),
  /** Not written by this engine (a JOB_BATCH ACTIVATED activates jobs); applied if a log has it. */
  ACTIVATED(Kind.EVENT),
  COMPLETE(Kind.COMMAND),
  COMPLETED(Kind.EVENT),
  FAIL(Kind.COMMAND),
  FAILED(Kind.EVENT),
  THROW_ERROR(Kind.COMMAND),
  ERROR_THROWN(Kind.EVENT),
  UPDATE_RETRIES(Kind.COMMAND),
  RETRIES_UPDATED(Kind.EVENT),
  UPDATE_TIMEOUT(Kind.COMMAND),
  TIMEOUT_UPDATED(Kind.EVENT),
  TIMED_OUT(Kind.EVENT),
  RECURRED_AFTER_BACKOFF(Kind.EVENT),
  YIELDED(Kind.EVENT),
  CANCELED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  JobIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.JOB;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

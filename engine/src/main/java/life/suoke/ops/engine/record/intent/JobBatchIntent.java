package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#JOB_BATCH} records: a batch of jobs activated together. */
public enum JobBatchIntent implements Intent {
  ACTIVATED(Kind.EVENT);

  private final Kind kind;

  JobBatchIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.JOB_BATCH;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

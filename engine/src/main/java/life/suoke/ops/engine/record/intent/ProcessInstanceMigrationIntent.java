package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#PROCESS_INSTANCE_MIGRATION} records: the migration of a process
 * instance.
 */
public enum ProcessInstanceMigrationIntent implements Intent {
  MIGRATE(Kind.COMMAND),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  ProcessInstanceMigrationIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.PROCESS_INSTANCE_MIGRATION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

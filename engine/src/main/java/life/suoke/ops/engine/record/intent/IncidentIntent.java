package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#INCIDENT} records: an incident. */
public enum IncidentIntent implements Intent {
  CREATED(Kind.EVENT),
  RESOLVE(Kind.COMMAND),
  RESOLVED(Kind.EVENT),
  MIGRATED(Kind.EVENT);

  private final Kind kind;

  IncidentIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.INCIDENT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

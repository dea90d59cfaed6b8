package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/** The intents of {@link ValueType#DEPLOYMENT} records: a deployment of resources. */
public enum DeploymentIntent implements Intent {
  CREATE(Kind.COMMAND),
  CREATED(Kind.EVENT);

  private final Kind kind;

  DeploymentIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.DEPLOYMENT;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

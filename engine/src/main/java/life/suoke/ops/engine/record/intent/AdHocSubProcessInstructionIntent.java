package life.suoke.ops.engine.record.intent;

import life.suoke.ops.engine.record.ValueType;

/**
 * The intents of {@link ValueType#AD_HOC_SUB_PROCESS_INSTRUCTION} records: an instruction to an
 * ad-hoc sub-process.
 */
public enum AdHocSubProcessInstructionIntent implements Intent {
  ACTIVATE(Kind.COMMAND),
  ACTIVATED(Kind.EVENT),
  COMPLETED(Kind.EVENT);

  private final Kind kind;

  AdHocSubProcessInstructionIntent(Kind kind) {
    this.kind = kind;
  }

  @Override
  public ValueType valueType() {
    return ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION;
  }

  @Override
  public boolean isEvent() {
    return kind == Kind.EVENT;
  }
}

package life.suoke.ops.engine.model;

/**
 * The body of a multi-instance activity ({@link BpmnElementType#MULTI_INSTANCE_BODY}): it has the
 * activity's id, its sequence flows and boundary events, and runs the inner activity once per
 * element of the input collection.
 */
public final class ExecutableMultiInstanceBody extends ExecutableActivity {

  private final LoopCharacteristics loopCharacteristics;
  private final ExecutableActivity innerActivity;

  ExecutableMultiInstanceBody(
      ExecutableActivity innerActivity, LoopCharacteristics loopCharacteristics) {
    super(innerActivity.id(), innerActivity.name(), BpmnElementType.MULTI_INSTANCE_BODY);
    this.loopCharacteristics = loopCharacteristics;
    this.innerActivity = innerActivity;
  }

  public LoopCharacteristics loopCharacteristics() {
    return loopCharacteristics;
  }

  /**
   * The activity each inner instance runs: it keeps everything but the sequence flows and boundary
   * events (its task definition, mappings, called element, the elements of a subprocess).
   */
  public ExecutableActivity innerActivity() {
    return innerActivity;
  }
}

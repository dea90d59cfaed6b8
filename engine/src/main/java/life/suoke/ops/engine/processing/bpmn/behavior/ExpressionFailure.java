package life.suoke.ops.engine.processing.bpmn.behavior;

/** An expression or mapping that could not be evaluated; its message becomes the incident's. */
public final class ExpressionFailure extends Exception {

  public ExpressionFailure(String message) {
    super(message, null, false, false);
  }
}

package life.suoke.ops.engine.model;

/** A call activity: it creates an instance of the called process and waits for it. */
public final class ExecutableCallActivity extends ExecutableActivity {

  private final CalledElement calledElement;

  ExecutableCallActivity(String id, String name, CalledElement calledElement) {
    super(id, name, BpmnElementType.CALL_ACTIVITY);
    this.calledElement = calledElement;
  }

  /** The called process, its binding and how variables propagate. */
  public CalledElement calledElement() {
    return calledElement;
  }
}

package life.suoke.ops.engine.model;

/**
 * A script task the engine evaluates itself ({@code zeebe:script}); a job-based script task is an
 * {@link ExecutableJobWorkerTask}.
 */
public final class ExecutableScriptTask extends ExecutableActivity {

  private final Expression script;
  private final String resultVariable;

  ExecutableScriptTask(String id, String name, Expression script, String resultVariable) {
    super(id, name, BpmnElementType.SCRIPT_TASK);
    this.script = script;
    this.resultVariable = resultVariable;
  }

  /** The FEEL expression the task evaluates. */
  public Expression script() {
    return script;
  }

  /** The variable the result is written to. */
  public String resultVariable() {
    return resultVariable;
  }
}

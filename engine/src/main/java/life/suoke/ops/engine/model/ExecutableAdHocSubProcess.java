package life.suoke.ops.engine.model;

/**
 * An ad-hoc subprocess: it activates its elements each in an inner instance ({@link
 * AdHocSubProcess#innerInstance()}), as its active elements collection, a job worker or a command
 * says, and completes by its completion condition.
 */
public final class ExecutableAdHocSubProcess extends ExecutableActivity {

  private final JobDefinition jobDefinition;
  private AdHocSubProcess adHocSubProcess;

  ExecutableAdHocSubProcess(String id, String name, JobDefinition jobDefinition) {
    super(id, name, BpmnElementType.AD_HOC_SUB_PROCESS);
    this.jobDefinition = jobDefinition;
  }

  /** What it activates and when it completes. */
  public AdHocSubProcess adHocSubProcess() {
    return adHocSubProcess;
  }

  void setAdHocSubProcess(AdHocSubProcess adHocSubProcess) {
    this.adHocSubProcess = adHocSubProcess;
  }

  /**
   * The job of a job worker that decides what to activate ({@code zeebe:taskDefinition} on the
   * subprocess), or null when the engine decides by the active elements collection and completion
   * condition.
   */
  public JobDefinition jobDefinition() {
    return jobDefinition;
  }
}

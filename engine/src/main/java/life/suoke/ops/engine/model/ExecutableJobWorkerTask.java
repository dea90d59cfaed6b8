package life.suoke.ops.engine.model;

/**
 * A task a job worker carries out: a service or send task, and a script task, business rule task or
 * user task implemented by a job ({@code zeebe:taskDefinition}, or {@code zeebe:formDefinition}
 * without {@code zeebe:userTask} for a job-worker user task).
 */
public final class ExecutableJobWorkerTask extends ExecutableActivity {

  private final JobDefinition jobDefinition;

  ExecutableJobWorkerTask(
      String id, String name, BpmnElementType type, JobDefinition jobDefinition) {
    super(id, name, type);
    this.jobDefinition = jobDefinition;
  }

  /** The job the task creates: its type, retries, headers and linked form. */
  public JobDefinition jobDefinition() {
    return jobDefinition;
  }
}

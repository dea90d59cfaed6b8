package life.suoke.ops.processes;

/**
 * Marks the processes module: its BPMN, DMN and form files sit next to this class's package root,
 * so that the application finds and deploys exactly these files at start.
 */
public final class ProcessesModule {

  private ProcessesModule() {}
}

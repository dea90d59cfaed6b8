package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One flow node (or the process itself) ready to execute. */
public final class ExecutableElement {

  private final String id;
  private final String name;
  private final BpmnElementType type;
  private final List<SequenceFlow> incoming = new ArrayList<>();
  private final List<SequenceFlow> outgoing = new ArrayList<>();
  private final List<Mapping> inputMappings = new ArrayList<>();
  private final List<Mapping> outputMappings = new ArrayList<>();
  private JobDefinition jobDefinition;
  private UserTaskDefinition userTaskDefinition;
  private String defaultFlowId;
  private Map<String, String> taskHeaders = Map.of();

  public ExecutableElement(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  public String id() { return id; }
  public String name() { return name; }
  public BpmnElementType type() { return type; }
  public List<SequenceFlow> incoming() { return incoming; }
  public List<SequenceFlow> outgoing() { return outgoing; }
  public List<Mapping> inputMappings() { return inputMappings; }
  public List<Mapping> outputMappings() { return outputMappings; }
  /** For service and send tasks; null otherwise. */
  public JobDefinition jobDefinition() { return jobDefinition; }
  /** For user tasks with {@code zeebe:userTask}; null otherwise. */
  public UserTaskDefinition userTaskDefinition() { return userTaskDefinition; }
  /** The default flow of an exclusive gateway, null if none. */
  public String defaultFlowId() { return defaultFlowId; }

  public void setJobDefinition(JobDefinition jobDefinition) { this.jobDefinition = jobDefinition; }
  public void setUserTaskDefinition(UserTaskDefinition userTaskDefinition) { this.userTaskDefinition = userTaskDefinition; }
  public void setDefaultFlowId(String defaultFlowId) { this.defaultFlowId = defaultFlowId; }

  /**
   * The static {@code zeebe:taskHeaders} of a task, in modelling order (empty if none). For a job
   * they are also in {@link JobDefinition#headers()}; a Camunda user task keeps them here.
   */
  public Map<String, String> taskHeaders() { return taskHeaders; }
  public void setTaskHeaders(Map<String, String> taskHeaders) { this.taskHeaders = taskHeaders == null ? Map.of() : taskHeaders; }
}

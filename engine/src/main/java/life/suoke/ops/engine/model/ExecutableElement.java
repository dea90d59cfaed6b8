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
  private BpmnEventType eventType;
  private TimerDefinition timerDefinition;
  private String attachedToId;
  private boolean interrupting = true;
  private final List<ExecutableElement> boundaryEvents = new ArrayList<>();

  public ExecutableElement(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.eventType = type.isEvent() ? BpmnEventType.NONE : BpmnEventType.UNSPECIFIED;
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

  /**
   * The event type (Zeebe's {@code bpmnEventType}): {@code UNSPECIFIED} for non-events, {@code NONE}
   * for an event without definition, {@code TIMER} for a timer start, intermediate catch or boundary
   * event, {@code TERMINATE} for a terminate end event.
   */
  public BpmnEventType eventType() { return eventType; }
  public void setEventType(BpmnEventType eventType) { this.eventType = eventType; }

  /** The timer of a timer event ({@link #eventType()} {@code TIMER}); null otherwise. */
  public TimerDefinition timerDefinition() { return timerDefinition; }
  public void setTimerDefinition(TimerDefinition timerDefinition) { this.timerDefinition = timerDefinition; }

  /** For a boundary event: the id of the activity it is attached to; null otherwise. */
  public String attachedToId() { return attachedToId; }

  /**
   * For a boundary event: whether it interrupts (cancels) the activity when triggered, BPMN's {@code
   * cancelActivity} (true unless {@code cancelActivity="false"}). True for every other element.
   */
  public boolean interrupting() { return interrupting; }

  public void setBoundaryEvent(String attachedToId, boolean interrupting) {
    this.attachedToId = attachedToId;
    this.interrupting = interrupting;
  }

  /** For an activity: the boundary events attached to it, in document order (empty if none). */
  public List<ExecutableElement> boundaryEvents() { return boundaryEvents; }
}

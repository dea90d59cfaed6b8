package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployable process turned into what the engine executes: its flow nodes by id, its sequence
 * flows by id, its none start event (at most one) and its timer, message and signal start events (a
 * process may have any mix of them, with or without a none start event).
 */
public final class ExecutableProcess {

  private final String bpmnProcessId;
  private final String name;
  private final ExecutableFlowScope processElement;
  private final Map<String, ExecutableElement> elements = new LinkedHashMap<>();
  private final Map<String, SequenceFlow> sequenceFlows = new LinkedHashMap<>();
  private ExecutableCatchEvent noneStartEvent;
  private final List<ExecutableCatchEvent> timerStartEvents = new ArrayList<>();
  private final List<ExecutableCatchEvent> messageStartEvents = new ArrayList<>();
  private final List<ExecutableCatchEvent> signalStartEvents = new ArrayList<>();
  private String versionTag;

  public ExecutableProcess(String bpmnProcessId, String name) {
    this.bpmnProcessId = bpmnProcessId;
    this.name = name;
    this.processElement = new ExecutableFlowScope(bpmnProcessId, name, BpmnElementType.PROCESS);
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public String name() {
    return name;
  }

  public ExecutableFlowScope processElement() {
    return processElement;
  }

  /** The start event without event definition, or null if the process has none. */
  public ExecutableCatchEvent noneStartEvent() {
    return noneStartEvent;
  }

  /**
   * The timer start events of the process, in document order (empty if none). Zeebe schedules a
   * timer for each when the process is deployed and cancels those of the previous version.
   */
  public List<ExecutableCatchEvent> timerStartEvents() {
    return Collections.unmodifiableList(timerStartEvents);
  }

  /**
   * The message start events of the process, in document order (empty if none), each with a static
   * message name (a FEEL name was evaluated on deployment) and no correlation key. Zeebe opens a
   * message start event subscription for each when the process is deployed and closes those of the
   * previous version.
   */
  public List<ExecutableCatchEvent> messageStartEvents() {
    return Collections.unmodifiableList(messageStartEvents);
  }

  /**
   * The signal start events of the process, in document order (empty if none), each with a static
   * signal name (a FEEL name was evaluated on deployment). Zeebe opens a signal subscription for
   * each when the process is deployed and deletes those of the previous version.
   */
  public List<ExecutableCatchEvent> signalStartEvents() {
    return Collections.unmodifiableList(signalStartEvents);
  }

  public ExecutableElement element(String id) {
    return id.equals(bpmnProcessId) ? processElement : elements.get(id);
  }

  /**
   * The element of that id as the kind the caller knows it is (a {@link ClassCastException} if it
   * is not), or null if there is none.
   */
  public <T extends ExecutableElement> T element(String id, Class<T> kind) {
    return kind.cast(element(id));
  }

  public SequenceFlow sequenceFlow(String id) {
    return sequenceFlows.get(id);
  }

  public Map<String, ExecutableElement> elements() {
    return Collections.unmodifiableMap(elements);
  }

  public Map<String, SequenceFlow> sequenceFlows() {
    return Collections.unmodifiableMap(sequenceFlows);
  }

  void addElement(ExecutableElement element) {
    elements.put(element.id(), element);
  }

  void addSequenceFlow(SequenceFlow flow) {
    sequenceFlows.put(flow.id(), flow);
  }

  void setNoneStartEvent(ExecutableCatchEvent startEvent) {
    this.noneStartEvent = startEvent;
  }

  void addTimerStartEvent(ExecutableCatchEvent startEvent) {
    timerStartEvents.add(startEvent);
  }

  void addMessageStartEvent(ExecutableCatchEvent startEvent) {
    messageStartEvents.add(startEvent);
  }

  void addSignalStartEvent(ExecutableCatchEvent startEvent) {
    signalStartEvents.add(startEvent);
  }

  /** The process's {@code zeebe:versionTag}, or null. */
  public String versionTag() {
    return versionTag;
  }

  void setVersionTag(String versionTag) {
    this.versionTag = versionTag;
  }
}

package life.suoke.ops.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployable process turned into what the engine executes: its flow nodes by id, its sequence
 * flows by id, and its none start event.
 */
public final class ExecutableProcess {

  private final String bpmnProcessId;
  private final String name;
  private final ExecutableElement processElement;
  private final Map<String, ExecutableElement> elements = new LinkedHashMap<>();
  private final Map<String, SequenceFlow> sequenceFlows = new LinkedHashMap<>();
  private ExecutableElement noneStartEvent;
  private String versionTag;

  public ExecutableProcess(String bpmnProcessId, String name) {
    this.bpmnProcessId = bpmnProcessId;
    this.name = name;
    this.processElement = new ExecutableElement(bpmnProcessId, name, BpmnElementType.PROCESS);
  }

  public String bpmnProcessId() { return bpmnProcessId; }
  public String name() { return name; }
  public ExecutableElement processElement() { return processElement; }
  public ExecutableElement noneStartEvent() { return noneStartEvent; }

  public ExecutableElement element(String id) {
    return id.equals(bpmnProcessId) ? processElement : elements.get(id);
  }

  public SequenceFlow sequenceFlow(String id) { return sequenceFlows.get(id); }
  public Map<String, ExecutableElement> elements() { return Collections.unmodifiableMap(elements); }
  public Map<String, SequenceFlow> sequenceFlows() { return Collections.unmodifiableMap(sequenceFlows); }

  public void addElement(ExecutableElement element) { elements.put(element.id(), element); }
  public void addSequenceFlow(SequenceFlow flow) { sequenceFlows.put(flow.id(), flow); }
  public void setNoneStartEvent(ExecutableElement startEvent) { this.noneStartEvent = startEvent; }

  /** The process's {@code zeebe:versionTag}, or null. */
  public String versionTag() { return versionTag; }
  public void setVersionTag(String versionTag) { this.versionTag = versionTag; }
}

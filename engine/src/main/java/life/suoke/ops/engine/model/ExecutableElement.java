package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One flow node (or the process itself) ready to execute: what every element has (id, name, type,
 * event type, sequence flows, mappings, flow scope, execution listeners). Each element kind adds
 * its own in a subclass: activities ({@link ExecutableActivity} and its tasks and containers),
 * events ({@link ExecutableEvent}: catch, boundary and throw events) and gateways ({@link
 * ExecutableGateway}, {@link ExecutableEventBasedGateway}). Only the transformer in this package
 * builds and links them; the engine reads them.
 */
public abstract sealed class ExecutableElement
    permits ExecutableActivity, ExecutableEvent, ExecutableGateway {

  private final String id;
  private final String name;
  private final BpmnElementType type;
  private final List<SequenceFlow> incoming = new ArrayList<>();
  private final List<SequenceFlow> outgoing = new ArrayList<>();
  private final List<Mapping> inputMappings = new ArrayList<>();
  private final List<Mapping> outputMappings = new ArrayList<>();
  private BpmnEventType eventType;
  private String flowScopeId;
  private List<ExecutionListener> executionListeners = List.of();

  ExecutableElement(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.eventType = type.isEvent() ? BpmnEventType.NONE : BpmnEventType.UNSPECIFIED;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public BpmnElementType type() {
    return type;
  }

  public List<SequenceFlow> incoming() {
    return Collections.unmodifiableList(incoming);
  }

  public List<SequenceFlow> outgoing() {
    return Collections.unmodifiableList(outgoing);
  }

  void addIncoming(SequenceFlow flow) {
    incoming.add(flow);
  }

  void addOutgoing(SequenceFlow flow) {
    outgoing.add(flow);
  }

  public List<Mapping> inputMappings() {
    return Collections.unmodifiableList(inputMappings);
  }

  public List<Mapping> outputMappings() {
    return Collections.unmodifiableList(outputMappings);
  }

  void addInputMapping(Mapping mapping) {
    inputMappings.add(mapping);
  }

  void addOutputMapping(Mapping mapping) {
    outputMappings.add(mapping);
  }

  /**
   * The event type (Zeebe's {@code bpmnEventType}): {@code UNSPECIFIED} for non-events, {@code
   * NONE} for an event without definition, otherwise the kind of its definition: {@code TIMER},
   * {@code MESSAGE}, {@code SIGNAL}, {@code ERROR}, {@code ESCALATION}, {@code LINK}, {@code
   * COMPENSATION} or {@code TERMINATE}. Receive tasks and event-based gateways are not events
   * ({@code UNSPECIFIED}), as in Zeebe; a compensation handler activity is {@code COMPENSATION}.
   */
  public BpmnEventType eventType() {
    return eventType;
  }

  void setEventType(BpmnEventType eventType) {
    this.eventType = eventType;
  }

  /**
   * The id of the embedded subprocess (or ad-hoc inner instance) this element is in, or null for
   * the process itself.
   */
  public String flowScopeId() {
    return flowScopeId;
  }

  void setFlowScopeId(String flowScopeId) {
    this.flowScopeId = flowScopeId;
  }

  /**
   * The {@code zeebe:executionListeners} of the element (or process), in modelling order; empty if
   * none.
   */
  public List<ExecutionListener> executionListeners() {
    return executionListeners;
  }

  /** The listeners of one event type, in modelling order (the order they run in). */
  public List<ExecutionListener> executionListeners(ExecutionListener.EventType eventType) {
    return executionListeners.stream()
        .filter(listener -> listener.eventType() == eventType)
        .toList();
  }

  void setExecutionListeners(List<ExecutionListener> listeners) {
    this.executionListeners = List.copyOf(listeners);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + type + " " + id + "]";
  }
}

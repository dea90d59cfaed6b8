package life.suoke.ops.engine.state;

import java.util.HashMap;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;

/** A live element instance (the process instance itself is one, with no flow scope). */
public final class ElementInstance {

  public enum State {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    COMPLETED,
    TERMINATING,
    TERMINATED
  }

  public final long key;
  public final long processInstanceKey;

  long processDefinitionKey;

  String bpmnProcessId;
  int version;
  public final String tenantId;
  public final long flowScopeKey;
  ExecutableElement element;
  State state = State.ACTIVATING;

  int activeChildren;

  int activeFlows;

  long jobKey = -1;
  long userTaskKey = -1;
  long incidentKey = -1;

  int executionListenerIndex;

  Map<String, Map<String, Integer>> joinTokens;

  Map<String, Integer> pendingFlows;

  public final long startTime;

  long parentElementInstanceKey = -1;

  long parentProcessInstanceKey = -1;

  long calledChildKey = -1;

  int loopCounter;

  int completedChildren;

  int terminatedChildren;

  String interruptingElementId;

  boolean adHocCompletionConditionFulfilled;

  boolean adHocCancelRemainingInstances;

  public ElementInstance(
      long key,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      String tenantId,
      long flowScopeKey,
      ExecutableElement element,
      long startTime) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.version = version;
    this.tenantId = tenantId;
    this.flowScopeKey = flowScopeKey;
    this.element = element;
    this.startTime = startTime;
  }

  /**
   * The process definition, its id and version, and the element: a migration moves them to another
   * process.
   */
  public long processDefinitionKey() {
    return processDefinitionKey;
  }

  /** The process definition's id: a migration moves it to another process. */
  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  /** The process definition's version: a migration moves it to another process. */
  public int version() {
    return version;
  }

  /** The element: a migration moves it to another process. */
  public ExecutableElement element() {
    return element;
  }

  /**
   * The element as the kind a processor or behaviour of that kind handles: a process's element as
   * {@code ExecutableFlowScope}, a multi-instance body's as {@code ExecutableMultiInstanceBody},
   * and so on. A lookup of the wrong kind is a {@link ClassCastException} naming both.
   */
  public <T extends ExecutableElement> T element(Class<T> kind) {
    return kind.cast(element);
  }

  public State state() {
    return state;
  }

  /** Children in ACTIVATING..TERMINATING. */
  public int activeChildren() {
    return activeChildren;
  }

  /** Sequence flows taken into this scope whose target is not active yet (waiting at a join). */
  public int activeFlows() {
    return activeFlows;
  }

  public long jobKey() {
    return jobKey;
  }

  public long userTaskKey() {
    return userTaskKey;
  }

  public long incidentKey() {
    return incidentKey;
  }

  /**
   * How many execution listener jobs were created for the element's current start or end phase: the
   * next listener to run. Reset when the element is activated and when an incident of its own (not
   * a job's) is resolved, since the phase then runs again from its first listener (Zeebe's rule).
   */
  public int executionListenerIndex() {
    return executionListenerIndex;
  }

  /**
   * Join tokens (parallel and inclusive gateways): gateway id, then sequence flow id, then count.
   */
  public Map<String, Map<String, Integer>> joinTokens() {
    return joinTokens == null ? null : java.util.Collections.unmodifiableMap(joinTokens);
  }

  /**
   * Sequence flows taken into this scope towards a non-joining element not active yet: flow id,
   * then count.
   */
  public Map<String, Integer> pendingFlows() {
    return pendingFlows == null ? null : java.util.Collections.unmodifiableMap(pendingFlows);
  }

  /**
   * For a process instance called by a call activity: the caller's instance and process instance;
   * -1 otherwise.
   */
  public long parentElementInstanceKey() {
    return parentElementInstanceKey;
  }

  /**
   * For a process instance called by a call activity: the caller's process instance; -1 otherwise.
   */
  public long parentProcessInstanceKey() {
    return parentProcessInstanceKey;
  }

  /** For a call activity: the process instance it called, -1 before. */
  public long calledChildKey() {
    return calledChildKey;
  }

  /**
   * For a multi-instance body: how many inner instances it has created; for an inner instance: its
   * number, from 1 (the {@code loopCounter} variable). 0 otherwise.
   */
  public int loopCounter() {
    return loopCounter;
  }

  /** For a multi-instance body: its inner instances that completed, and that were terminated. */
  public int completedChildren() {
    return completedChildren;
  }

  /** For a multi-instance body: its inner instances that were terminated. */
  public int terminatedChildren() {
    return terminatedChildren;
  }

  /**
   * For a scope (process instance, subprocess, event subprocess): the id of the interrupting event
   * subprocess that was triggered in it, null while none was. An interrupted scope lets nothing but
   * that event subprocess start in it, and errors and escalations are no longer caught in it.
   */
  public String interruptingElementId() {
    return interruptingElementId;
  }

  /**
   * For an ad-hoc subprocess that a job worker implements: whether a job result fulfilled its
   * completion condition (AD_HOC_SUB_PROCESS_INSTRUCTION COMPLETED), so that it completes rather
   * than asks its worker again, and whether the inner instances still active are then terminated
   * rather than waited for.
   */
  public boolean adHocCompletionConditionFulfilled() {
    return adHocCompletionConditionFulfilled;
  }

  /**
   * For an ad-hoc subprocess that a job worker implements: whether the inner instances still active
   * are terminated rather than waited for once its completion condition is fulfilled.
   */
  public boolean adHocCancelRemainingInstances() {
    return adHocCancelRemainingInstances;
  }

  public BpmnElementType type() {
    return element.type();
  }

  public boolean isActive() {
    return state == State.ACTIVATING || state == State.ACTIVATED || state == State.COMPLETING;
  }

  Map<String, Integer> joinTokens(String gatewayId) {
    if (joinTokens == null) {
      joinTokens = new HashMap<>();
    }
    return joinTokens.computeIfAbsent(gatewayId, g -> new HashMap<>());
  }
}

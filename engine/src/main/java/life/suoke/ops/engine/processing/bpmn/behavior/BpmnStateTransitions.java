package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * The lifecycle of element instances as the behaviours and the other processors reach it: it writes
 * an element instance's lifecycle records (ELEMENT_ACTIVATING ... ELEMENT_TERMINATED), runs the
 * steps every element shares (input and output mappings, execution listeners) and hands the
 * element's own steps to its element processor. The behaviours go on through it where an element
 * has to be activated, completed or terminated, and so never call an element processor themselves.
 */
public interface BpmnStateTransitions {

  /**
   * Creates a process instance at a start event ({@code caller}: the call activity that calls it,
   * or null): ELEMENT_ACTIVATING with its variables, its start listeners, then ELEMENT_ACTIVATED
   * and the start event.
   */
  ElementInstance createProcessInstance(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> variables,
      ExecutableElement start,
      ElementInstance caller);

  /** Creates a process instance that no call activity called. */
  default ElementInstance createProcessInstance(
      ProcessingContext ctx,
      ProcessDefinition definition,
      Map<String, Object> variables,
      ExecutableElement start) {
    return createProcessInstance(ctx, definition, variables, start, null);
  }

  /**
   * Activates an element in a flow scope (nothing, if the scope was left or interrupted by an event
   * subprocess meanwhile).
   */
  void activate(ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element);

  /**
   * Activates an element whose event has already happened (a triggered boundary event, the catch
   * event an event-based gateway chose): it completes right away with the event's variables.
   */
  void activateTriggered(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      Map<String, Object> eventVariables);

  /**
   * Activates an element under a key chosen before (a compensation handler, named by its
   * subscription).
   */
  void activateWithKey(
      ProcessingContext ctx, ElementInstance flowScope, ExecutableElement element, long key);

  /**
   * Activates an element where a process instance modification or start instruction puts it: its
   * own variables are set in its scope first.
   */
  void activateWithLocalVariables(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      List<Map<String, Object>> localVariables);

  /**
   * Enters an element instance without the steps of an activation: ELEMENT_ACTIVATING, its local
   * variables, ELEMENT_ACTIVATED, and nothing else (no input mappings, no start listeners, nothing
   * of the element's own: no start event, subscription or job). Zeebe enters so the flow scopes
   * that a process instance modification or start instructions create (the command then opens the
   * catch events it planned for them) and the inner instances of an ad-hoc subprocess (the
   * subprocess then activates its chosen element in it).
   */
  ElementInstance enter(
      ProcessingContext ctx,
      ElementInstance flowScope,
      ExecutableElement element,
      List<Map<String, Object>> localVariables);

  /**
   * Enters, as {@link #enter}, a process instance that start instructions create, with its
   * variables.
   */
  ElementInstance enterProcessInstance(
      ProcessingContext ctx, ProcessDefinition definition, List<Map<String, Object>> variables);

  /**
   * Runs the activation of an element in ACTIVATING (input mappings, start listeners, the element's
   * own activation); also the retry after an incident is resolved.
   */
  void continueActivation(ProcessingContext ctx, ElementInstance instance);

  /** The element's own activation, once its input mappings and start listeners are done. */
  void finalizeActivation(ProcessingContext ctx, ElementInstance instance);

  /** Writes ELEMENT_ACTIVATED. */
  void activated(ProcessingContext ctx, ElementInstance instance);

  /**
   * Completes a waiting element (a task whose job or user task is done, a catch event whose event
   * happened, a pass-through element): ELEMENT_COMPLETING, then its completion.
   */
  void complete(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables);

  /**
   * Completes an exclusive or inclusive gateway at once, along the flows it chose:
   * ELEMENT_COMPLETING and ELEMENT_COMPLETED ({@link #completed}). A gateway has none of the steps
   * of a completion: Zeebe rejects end listeners on gateways at deployment and documents no output
   * mappings for them, so none run.
   */
  void completeGateway(
      ProcessingContext ctx, ElementInstance gateway, List<SequenceFlow> flowsToTake);

  /**
   * Completes an event-based gateway at once (as {@link #completeGateway}) when one of its events
   * happened: it stops waiting for the others, takes the flow to that event, and the event is
   * activated as one that has already happened ({@link #activateTriggered}).
   */
  void completeGatewayAtEvent(
      ProcessingContext ctx,
      ElementInstance gateway,
      ExecutableElement event,
      Map<String, Object> eventVariables);

  /**
   * Runs the completion of an element in COMPLETING (output mappings, end listeners, the element's
   * own completion); also the retry after an incident is resolved.
   */
  void continueCompletion(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> resultVariables);

  /** Leaves an element in COMPLETING, once its output mappings and end listeners are done. */
  void finalizeCompletion(ProcessingContext ctx, ElementInstance instance);

  /**
   * Writes ELEMENT_COMPLETED and goes on: along the flows to take, or, with none, to the completion
   * of the flow scope.
   */
  void completed(ProcessingContext ctx, ElementInstance instance, List<SequenceFlow> flowsToTake);

  /**
   * Terminates an element instance and everything inside it, children first. Returns whether it is
   * terminated now; it is not while something in it waits (a user task for its canceling
   * listeners), and {@link #continueTermination} ends it then. An element already TERMINATING is
   * left to end by itself.
   */
  boolean terminate(ProcessingContext ctx, ElementInstance instance);

  /**
   * Ends an element whose termination waited (for the canceling listeners of its user task, or for
   * what was inside it to end), then goes on with what waited for it: the termination of its flow
   * scope or calling element, or, in a flow scope still active, the interrupting event that
   * terminated it, or the completion of the scope.
   */
  void continueTermination(ProcessingContext ctx, ElementInstance instance);
}

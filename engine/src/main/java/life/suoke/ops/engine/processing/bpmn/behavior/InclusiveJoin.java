package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.ExecutableThrowEvent;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * When a joining inclusive gateway may be activated, decided as Zeebe decides it, each time a token
 * arrives (and only then): when every incoming flow holds a token, or when some do and no other
 * token of the scope (an active element, or a flow taken towards an element not active yet) can
 * still reach the gateway through a flow that does not already hold a token.
 */
final class InclusiveJoin {

  private InclusiveJoin() {}

  static boolean canActivate(
      EngineState state, ElementInstance flowScope, ExecutableElement gateway) {
    Set<String> taken = state.joinTokenFlows(flowScope.key, gateway);
    if (taken.isEmpty()) {
      return false;
    }
    if (taken.size() == gateway.incoming().size()) {
      return true;
    }
    ExecutableProcess process = state.process(flowScope.processDefinitionKey()).executable();
    Deque<ExecutableElement> sources = new ArrayDeque<>();
    for (ElementInstance child : state.children(flowScope.key)) {
      if (child.isActive() && !child.element().id().equals(gateway.id())) {
        sources.add(process.element(child.element().id()));
      }
    }
    if (flowScope.pendingFlows() != null) {
      for (String flowId : flowScope.pendingFlows().keySet()) {
        sources.add(process.element(process.sequenceFlow(flowId).targetId()));
      }
    }
    if (flowScope.joinTokens() != null) {
      for (Map.Entry<String, Map<String, Integer>> waiting : flowScope.joinTokens().entrySet()) {
        if (!waiting.getKey().equals(gateway.id()) && !waiting.getValue().isEmpty()) {
          sources.add(process.element(waiting.getKey()));
        }
      }
    }
    return !reaches(process, sources, gateway, taken);
  }

  /** Whether any source reaches the gateway without crossing a flow that already holds a token. */
  private static boolean reaches(
      ExecutableProcess process,
      Deque<ExecutableElement> toVisit,
      ExecutableElement gateway,
      Set<String> taken) {
    Set<String> visited = new HashSet<>();
    while (!toVisit.isEmpty()) {
      ExecutableElement current = toVisit.poll();
      if (current.id().equals(gateway.id())) {
        return true;
      }
      if (!visited.add(current.id())) {
        continue;
      }
      if (current instanceof ExecutableThrowEvent thrower
          && thrower.eventType() == BpmnEventType.LINK
          && thrower.linkTarget() != null) {
        toVisit.add(thrower.linkTarget());
        continue;
      }
      for (SequenceFlow flow : current.outgoing()) {
        if (!taken.contains(flow.id())) {
          toVisit.add(process.element(flow.targetId()));
        }
      }
      if (current instanceof ExecutableActivity activity) {
        toVisit.addAll(activity.boundaryEvents());
      }
    }
    return false;
  }
}

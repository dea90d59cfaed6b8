package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * Where an element instance sits in its call hierarchy, as Zeebe writes it on incidents: for each
 * process instance from the root down, the keys from the process instance to the element (or to the
 * call activity that called the next one); the process definition keys, root first; and for each
 * call activity on the way, its index among the call activities of its process ordered by id. With
 * it, an incident deep in a called process is found from every process instance above it.
 */
public record ElementTreePath(
    List<List<Long>> elementInstancePath,
    List<Long> processDefinitionPath,
    List<Integer> callingElementPath) {

  public static ElementTreePath of(EngineState state, ElementInstance instance) {
    List<List<Long>> elementInstancePath = new ArrayList<>();
    List<Long> processDefinitionPath = new ArrayList<>();
    List<Integer> callingElementPath = new ArrayList<>();
    ElementInstance current = instance;
    while (current != null) {
      List<Long> keys = new ArrayList<>();
      ElementInstance scope = current;
      ElementInstance processInstance = current;
      while (scope != null) {
        keys.add(scope.key);
        processInstance = scope;
        scope = scope.flowScopeKey == -1 ? null : state.elementInstance(scope.flowScopeKey);
      }
      Collections.reverse(keys);
      elementInstancePath.add(0, keys);
      processDefinitionPath.add(0, processInstance.processDefinitionKey());
      ElementInstance caller =
          processInstance.parentElementInstanceKey() > 0
              ? state.elementInstance(processInstance.parentElementInstanceKey())
              : null;
      if (caller != null) {
        callingElementPath.add(0, callActivityIndex(state, caller));
      }
      current = caller;
    }
    return new ElementTreePath(elementInstancePath, processDefinitionPath, callingElementPath);
  }

  private static int callActivityIndex(EngineState state, ElementInstance callActivity) {
    List<String> ids = new ArrayList<>();
    for (ExecutableElement element :
        state.process(callActivity.processDefinitionKey()).executable().elements().values()) {
      ExecutableElement activity =
          element instanceof ExecutableMultiInstanceBody body ? body.innerActivity() : element;
      if (activity.type() == BpmnElementType.CALL_ACTIVITY) {
        ids.add(activity.id());
      }
    }
    Collections.sort(ids);
    return ids.indexOf(callActivity.element().id());
  }
}

package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An activity: a task, a subprocess, a call activity, a multi-instance body or the process itself.
 * What all of them have are the boundary events attached to them. A task without implementation
 * ({@code bpmn:task}, {@code bpmn:manualTask}) is a plain activity that completes at once.
 */
public sealed class ExecutableActivity extends ExecutableElement
    permits ExecutableJobWorkerTask,
        ExecutableUserTask,
        ExecutableScriptTask,
        ExecutableBusinessRuleTask,
        ExecutableReceiveTask,
        ExecutableCallActivity,
        ExecutableFlowScope,
        ExecutableAdHocSubProcess,
        ExecutableMultiInstanceBody {

  private final List<ExecutableBoundaryEvent> boundaryEvents = new ArrayList<>();

  ExecutableActivity(String id, String name, BpmnElementType type) {
    super(id, name, type);
  }

  /** The boundary events attached to the activity, in document order (empty if none). */
  public List<ExecutableBoundaryEvent> boundaryEvents() {
    return Collections.unmodifiableList(boundaryEvents);
  }

  void attach(ExecutableBoundaryEvent boundaryEvent) {
    boundaryEvents.add(boundaryEvent);
  }

  /** The compensation boundary event of the activity (or multi-instance body), or null. */
  public ExecutableBoundaryEvent compensationBoundaryEvent() {
    for (ExecutableBoundaryEvent event : boundaryEvents) {
      if (event.eventType() == BpmnEventType.COMPENSATION) {
        return event;
      }
    }
    return null;
  }
}

package life.suoke.ops.engine.processing;

import java.util.Map;

/** What the processing tells the waiting parts of the engine after a batch is committed. */
public interface EngineListener {

  void jobsAvailable(String type);

  void processInstanceCompleted(long processInstanceKey, Map<String, Object> variables);

  void processInstanceTerminated(long processInstanceKey);

  /**
   * A user task's lifecycle transition finished (rejection null) or was denied by a task listener.
   */
  void userTaskTransitionEnded(long userTaskKey, Rejection rejection);
}

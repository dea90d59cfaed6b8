package life.suoke.ops.engine.processing;

import java.util.Map;

/** What the processing tells the waiting parts of the engine. */
public interface EngineListener {

  /**
   * Jobs of the type became activatable in the batch being processed: the loop serves the job
   * streams and long-polling requests waiting for them before that batch commits, so that a job's
   * creation and its activation are one transaction (as Zeebe activates a job for a stream in the
   * same step that creates it); the jobs reach the workers only after the commit.
   */
  void jobsAvailable(String type);

  // The others are told after the batch is committed.

  void processInstanceCompleted(long processInstanceKey, Map<String, Object> variables);

  void processInstanceTerminated(long processInstanceKey);

  /**
   * A user task's lifecycle transition finished (rejection null) or was denied by a task listener.
   */
  void userTaskTransitionEnded(long userTaskKey, Rejection rejection);
}

package life.suoke.ops.workers.change;

import java.util.Map;

/**
 * What the change processes' jobs need from the change records; the backend implements it. The
 * workers of this package are thin: they read the job's variables, call one method and return its
 * answer as result variables, or turn its failure into a job failure or a BPMN error.
 *
 * <p>Every method may be called again for the same job (a retry), so implementations are idempotent
 * per {@link Job#jobKey()}.
 */
public interface ChangeJobs {

  /**
   * The job that asks.
   *
   * @param changeNumber the change (variable {@code changeNumber})
   * @param processInstanceKey the job's process instance
   * @param jobKey the job, the same for every retry
   * @param variables the instance's variables as the job sees them
   */
  record Job(
      String changeNumber, long processInstanceKey, long jobKey, Map<String, Object> variables) {

    public String text(String name) {
      Object value = variables.get(name);
      return value == null ? null : value.toString();
    }
  }

  /** A business failure: the job fails with this message and no retries. */
  final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  /** The window asked for may not be booked: the process asks for another one. */
  final class WindowRefused extends RuntimeException {
    public WindowRefused(String message) {
      super(message);
    }
  }

  /**
   * {@code change.prepare}: the facts the process needs (groups, risk facts, deadlines, the
   * emergency window).
   */
  Map<String, Object> prepare(Job job);

  /** {@code change.record-approval}: the approval outcome and who gave it. */
  void recordApproval(Job job);

  /** {@code change.prepare-cab}: the CAB members and the quorum rules. */
  Map<String, Object> prepareCab(Job job);

  /**
   * {@code change.schedule}: books the window; {@link WindowRefused} when it may not. Answers the
   * normalised window.
   */
  Map<String, Object> schedule(Job job);

  /** {@code change.escalate}: tells the change managers that a deadline passed ({@code reason}). */
  void escalate(Job job, String reason);

  /** {@code change.check-freeze}: whether an open P0/P1 incident freezes the change now. */
  boolean checkFreeze(Job job);

  /** {@code change.window-overrun}: records that the change ran past its window. */
  void windowOverrun(Job job);

  /** {@code change.close}: closes the change with its close code. */
  void close(Job job);

  /** {@code change.status}: records a status named by the task header. */
  void status(Job job, String status);

  /**
   * {@code change.information-answered}: records the answer (or its absence) of an information
   * request.
   */
  void informationAnswered(Job job);

  /**
   * {@code change-information-escalate}: an information request was not answered within 4 hours.
   */
  void informationEscalated(Job job);
}

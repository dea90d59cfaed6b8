package life.suoke.ops.engine.api;

import java.util.List;
import java.util.Map;

/**
 * The result a worker completes a job with. For a user task listener job: a denial (with its
 * reason), or corrections of the task's attributes, keyed by the user task record's attribute names
 * ({@code assignee}, {@code dueDate}, {@code followUpDate}, {@code candidateUsersList}, {@code
 * candidateGroupsList}, {@code priority}), in the order given. For an ad-hoc subprocess job: {@link
 * #adHocSubProcess()}, what the subprocess does next.
 *
 * @param adHocSubProcess the result of an ad-hoc subprocess job (Zeebe's result type {@code
 *     adHocSubProcess}), or null for a user task result
 */
public record JobResult(
    boolean denied,
    String deniedReason,
    Map<String, Object> corrections,
    AdHocSubProcess adHocSubProcess) {

  public JobResult {
    deniedReason = deniedReason == null ? "" : deniedReason;
    corrections = corrections == null ? Map.of() : corrections;
  }

  /** A user task listener's result. */
  public JobResult(boolean denied, String deniedReason, Map<String, Object> corrections) {
    this(denied, deniedReason, corrections, null);
  }

  /** An ad-hoc subprocess job's result. */
  public static JobResult ofAdHocSubProcess(AdHocSubProcess result) {
    return new JobResult(false, "", Map.of(), result);
  }

  /**
   * What an ad-hoc subprocess's job worker decided: the elements to activate, or that the
   * completion condition is fulfilled (then whether the inner instances still active are
   * terminated).
   */
  public record AdHocSubProcess(
      List<AdHocElementActivation> activateElements,
      boolean completionConditionFulfilled,
      boolean cancelRemainingInstances) {

    public AdHocSubProcess {
      activateElements = activateElements == null ? List.of() : List.copyOf(activateElements);
    }
  }
}

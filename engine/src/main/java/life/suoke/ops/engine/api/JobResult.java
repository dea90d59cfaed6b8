package life.suoke.ops.engine.api;

import java.util.Map;

/**
 * The result a worker completes a user task listener job with: a denial (with its reason), or
 * corrections of the task's attributes, keyed by the user task record's attribute names ({@code
 * assignee}, {@code dueDate}, {@code followUpDate}, {@code candidateUsersList}, {@code
 * candidateGroupsList}, {@code priority}), in the order given.
 */
public record JobResult(boolean denied, String deniedReason, Map<String, Object> corrections) {

  public JobResult {
    deniedReason = deniedReason == null ? "" : deniedReason;
    corrections = corrections == null ? Map.of() : corrections;
  }
}

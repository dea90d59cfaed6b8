package life.suoke.ops.engine.test;

import java.util.List;

/**
 * A user task as the record log shows it at one moment: what {@link UserTaskSelector}s test and
 * {@link UserTaskAssert} checks. Empty strings stand for unset text fields (no assignee, no due
 * date), as in Zeebe's records.
 *
 * @param dueDate ISO 8601 date-time, or empty
 * @param followUpDate ISO 8601 date-time, or empty
 * @param creationTime engine clock, epoch milliseconds
 * @param endTime when it was completed or canceled (engine clock, epoch milliseconds), -1 while it
 *     is open
 */
public record UserTaskSnapshot(
    long userTaskKey,
    String elementId,
    String name,
    long processInstanceKey,
    long elementInstanceKey,
    String bpmnProcessId,
    State state,
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    String dueDate,
    String followUpDate,
    int priority,
    long creationTime,
    long endTime) {

  /** The life cycle states, with Camunda's names. */
  public enum State {
    CREATED,
    COMPLETED,
    CANCELED
  }

  public UserTaskSnapshot {
    candidateGroups = List.copyOf(candidateGroups);
    candidateUsers = List.copyOf(candidateUsers);
  }

  /** Whether someone is assigned. */
  public boolean isAssigned() {
    return assignee != null && !assignee.isEmpty();
  }

  /** One line for failure messages. */
  String describe() {
    StringBuilder s = new StringBuilder();
    s.append('\'').append(elementId).append('\'');
    if (name != null && !name.isEmpty() && !name.equals(elementId)) {
      s.append(" (\"").append(name).append("\")");
    }
    s.append(" [key ")
        .append(userTaskKey)
        .append(", process instance ")
        .append(processInstanceKey)
        .append("] ")
        .append(state)
        .append(", assignee: ")
        .append(isAssigned() ? assignee : "none")
        .append(", candidate groups: ")
        .append(candidateGroups)
        .append(", candidate users: ")
        .append(candidateUsers)
        .append(", priority: ")
        .append(priority)
        .append(", due date: ")
        .append(dueDate == null || dueDate.isEmpty() ? "none" : dueDate);
    return s.toString();
  }
}

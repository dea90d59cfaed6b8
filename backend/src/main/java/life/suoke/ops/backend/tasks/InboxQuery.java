package life.suoke.ops.backend.tasks;

import java.time.Instant;

/**
 * What the inbox is asked for: a view, filters (all optional, all must hold), an order and a page.
 *
 * @param process the BPMN process id
 * @param candidateGroup tasks offered to this group
 * @param priority the least priority
 * @param dueBefore due before this instant
 * @param overdue only tasks whose due date has passed
 * @param followUp only tasks whose follow-up date has come
 * @param text a part of the task's name or of its process instance's business key
 */
public record InboxQuery(
    View view,
    String process,
    String candidateGroup,
    Integer priority,
    Instant dueBefore,
    boolean overdue,
    boolean followUp,
    String text,
    Sort sort,
    boolean descending,
    int page,
    int size) {

  public static final int MAX_SIZE = 200;

  /**
   * mine: assigned to me; groups: unassigned and offered to me or my groups; all: all I may see.
   */
  public enum View {
    MINE,
    GROUPS,
    ALL
  }

  public enum Sort {
    DUE,
    PRIORITY,
    CREATED
  }
}

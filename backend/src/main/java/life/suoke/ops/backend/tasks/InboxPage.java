package life.suoke.ops.backend.tasks;

import java.util.List;

/**
 * One page of an inbox view.
 *
 * @param total the number of tasks of the view that match the filters
 * @param counts the same number for each view ({@code mine}, {@code groups}, {@code all}), with the
 *     same filters
 */
public record InboxPage(List<TaskSummary> items, long total, int page, int size, Counts counts) {

  public record Counts(long mine, long groups, long all) {}
}

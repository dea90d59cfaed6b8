package life.suoke.ops.backend.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A review with everything its page shows: the record (unwrapped), the required sections still
 * empty, the timeline, the action items, the open tasks of its process and what the caller may do
 * now ({@code editSections}, {@code editTimeline}, {@code editActionItems}, {@code approve}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReviewDetail(
    @JsonUnwrapped Review review,
    List<String> missingSections,
    List<TimelineItem> timeline,
    List<ActionItem> actionItems,
    List<OpenTask> openTasks,
    List<String> actions) {

  /** An open user task of the review's process. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OpenTask(
      String key,
      String elementId,
      String name,
      String assignee,
      List<String> candidateGroups,
      String dueDate) {}

  /** One line of the review list. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Summary(
      String incidentNumber,
      String service,
      String priority,
      String status,
      String reviewOwner,
      String ownerGroup,
      String startDue,
      int actionItems,
      int openActionItems,
      int overdueActionItems,
      String updatedAt) {}
}

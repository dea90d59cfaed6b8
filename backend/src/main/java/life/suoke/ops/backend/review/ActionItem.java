package life.suoke.ops.backend.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An action item of a review: what is to be done, by whom, until when, how urgent and of which
 * type.
 *
 * @param id {@code <incident number>-A<position>}
 * @param priority {@code high}, {@code medium} or {@code low}
 * @param type {@code fix}, {@code prevent}, {@code detect} or {@code process}
 * @param state {@code open}, {@code done} or {@code not-done} (accepted as not done, with the
 *     reason)
 * @param redated how often its due date was moved
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ActionItem(
    String id,
    String incidentNumber,
    int position,
    String title,
    String owner,
    Instant dueDate,
    Instant remindAt,
    String priority,
    String type,
    String state,
    String reason,
    int redated,
    Instant remindedAt,
    Instant escalatedAt,
    Instant closedAt) {

  public static final String OPEN = "open";
  public static final String DONE = "done";
  public static final String NOT_DONE = "not-done";

  /** Open and past its due date at {@code now}. */
  public boolean overdue(Instant now) {
    return OPEN.equals(state) && dueDate.isBefore(now);
  }
}

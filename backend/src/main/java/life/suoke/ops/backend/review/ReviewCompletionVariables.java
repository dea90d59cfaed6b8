package life.suoke.ops.backend.review;

import io.camunda.client.api.search.response.UserTask;
import java.util.Map;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.tasks.CompletionVariables;
import life.suoke.ops.processes.review.EventReviewProcess;
import org.springframework.stereotype.Component;

/**
 * Who decided on a review's approval: completing {@code ApproveReview} (from the inbox or the
 * review page) adds {@value #VAR_APPROVED_BY}, which the publication records.
 */
@Component
class ReviewCompletionVariables implements CompletionVariables {

  static final String VAR_APPROVED_BY = "approvedBy";

  @Override
  public Map<String, Object> on(UserTask task, CurrentUser user) {
    if (EventReviewProcess.PROCESS_ID.equals(task.getBpmnProcessId())
        && EventReviewProcess.APPROVE_TASK.equals(task.getElementId())) {
      return Map.of(VAR_APPROVED_BY, user.username());
    }
    return Map.of();
  }
}

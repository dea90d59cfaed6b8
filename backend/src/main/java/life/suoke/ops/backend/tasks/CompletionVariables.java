package life.suoke.ops.backend.tasks;

import io.camunda.client.api.search.response.UserTask;
import java.util.Map;
import life.suoke.ops.backend.identity.CurrentUser;

/**
 * Variables the application adds when a person completes a task, beside what they submitted through
 * the task's form: facts the server knows and the person must not be able to type, such as who
 * completed it (the incident process hands its Handle task to whoever acknowledged). Every bean of
 * this type is asked on every completion, from the inbox and from the areas' own actions.
 */
public interface CompletionVariables {

  /**
   * The variables to add for this completion; empty when the task is none of this bean's business.
   */
  Map<String, Object> on(UserTask task, CurrentUser user);
}

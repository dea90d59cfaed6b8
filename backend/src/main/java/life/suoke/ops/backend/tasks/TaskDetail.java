package life.suoke.ops.backend.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One task with what the task page needs: the summary's fields, the variables the task sees
 * (prefill for its form), the form-js schema of its linked form ({@code null} without one), and
 * what the caller may do with it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskDetail(
    @JsonUnwrapped TaskSummary task,
    Map<String, Object> variables,
    JsonNode form,
    boolean canClaim,
    boolean canUnclaim,
    boolean canComplete,
    boolean canAssign) {}

package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * One incident with everything its page shows: the summary's fields (unwrapped, with the SLA
 * clocks), the rest of the record, alerts, timeline, open tasks of its process and the actions the
 * caller may take now ({@code acknowledge}, {@code escalate}, {@code priority}, {@code notes},
 * {@code resolve}, {@code close}, {@code reopen}, {@code cancel}, {@code roles}, {@code slaPause},
 * {@code slaResume}, {@code outage}: the names of the UI's actions).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IncidentDetail(
    @JsonUnwrapped IncidentSummary summary,
    String description,
    String reporter,
    String serviceClass,
    int tier,
    List<String> pagedGroups,
    Roles roles,
    String integration,
    String alertKey,
    Map<String, String> labels,
    String duplicateOf,
    String resolutionType,
    String resolutionSummary,
    boolean reviewRequested,
    String processInstanceKey,
    List<Map<String, Object>> alerts,
    List<TimelineEntry> timeline,
    List<OpenTask> openTasks,
    List<String> actions,
    IncidentOutcome.Outage outage,
    IncidentOutcome.Satisfaction satisfaction) {

  /** The people in the incident's roles (null when nobody is). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Roles(String commander, String communicationsLead, String scribe) {}

  /** An open user task of the incident's process. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OpenTask(
      String key,
      String elementId,
      String name,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String assignee,
      String dueDate) {}
}

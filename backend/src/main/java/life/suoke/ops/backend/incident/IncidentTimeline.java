package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An incident's timeline, read from the audit trail: its own events (object {@code incident}, the
 * number as business key) and the task actions on its process instance (claim, assign, complete),
 * in time order (then the chain's), each with a summary. Free texts come from {@code
 * incident_note}.
 */
@Component
class IncidentTimeline {

  static final int MAX_ENTRIES = 1000;

  private final JdbcTemplate jdbc;
  private final IncidentNotes notes;
  private final ObjectMapper json;

  IncidentTimeline(JdbcTemplate jdbc, IncidentNotes notes, ObjectMapper json) {
    this.jdbc = jdbc;
    this.notes = notes;
    this.json = json;
  }

  List<TimelineEntry> of(Incident incident) {
    Map<Long, String> texts = notes.texts(incident.number());
    List<Object> args = new ArrayList<>();
    StringBuilder where =
        new StringBuilder(
            "(business_key = ? AND (object_type = 'incident' OR action LIKE 'task.%'))");
    args.add(incident.number());
    if (incident.processInstanceKey() != null) {
      where.append(" OR (process_instance_key = ? AND action LIKE 'task.%')");
      args.add(incident.processInstanceKey());
    }
    args.add(MAX_ENTRIES);
    return jdbc.query(
        "SELECT occurred_at, actor, action, details FROM audit_event WHERE "
            + where
            // In time order: two threads' events can reach the chain in the other order (the
            // chain's order is that of their writes), and a timeline is read by their times.
            + " ORDER BY occurred_at, seq LIMIT ?",
        (rs, i) -> {
          String action = rs.getString("action");
          JsonNode details = parse(rs.getString("details"));
          return new TimelineEntry(
              rs.getTimestamp("occurred_at").toInstant().toString(),
              rs.getString("actor"),
              action,
              summary(action, rs.getString("actor"), details, texts));
        },
        args.toArray());
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text == null ? "{}" : text);
    } catch (Exception e) {
      return json.createObjectNode();
    }
  }

  static String summary(String action, String actor, JsonNode d, Map<Long, String> texts) {
    String note = d.hasNonNull("noteId") ? texts.get(d.get("noteId").asLong()) : null;
    return switch (action) {
      case IncidentAuditActions.OPEN ->
          "Opened from "
              + text(d, "source")
              + (d.hasNonNull("integration") ? " (" + text(d, "integration") + ")" : "")
              + " for service "
              + text(d, "service")
              + ", severity "
              + text(d, "severity");
      case IncidentAuditActions.STATUS ->
          "Status "
              + text(d, "from")
              + " -> "
              + text(d, "to")
              + (d.hasNonNull("priority") ? ", priority " + text(d, "priority") : "");
      case IncidentAuditActions.ACKNOWLEDGE -> "Acknowledged; " + actor + " handles it";
      case IncidentAuditActions.ESCALATE -> "Asked for the next tier" + colon(note);
      case IncidentAuditActions.PRIORITY ->
          "Priority " + text(d, "from") + " -> " + text(d, "to") + colon(note);
      case IncidentAuditActions.NOTE -> note == null ? "Note" : note;
      case IncidentAuditActions.RESOLVE ->
          "Resolved ("
              + text(d, "resolutionType")
              + ")"
              + (d.path("reviewRequested").asBoolean(false) ? ", event review requested" : "");
      case IncidentAuditActions.CLOSE -> "Confirmed the resolution" + colon(note);
      case IncidentAuditActions.REOPEN -> "Reopened" + colon(note);
      case IncidentAuditActions.CANCEL ->
          "Cancelled"
              + (d.hasNonNull("duplicateOf") ? " as a duplicate of " + text(d, "duplicateOf") : "")
              + colon(note);
      case IncidentAuditActions.ROLES ->
          "Roles: commander "
              + orNobody(d, "commander")
              + ", communications lead "
              + orNobody(d, "communicationsLead")
              + ", scribe "
              + orNobody(d, "scribe");
      case IncidentAuditActions.SLA_PAUSE ->
          "SLA clocks paused, waiting for the reporter" + colon(note);
      case IncidentAuditActions.SLA_RESUME ->
          "SLA clocks resumed"
              + (d.path("byReporterNote").asBoolean(false) ? " (the reporter added a note)" : "");
      case IncidentAuditActions.PAGE -> page(d);
      case IncidentAuditActions.ESCALATED ->
          "Escalated from tier "
              + text(d, "fromTier")
              + " to tier "
              + text(d, "tier")
              + " ("
              + text(d, "group")
              + ")";
      case IncidentAuditActions.STATUS_REMINDER ->
          d.hasNonNull("recipient")
              ? "Reminded "
                  + text(d, "recipient")
                  + " to post a status update"
                  + (d.path("delivered").asBoolean(false) ? "" : " (not delivered)")
              : "A status update is due; there is no commander or handler to remind";
      case IncidentAuditActions.REVIEW ->
          "started".equals(text(d, "status"))
              ? "Event review started"
              : "Event review requested; it starts once process event-review is deployed";
      case IncidentAuditActions.ALERT_ACTIVITY -> "Alert activity" + colon(note);
      case IncidentAuditActions.ALERT_RESOLVED -> "Every alert of the incident resolved";
      case IncidentAuditActions.SOURCE_ACKNOWLEDGED ->
          "Acknowledged at the alert source (" + text(d, "source") + ")";
      case IncidentAuditActions.DUPLICATE_INSTANCE_CANCELLED ->
          "A second process instance was cancelled";
      case "task.claim" -> "Claimed task " + text(d, "taskName");
      case "task.unclaim" -> "Gave back task " + text(d, "taskName");
      case "task.assign" -> "Assigned task " + text(d, "taskName") + " to " + text(d, "assignee");
      case "task.complete" -> "Completed task " + text(d, "taskName");
      default -> action;
    };
  }

  private static String page(JsonNode d) {
    List<String> reached = new ArrayList<>();
    d.path("reached").forEach(n -> reached.add(n.asText()));
    List<String> unreachable = new ArrayList<>();
    d.path("unreachable").forEach(n -> unreachable.add(n.asText()));
    String head =
        d.hasNonNull("policy")
            ? "Paged level " + text(d, "level") + " of the escalation policy " + text(d, "policy")
            : "Paged tier " + text(d, "tier") + " (" + text(d, "group") + ")";
    if (reached.isEmpty() && unreachable.isEmpty()) {
      return head + ": nobody is on call";
    }
    return head
        + ": "
        + (reached.isEmpty() ? "nobody reached" : "reached " + String.join(", ", reached))
        + (unreachable.isEmpty() ? "" : "; not reached " + String.join(", ", unreachable));
  }

  private static String text(JsonNode d, String field) {
    JsonNode value = d.get(field);
    return value == null || value.isNull() ? "-" : value.asText();
  }

  private static String orNobody(JsonNode d, String field) {
    JsonNode value = d.get(field);
    return value == null || value.isNull() ? "nobody" : value.asText();
  }

  private static String colon(String note) {
    return note == null || note.isBlank() ? "" : ": " + note;
  }
}

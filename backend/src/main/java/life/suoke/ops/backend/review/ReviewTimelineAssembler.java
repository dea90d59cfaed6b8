package life.suoke.ops.backend.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.incident.IncidentAuditActions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Assembles a review's timeline from its incident's audit trail: the alerts (opened from an alert,
 * alert activity, alerts resolved), pages, acknowledgements, escalations, notes, priority and
 * status changes, roles, SLA pauses, the resolution and the close, each once (by its audit sequence
 * number, so assembling again adds only what is new), each with an English summary; the texts of
 * notes and reasons come from {@code incident_note}.
 */
@Component
class ReviewTimelineAssembler {

  static final int MAX_ENTRIES = 2000;

  private final JdbcTemplate jdbc;
  private final ReviewStore store;
  private final ObjectMapper json;

  ReviewTimelineAssembler(JdbcTemplate jdbc, ReviewStore store, ObjectMapper json) {
    this.jdbc = jdbc;
    this.store = store;
    this.json = json;
  }

  /** Adds the incident's audit events not yet in the timeline; how many were added. */
  int assemble(String number) {
    Map<Long, String> notes = new HashMap<>();
    jdbc.query(
        "SELECT id, text FROM incident_note WHERE incident_number = ?",
        rs -> {
          notes.put(rs.getLong("id"), rs.getString("text"));
        },
        number);
    List<Object[]> rows = new ArrayList<>();
    jdbc.query(
        "SELECT seq, occurred_at, actor, action, details FROM audit_event WHERE business_key = ?"
            + " AND object_type = ? ORDER BY seq LIMIT ?",
        rs -> {
          rows.add(
              new Object[] {
                rs.getLong("seq"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("details")
              });
        },
        number,
        IncidentAuditActions.OBJECT_TYPE,
        MAX_ENTRIES);
    int added = 0;
    for (Object[] row : rows) {
      String action = (String) row[3];
      String summary = summary(action, (String) row[2], parse((String) row[4]), notes);
      if (summary == null) {
        continue;
      }
      if (store.addAssembled(
          number, (java.time.Instant) row[1], (String) row[2], action, summary, (Long) row[0])) {
        added++;
      }
    }
    return added;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text == null ? "{}" : text);
    } catch (Exception e) {
      return json.createObjectNode();
    }
  }

  /** The entry's sentence; null for events that are no part of a review's timeline. */
  static String summary(String action, String actor, JsonNode d, Map<Long, String> notes) {
    String note = d.hasNonNull("noteId") ? notes.get(d.get("noteId").asLong()) : null;
    return switch (action) {
      case IncidentAuditActions.OPEN ->
          ("alert".equals(text(d, "source")) ? "Alert fired" : "Reported")
              + (d.hasNonNull("integration") ? " (" + text(d, "integration") + ")" : "")
              + ": incident opened for service "
              + text(d, "service")
              + ", severity "
              + text(d, "severity");
      case IncidentAuditActions.STATUS ->
          "Status "
              + text(d, "from")
              + " -> "
              + text(d, "to")
              + (d.hasNonNull("priority") ? ", priority " + text(d, "priority") : "");
      case IncidentAuditActions.ACKNOWLEDGE -> "Acknowledged by " + actor;
      case IncidentAuditActions.SOURCE_ACKNOWLEDGED ->
          "Acknowledged at the alert source (" + text(d, "source") + ")";
      case IncidentAuditActions.ESCALATE -> actor + " asked for the next tier" + colon(note);
      case IncidentAuditActions.ESCALATED ->
          "Escalated from tier "
              + text(d, "fromTier")
              + " to tier "
              + text(d, "tier")
              + " ("
              + text(d, "group")
              + ")";
      case IncidentAuditActions.PAGE -> page(d);
      case IncidentAuditActions.PRIORITY ->
          "Priority " + text(d, "from") + " -> " + text(d, "to") + colon(note);
      case IncidentAuditActions.NOTE -> "Note by " + actor + colon(note);
      case IncidentAuditActions.ALERT_ACTIVITY -> "Alert activity" + colon(note);
      case IncidentAuditActions.ALERT_RESOLVED -> "Every alert of the incident resolved";
      case IncidentAuditActions.RESOLVE ->
          "Resolved by " + actor + " (" + text(d, "resolutionType") + ")";
      case IncidentAuditActions.CLOSE -> "Resolution confirmed" + colon(note);
      case IncidentAuditActions.REOPEN -> "Reopened" + colon(note);
      case IncidentAuditActions.CANCEL -> "Cancelled" + colon(note);
      case IncidentAuditActions.ROLES ->
          "Roles: commander "
              + orNobody(d, "commander")
              + ", communications lead "
              + orNobody(d, "communicationsLead")
              + ", scribe "
              + orNobody(d, "scribe");
      case IncidentAuditActions.SLA_PAUSE -> "SLA clocks paused" + colon(note);
      case IncidentAuditActions.SLA_RESUME -> "SLA clocks resumed";
      default -> null;
    };
  }

  private static String page(JsonNode d) {
    List<String> reached = new ArrayList<>();
    d.path("reached").forEach(n -> reached.add(n.asText()));
    String head = "Paged tier " + text(d, "tier") + " (" + text(d, "group") + ")";
    return reached.isEmpty()
        ? head + ": nobody reached"
        : head + ": reached " + String.join(", ", reached);
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
    if (note == null || note.isBlank()) {
      return "";
    }
    String text = ": " + note;
    return text.length() > 4000 ? text.substring(0, 4000) : text;
  }
}

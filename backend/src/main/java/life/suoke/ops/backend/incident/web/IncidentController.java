package life.suoke.ops.backend.incident.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.incident.IncidentActions;
import life.suoke.ops.backend.incident.IncidentDetail;
import life.suoke.ops.backend.incident.IncidentDiagram;
import life.suoke.ops.backend.incident.IncidentEvents;
import life.suoke.ops.backend.incident.IncidentOutcome;
import life.suoke.ops.backend.incident.IncidentPage;
import life.suoke.ops.backend.incident.IncidentQueries;
import life.suoke.ops.backend.incident.IncidentQuery;
import life.suoke.ops.backend.incident.IncidentStatus;
import life.suoke.ops.backend.incident.SlaPolicy;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Incidents: the list, one incident, a user's report, the actions on an incident and live updates.
 * Actions answer the incident as it is afterwards. Bodies are read strictly (unknown fields, wrong
 * types and oversized texts are 400 problems naming the field).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Incidents")
public class IncidentController {

  private static final int TEXT_MAX = 5000;
  private static final int REASON_MAX = 1000;

  /** The handle form's limit. */
  private static final int SUMMARY_MAX = 4000;

  private final IncidentQueries queries;
  private final IncidentActions actions;
  private final IncidentEvents events;

  public IncidentController(
      IncidentQueries queries, IncidentActions actions, IncidentEvents events) {
    this.queries = queries;
    this.actions = actions;
    this.events = events;
  }

  @Operation(
      summary =
          "Incidents I may see, newest first, filtered by status, priority, service, assignee (handler or commander), creation time and text, paged")
  @GetMapping
  public IncidentPage list(
      CurrentUser user,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String text,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    List<String> statuses = options("status", status, IncidentStatus.ALL, errors);
    List<String> priorities = options("priority", priority, SlaPolicy.PRIORITIES, errors);
    Instant fromInstant = instant("from", from, errors);
    Instant toInstant = instant("to", to, errors);
    int pageNumber = integer("page", page, 0, 100_000, errors);
    int pageSize = integer("size", size, 1, IncidentQuery.MAX_SIZE, errors);
    if (text != null && text.length() > 200) {
      errors.add(new ApiProblem.FieldError("text", "must be at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return queries.search(
        user,
        new IncidentQuery(
            statuses,
            priorities,
            blankToNull(service),
            blankToNull(assignee),
            fromInstant,
            toInstant,
            blankToNull(text),
            pageNumber,
            pageSize));
  }

  @Operation(
      summary =
          "Live incident updates (server-sent events: event 'incident' with {number, status})")
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events(CurrentUser user, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return events.subscribe(user, session == null ? null : session.getId());
  }

  @Operation(
      summary =
          "One incident: its record, roles, SLA clocks, alerts, timeline, open tasks and the actions I may take now")
  @GetMapping("/{number}")
  public IncidentDetail get(CurrentUser user, @PathVariable String number) {
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "The incident's process diagram: the BPMN of its instance, the elements active now and those completed")
  @GetMapping("/{number}/diagram")
  public IncidentDiagram diagram(CurrentUser user, @PathVariable String number) {
    return queries.diagram(user, number);
  }

  @Operation(
      summary =
          "Report an incident (title, description, service, severity, affectedUsers, dataOrSafetyImpact); I am its reporter")
  @PostMapping
  public ResponseEntity<IncidentDetail> report(
      CurrentUser user, @RequestBody(required = false) JsonNode body) {
    JsonFields fields =
        JsonFields.of(
            body,
            Set.of(
                "title",
                "description",
                "service",
                "severity",
                "affectedUsers",
                "dataOrSafetyImpact"));
    String title = fields.text("title", true, 200);
    String description = fields.text("description", false, 10_000);
    String service = fields.text("service", true, 100);
    String severity =
        fields.option("severity", true, List.of("critical", "error", "warning", "info"));
    int affectedUsers = fields.integer("affectedUsers", 0, 0, 1_000_000_000);
    boolean impact = fields.bool("dataOrSafetyImpact", false);
    fields.check();
    String number =
        actions.report(
            user,
            new IncidentActions.Report(
                title, description, service, severity, affectedUsers, impact));
    return ResponseEntity.created(URI.create("/api/incidents/" + number))
        .body(queries.get(user, number));
  }

  @Operation(
      summary = "Acknowledge the incident: complete its Acknowledge task; I become its handler")
  @PostMapping("/{number}/acknowledge")
  public IncidentDetail acknowledge(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields.of(body, Set.of()).check();
    actions.acknowledge(user, number);
    return queries.get(user, number);
  }

  @Operation(summary = "Ask for the next tier now {reason}")
  @PostMapping("/{number}/escalate")
  public IncidentDetail escalate(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("reason"));
    String reason = fields.text("reason", false, REASON_MAX);
    fields.check();
    actions.escalate(user, number, reason);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Re-classify {priority, reason}: the SLA clocks take the new priority's goals, keeping the time spent")
  @PostMapping("/{number}/priority")
  public IncidentDetail priority(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("priority", "reason"));
    String priority = fields.option("priority", true, SlaPolicy.PRIORITIES);
    String reason = fields.text("reason", false, REASON_MAX);
    fields.check();
    actions.priority(user, number, priority, reason);
    return queries.get(user, number);
  }

  @Operation(
      summary = "Add a note {text}; the reporter's note resumes SLA clocks paused for the reporter")
  @PostMapping("/{number}/notes")
  public IncidentDetail note(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("text"));
    String text = fields.text("text", true, TEXT_MAX);
    fields.check();
    actions.addNote(user, number, text);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Resolve {resolutionType, resolutionSummary, reviewRequested}: complete the Handle task")
  @PostMapping("/{number}/resolve")
  public IncidentDetail resolve(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields =
        JsonFields.of(body, Set.of("resolutionType", "resolutionSummary", "reviewRequested"));
    String type = fields.option("resolutionType", true, List.of("workaround", "permanent-fix"));
    String summary = fields.text("resolutionSummary", true, SUMMARY_MAX);
    boolean review = fields.bool("reviewRequested", false);
    fields.check();
    actions.resolve(user, number, type, summary, review);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Confirm the resolution and close {comment, satisfaction (1-5, optional), satisfactionComment} (the reporter: completes ConfirmResolution with confirmed=true)")
  @PostMapping("/{number}/close")
  public IncidentDetail close(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields =
        JsonFields.of(body, Set.of("comment", "satisfaction", "satisfactionComment"));
    String comment = fields.text("comment", false, TEXT_MAX);
    int satisfaction = fields.integer("satisfaction", 0, 1, 5);
    String satisfactionComment = fields.text("satisfactionComment", false, 2000);
    fields.check();
    if (satisfaction == 0 && satisfactionComment != null) {
      throw ApiProblem.badRequest("satisfaction", "is required with a satisfactionComment");
    }
    actions.close(
        user, number, comment, satisfaction == 0 ? null : satisfaction, satisfactionComment);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Record the outage the incident caused {start, end (absent while it lasts), kind: full or partial}; start null clears it (commander, handler or managers)")
  @PutMapping("/{number}/outage")
  public IncidentDetail outage(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("start", "end", "kind"));
    Instant start = fields.instant("start", false);
    Instant end = fields.instant("end", false);
    String kind = fields.option("kind", start != null, IncidentOutcome.OUTAGE_KINDS);
    fields.check();
    actions.outage(user, number, start, end, kind);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Reopen the resolution {reason} (the reporter: completes ConfirmResolution with confirmed=false)")
  @PostMapping("/{number}/reopen")
  public IncidentDetail reopen(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("reason"));
    String reason = fields.text("reason", true, REASON_MAX);
    fields.check();
    actions.reopen(user, number, reason);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Cancel the incident {duplicateOf, reason}: a duplicate of another, or not an incident")
  @PostMapping("/{number}/cancel")
  public IncidentDetail cancel(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("duplicateOf", "reason"));
    String duplicateOf = fields.text("duplicateOf", false, 20);
    String reason = fields.text("reason", duplicateOf == null, REASON_MAX);
    fields.check();
    actions.cancel(user, number, duplicateOf, reason);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Set the incident's roles {commander, communicationsLead, scribe} (user names, null for nobody)")
  @PutMapping("/{number}/roles")
  public IncidentDetail roles(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("commander", "communicationsLead", "scribe"));
    String commander = fields.text("commander", false, 100);
    String lead = fields.text("communicationsLead", false, 100);
    String scribe = fields.text("scribe", false, 100);
    fields.check();
    actions.roles(user, number, commander, lead, scribe);
    return queries.get(user, number);
  }

  @Operation(
      summary =
          "Pause the SLA clocks while waiting for the reporter {reason}; they resume when the reporter adds a note")
  @PostMapping("/{number}/sla/pause")
  public IncidentDetail pauseSla(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields fields = JsonFields.of(body, Set.of("reason"));
    String reason = fields.text("reason", false, REASON_MAX);
    fields.check();
    actions.pauseSla(user, number, reason);
    return queries.get(user, number);
  }

  @Operation(
      summary = "Resume the paused SLA clocks; their breach times move by the time they stood")
  @PostMapping("/{number}/sla/resume")
  public IncidentDetail resumeSla(
      CurrentUser user, @PathVariable String number, @RequestBody(required = false) JsonNode body) {
    JsonFields.of(body, Set.of()).check();
    actions.resumeSla(user, number);
    return queries.get(user, number);
  }

  // ---- parameters

  private static List<String> options(
      String field, String value, List<String> allowed, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> chosen = new ArrayList<>();
    for (String part : value.split(",")) {
      String option = part.trim();
      if (!allowed.contains(option)) {
        errors.add(
            new ApiProblem.FieldError(
                field, "must be one or more (comma-separated) of " + String.join(", ", allowed)));
        return List.of();
      }
      chosen.add(option);
    }
    return chosen;
  }

  private static Instant instant(String field, String value, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new ApiProblem.FieldError(
              field, "must be an ISO 8601 instant such as 2030-01-31T12:00:00Z"));
      return null;
    }
  }

  private static int integer(
      String field, String value, int min, int max, List<ApiProblem.FieldError> errors) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    errors.add(
        new ApiProblem.FieldError(field, "must be a whole number from " + min + " to " + max));
    return min;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

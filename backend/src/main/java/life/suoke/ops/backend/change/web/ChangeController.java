package life.suoke.ops.backend.change.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.change.Change;
import life.suoke.ops.backend.change.ChangeCalendar;
import life.suoke.ops.backend.change.ChangeKpi;
import life.suoke.ops.backend.change.ChangeService;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Change requests: every signed-in user reads them and may request one (auditors only read); the
 * actions check who may take them (the scheduling task's candidates, change managers, operators).
 */
@RestController
@RequestMapping("/api/changes")
@Tag(name = "Changes")
public class ChangeController {

  private final ChangeService changes;
  private final ChangeKpi kpi;

  public ChangeController(ChangeService changes, ChangeKpi kpi) {
    this.changes = changes;
    this.kpi = kpi;
  }

  /** The body of a schedule action. */
  public record ScheduleInput(Instant windowStart, Instant windowEnd) {}

  /** The answer of a schedule action: the change and the conflicts its window has. */
  public record Scheduled(Change change, List<ChangeCalendar.Conflict> conflicts) {}

  /** The body of an information request. */
  public record InformationInput(String requestedFrom, String question) {}

  /** The body of a release's end. */
  public record ReleaseInput(String outcome, String releaseId, String summary) {}

  /** The body of an incident caused by the change. */
  public record CausedInput(String incidentNumber) {}

  @Operation(
      summary =
          "Changes, newest first, filtered by type, status, service, mine (requester) and text, paged")
  @GetMapping
  public ChangeService.ChangePage list(
      CurrentUser user,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) Boolean mine,
      @RequestParam(required = false) String text,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    List<String> types = options("type", type, Change.TYPES, errors);
    List<String> statuses = options("status", status, Change.STATUSES, errors);
    if (page < 0) {
      errors.add(new ApiProblem.FieldError("page", "must be 0 or more"));
    }
    if (size < 1 || size > 100) {
      errors.add(new ApiProblem.FieldError("size", "must be between 1 and 100"));
    }
    if (text != null && text.length() > 200) {
      errors.add(new ApiProblem.FieldError("text", "must be at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return changes.list(
        types,
        statuses,
        blank(service),
        Boolean.TRUE.equals(mine) ? user.username() : null,
        blank(text),
        page,
        size);
  }

  @Operation(
      summary =
          "Request a change: standard (templateKey), normal (title, service, plannedStart, plannedEnd) or emergency (incidentNumber of an open P0/P1)")
  @PostMapping
  public ResponseEntity<Change> create(
      CurrentUser user, @RequestBody(required = false) ChangeService.ChangeInput body) {
    if (body == null) {
      throw ApiProblem.badRequest("type", "is required");
    }
    Change created = changes.create(user, body);
    return ResponseEntity.created(URI.create("/api/changes/" + created.number())).body(created);
  }

  @Operation(
      summary =
          "The change success rate, success score per team, emergency ratio and lead time of the changes requested in a period (default: the last 30 days)")
  @GetMapping("/kpi")
  public ChangeKpi.Kpis kpi(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Instant end = instant("to", to, Instant.now());
    Instant start = instant("from", from, end.minus(java.time.Duration.ofDays(30)));
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("to", "must be after from");
    }
    return kpi.compute(start, end);
  }

  @Operation(
      summary =
          "One change: its record, approvals, timeline, open tasks, conflicts of its window and the actions I may take")
  @GetMapping("/{number}")
  public ChangeService.ChangeDetail get(CurrentUser user, @PathVariable String number) {
    return changes.detail(user, number);
  }

  @Operation(
      summary =
          "Schedule the change into a window (refused in the past or in a blackout); answers the conflicts of the window")
  @PostMapping("/{number}/schedule")
  public Scheduled schedule(
      CurrentUser user,
      @PathVariable String number,
      @RequestBody(required = false) ScheduleInput body) {
    ScheduleInput input = body == null ? new ScheduleInput(null, null) : body;
    List<ChangeCalendar.Conflict> conflicts =
        changes.schedule(user, number, input.windowStart(), input.windowEnd());
    return new Scheduled(changes.get(number), conflicts);
  }

  @Operation(
      summary =
          "Ask a group for information about the change (answered within 4 hours or escalated)")
  @PostMapping("/{number}/information-requests")
  public ResponseEntity<Void> requestInformation(
      CurrentUser user,
      @PathVariable String number,
      @RequestBody(required = false) InformationInput body) {
    InformationInput input = body == null ? new InformationInput(null, null) : body;
    changes.requestInformation(user, number, input.requestedFrom(), input.question());
    return ResponseEntity.accepted().build();
  }

  @Operation(
      summary =
          "Record that the change's release ended (successful or backed-out): the implementation goes on to verification or closes backed out")
  @PostMapping("/{number}/release-ended")
  public ResponseEntity<Void> releaseEnded(
      CurrentUser user,
      @PathVariable String number,
      @RequestBody(required = false) ReleaseInput body) {
    ReleaseInput input = body == null ? new ReleaseInput(null, null, null) : body;
    changes.releaseEnded(user, number, input.outcome(), input.releaseId(), input.summary());
    return ResponseEntity.accepted().build();
  }

  @Operation(
      summary =
          "Record an incident the change caused (change managers; counts against the change success score)")
  @PostMapping("/{number}/caused-incidents")
  public ResponseEntity<Void> causedIncident(
      CurrentUser user,
      @PathVariable String number,
      @RequestBody(required = false) CausedInput body) {
    changes.causedIncident(user, number, body == null ? null : body.incidentNumber());
    return ResponseEntity.noContent().build();
  }

  static List<String> options(
      String field, String value, List<String> allowed, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> values =
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String v : values) {
      if (!allowed.contains(v)) {
        errors.add(
            new ApiProblem.FieldError(field, "must be one of " + String.join(", ", allowed)));
        break;
      }
    }
    return values;
  }

  static Instant instant(String field, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field, "must be an ISO 8601 date-time with an offset");
    }
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

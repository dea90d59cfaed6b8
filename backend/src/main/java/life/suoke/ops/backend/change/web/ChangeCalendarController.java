package life.suoke.ops.backend.change.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.change.ChangeCalendar;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The change calendar: everyone reads it; change managers add and remove maintenance and blackout
 * windows.
 */
@RestController
@RequestMapping("/api/changes/calendar")
@Tag(name = "Changes")
public class ChangeCalendarController {

  private final ChangeCalendar calendar;

  public ChangeCalendarController(ChangeCalendar calendar) {
    this.calendar = calendar;
  }

  /** A window as a change manager writes it ({@code service} empty for every service). */
  public record WindowInput(
      String kind, String service, String title, Instant start, Instant end) {}

  @Operation(
      summary =
          "The calendar between from and to (at most 62 days): maintenance and blackout windows, booked changes and their conflicts")
  @GetMapping
  public ChangeCalendar.View view(
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(required = false) String service) {
    Instant start = ChangeController.instant("from", from, null);
    Instant end = ChangeController.instant("to", to, null);
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("to", "must be after from");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(62)) > 0) {
      throw ApiProblem.badRequest("to", "at most 62 days after from");
    }
    return calendar.view(start, end, ChangeController.blank(service));
  }

  @Operation(
      summary =
          "The changes on the same or dependent services whose windows overlap a proposed window")
  @GetMapping("/conflicts")
  public List<ChangeCalendar.Conflict> conflicts(
      @RequestParam String service,
      @RequestParam String start,
      @RequestParam String end,
      @RequestParam(required = false) String change) {
    Instant from = ChangeController.instant("start", start, null);
    Instant to = ChangeController.instant("end", end, null);
    if (!to.isAfter(from)) {
      throw ApiProblem.badRequest("end", "must be after start");
    }
    return calendar.conflicts(ChangeController.blank(change), service, from, to);
  }

  @Operation(summary = "Add a maintenance or blackout window (change managers)")
  @PostMapping("/windows")
  @PreAuthorize("hasAuthority('GROUP_change-managers')")
  public ResponseEntity<ChangeCalendar.CalendarWindow> create(
      CurrentUser user, @RequestBody(required = false) WindowInput body) {
    WindowInput input = body == null ? new WindowInput(null, null, null, null, null) : body;
    ChangeCalendar.CalendarWindow created =
        calendar.create(
            input.kind(),
            ChangeController.blank(input.service()),
            input.title(),
            input.start(),
            input.end(),
            Instant.now(),
            user);
    return ResponseEntity.status(201).body(created);
  }

  @Operation(summary = "Remove a maintenance or blackout window (change managers)")
  @DeleteMapping("/windows/{id}")
  @PreAuthorize("hasAuthority('GROUP_change-managers')")
  public ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id) {
    calendar.delete(id, user);
    return ResponseEntity.noContent().build();
  }
}

package life.suoke.ops.backend.oncall.handover.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.oncall.handover.HandoverPage;
import life.suoke.ops.backend.oncall.handover.HandoverQuery;
import life.suoke.ops.backend.oncall.handover.HandoverRecord;
import life.suoke.ops.backend.oncall.handover.HandoverService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handover record history, for every signed-in user (the write and acknowledge tasks go through
 * the task inbox). Bad parameters are 400 problems naming the field.
 */
@RestController
@RequestMapping("/api/oncall/handovers")
@Tag(name = "On-call handover")
public class HandoverController {

  private static final List<String> STATUSES =
      List.of("requested", "prefilled", "written", "acknowledged");

  private final HandoverService handovers;

  public HandoverController(HandoverService handovers) {
    this.handovers = handovers;
  }

  @Operation(
      summary =
          "Handover records, newest shift first, filtered by team, person (outgoing or incoming), shift start and status, paged")
  @GetMapping
  public HandoverPage list(
      CurrentUser user,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String person,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size) {
    List<FieldError> errors = new ArrayList<>();
    Instant fromInstant = instant("from", from, errors);
    Instant toInstant = instant("to", to, errors);
    if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
    }
    int pageNumber = number("page", page, 0, 10_000, errors);
    int pageSize = number("size", size, 1, HandoverQuery.MAX_SIZE, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return handovers.search(
        new HandoverQuery(
            blankToNull(team),
            blankToNull(person),
            fromInstant,
            toInstant,
            blankToNull(status),
            pageNumber,
            pageSize));
  }

  @Operation(
      summary =
          "One handover record with its prefilled snapshot, notes, risks and who wrote and acknowledged it when")
  @GetMapping("/{id}")
  public HandoverRecord get(CurrentUser user, @PathVariable String id) {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("id", "must be a number");
    }
    return handovers.get(number);
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO instant such as 2026-11-02T01:00:00Z"));
      return null;
    }
  }

  private static int number(String field, String value, int min, int max, List<FieldError> errors) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        errors.add(new FieldError(field, "must be between " + min + " and " + max));
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be a number"));
      return min;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

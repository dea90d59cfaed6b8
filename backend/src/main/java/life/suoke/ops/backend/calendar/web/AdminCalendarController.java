package life.suoke.ops.backend.calendar.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.calendar.BusinessCalendar;
import life.suoke.ops.backend.calendar.CalendarAdministration;
import life.suoke.ops.backend.calendar.CalendarInput;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Business calendar administration, for the group {@code admins}; auditors may read the days. Every
 * change is audited ({@code calendar.create}, {@code calendar.update}, {@code calendar.delete},
 * {@code calendar.days-save}, {@code calendar.days-delete}, {@code calendar.import}).
 */
@RestController
@RequestMapping("/api/admin/calendars")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Business calendars")
class AdminCalendarController {

  private final CalendarAdministration administration;
  private final ObjectMapper json;

  AdminCalendarController(CalendarAdministration administration, ObjectMapper json) {
    this.administration = administration;
    this.json = json;
  }

  @PostMapping
  @Operation(
      summary =
          "Create a business calendar (time zone defaults to Asia/Shanghai, week to Mon-Fri 09:00-18:00)")
  ResponseEntity<CalendarJson> create(@RequestBody CalendarInput body, CurrentUser admin) {
    BusinessCalendar calendar = administration.create(body, admin);
    return ResponseEntity.status(HttpStatus.CREATED).body(read(calendar.id()));
  }

  @PutMapping("/{id}")
  @Operation(
      summary =
          "Change a business calendar's name, time zone, working week (and, if given, all its days)")
  CalendarJson update(@PathVariable String id, @RequestBody CalendarInput body, CurrentUser admin) {
    administration.update(id, body, admin);
    return read(id);
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Delete a business calendar with its days (the default calendar cannot be deleted)")
  ResponseEntity<Void> delete(@PathVariable String id, CurrentUser admin) {
    administration.delete(id, admin);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/days")
  @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
  @Operation(summary = "List a calendar's holidays and make-up working days (all, or of ?year=)")
  List<CalendarJson.DayJson> days(
      @PathVariable String id, @RequestParam(required = false) String year) {
    return administration.days(id, CalendarParams.year(year)).stream()
        .map(CalendarJson.DayJson::of)
        .toList();
  }

  @PostMapping("/{id}/days")
  @Operation(
      summary =
          "Add or change holidays and make-up working days: one {date, kind, name} or a list of them")
  CalendarAdministration.DaysResult saveDays(
      @PathVariable String id, @RequestBody JsonNode body, CurrentUser admin) {
    boolean list = body.isArray();
    List<CalendarInput.DayInput> days = new ArrayList<>();
    if (list) {
      for (int i = 0; i < body.size(); i++) {
        days.add(day(body.get(i), "[" + i + "]"));
      }
    } else if (body.isObject()) {
      days.add(day(body, ""));
    } else {
      throw ApiProblem.badRequest("", "must be a day {date, kind, name} or a list of days");
    }
    return administration.saveDays(id, days, list, admin);
  }

  @DeleteMapping("/{id}/days/{date}")
  @Operation(summary = "Remove the holiday or make-up working day of one date")
  ResponseEntity<Void> deleteDay(
      @PathVariable String id, @PathVariable String date, CurrentUser admin) {
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("date", "is not a date yyyy-MM-dd");
    }
    administration.deleteDay(id, day, admin);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{id}/days")
  @Operation(summary = "Remove every holiday and make-up working day of one year (?year=)")
  Map<String, Integer> deleteYear(
      @PathVariable String id, @RequestParam(required = false) String year, CurrentUser admin) {
    Integer which = CalendarParams.year(year);
    if (which == null) {
      throw ApiProblem.badRequest("year", "is required");
    }
    return Map.of("deleted", administration.deleteYear(id, which, admin));
  }

  @PostMapping(path = "/{id}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary =
          "Import holidays and make-up working days from an iCalendar file (multipart field 'file')")
  CalendarAdministration.DaysResult importFile(
      @PathVariable String id,
      @RequestPart(name = "file", required = false) MultipartFile file,
      CurrentUser admin) {
    if (file == null || file.isEmpty()) {
      throw ApiProblem.badRequest("file", "is required: an iCalendar file");
    }
    try {
      return administration.importCalendar(id, file.getBytes(), file.getOriginalFilename(), admin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @PostMapping(path = "/{id}/import", consumes = "text/calendar")
  @Operation(
      summary =
          "Import holidays and make-up working days from an iCalendar body (text/calendar, UTF-8)")
  CalendarAdministration.DaysResult importBody(
      @PathVariable String id, @RequestBody(required = false) byte[] body, CurrentUser admin) {
    return administration.importCalendar(id, body, null, admin);
  }

  private CalendarInput.DayInput day(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest(at.isEmpty() ? "date" : at, "must be a day {date, kind, name}");
    }
    try {
      return json.treeToValue(node, CalendarInput.DayInput.class);
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest(
          at.isEmpty() ? "date" : at,
          "has fields of the wrong type (date, kind and name are text)");
    }
  }

  private CalendarJson read(String id) {
    return CalendarJson.of(
        administration.calendar(id),
        administration.years().getOrDefault(id, List.of()),
        administration.days(id, null));
  }
}

package life.suoke.ops.backend.calendar.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.calendar.BusinessCalendar;
import life.suoke.ops.backend.calendar.BusinessCalendarService;
import life.suoke.ops.backend.calendar.CalendarAdministration;
import life.suoke.ops.backend.calendar.CalendarRules;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The business calendars for every signed-in user: read them, export their holidays and make-up
 * days as iCalendar, and compute business time and deadlines on them.
 */
@RestController
@RequestMapping("/api/calendars")
@Tag(name = "Business calendars")
class CalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

  private final CalendarAdministration administration;
  private final BusinessCalendarService calendars;

  CalendarController(CalendarAdministration administration, BusinessCalendarService calendars) {
    this.administration = administration;
    this.calendars = calendars;
  }

  @GetMapping
  @Operation(summary = "List the business calendars (without their days)")
  List<CalendarJson> list() {
    Map<String, List<Integer>> years = administration.years();
    return administration.calendars().stream()
        .map(
            calendar ->
                CalendarJson.of(calendar, years.getOrDefault(calendar.id(), List.of()), null))
        .toList();
  }

  @GetMapping("/{id}")
  @Operation(
      summary =
          "Read a business calendar with its holidays and make-up working days (all, or of ?year=)")
  CalendarJson get(@PathVariable String id, @RequestParam(required = false) String year) {
    BusinessCalendar calendar = administration.calendar(id);
    return CalendarJson.of(
        calendar,
        administration.years().getOrDefault(id, List.of()),
        administration.days(id, CalendarParams.year(year)));
  }

  @GetMapping("/{id}/export.ics")
  @Operation(summary = "Export a calendar's holidays and make-up working days as an iCalendar file")
  ResponseEntity<String> export(@PathVariable String id) {
    String ics = administration.exportCalendar(id);
    return ResponseEntity.ok()
        .contentType(TEXT_CALENDAR)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(id + ".ics").build().toString())
        .body(ics);
  }

  @GetMapping("/{id}/business-time")
  @Operation(summary = "The working time between two instants on a calendar (?from=&to=, ISO-8601)")
  Map<String, Object> businessTime(
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    CalendarRules rules = rules(id);
    Instant start = CalendarParams.instant("from", from);
    Instant end = CalendarParams.instant("to", to);
    if (end.isBefore(start)) {
      throw ApiProblem.badRequest("to", "must not be before from");
    }
    if (Duration.between(start, end).compareTo(CalendarParams.MAX_BUSINESS_TIME) > 0) {
      throw ApiProblem.badRequest(
          "to", "must be at most " + CalendarParams.MAX_BUSINESS_TIME + " after from");
    }
    Duration time = rules.businessTimeBetween(start, end);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("calendarId", id);
    answer.put("from", start.toString());
    answer.put("to", end.toString());
    answer.put("businessTime", time.toString());
    answer.put("seconds", time.toSeconds());
    return answer;
  }

  @GetMapping("/{id}/due")
  @Operation(
      summary =
          "The deadline: start plus business time (?start=&businessTime=PT8H, or &businessDays=1)")
  Map<String, Object> due(
      @PathVariable String id,
      @RequestParam(required = false) String start,
      @RequestParam(required = false) String businessTime,
      @RequestParam(required = false) String businessDays) {
    CalendarRules rules = rules(id);
    Instant from = CalendarParams.instant("start", start);
    boolean hasTime = businessTime != null && !businessTime.isBlank();
    boolean hasDays = businessDays != null && !businessDays.isBlank();
    if (hasTime == hasDays) {
      throw ApiProblem.badRequest(
          "businessTime", "give exactly one of businessTime (PT8H) and businessDays (1)");
    }
    Duration amount =
        hasTime
            ? CalendarParams.businessTime(businessTime)
            : rules.normalDayTime().multipliedBy(CalendarParams.businessDays(businessDays));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("calendarId", id);
    answer.put("start", from.toString());
    answer.put("businessTime", amount.toString());
    if (hasDays) {
      answer.put("businessDays", Integer.parseInt(businessDays.strip()));
    }
    answer.put("due", rules.addBusinessTime(from, amount).toString());
    return answer;
  }

  private CalendarRules rules(String id) {
    return calendars
        .find(id)
        .orElseThrow(() -> ApiProblem.notFound("No business calendar '" + id + "'."));
  }
}

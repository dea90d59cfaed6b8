package life.suoke.ops.backend.calendar.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.calendar.BusinessCalendar;
import life.suoke.ops.backend.calendar.CalendarDay;
import life.suoke.ops.backend.calendar.CalendarRules;
import life.suoke.ops.backend.calendar.WorkingWindow;

/**
 * A business calendar as the API shows it: {@code workingWeek} keyed {@code MONDAY} ... {@code
 * SUNDAY} (every weekday, an empty list for a day off), {@code businessDay} the working time of one
 * business day (ISO-8601 duration), {@code years} the years that have holidays or make-up days, and
 * {@code days} (only on a single calendar) those days in date order.
 */
record CalendarJson(
    String id,
    String name,
    String timeZone,
    Map<String, List<WindowJson>> workingWeek,
    String businessDay,
    List<Integer> years,
    List<DayJson> days) {

  /** A working window, {@code HH:mm} wall-clock times in the calendar's zone. */
  record WindowJson(String start, String end) {}

  /** A holiday (HOLIDAY) or make-up working day (WORKDAY). */
  record DayJson(String date, String kind, String name) {
    static DayJson of(CalendarDay day) {
      return new DayJson(day.date().toString(), day.kind().name(), day.name());
    }
  }

  static CalendarJson of(BusinessCalendar calendar, List<Integer> years, List<CalendarDay> days) {
    Map<String, List<WindowJson>> week = new LinkedHashMap<>();
    calendar
        .workingWeek()
        .forEach(
            (day, windows) ->
                week.put(
                    day.name(),
                    windows.stream().map(w -> new WindowJson(w.start(), w.end())).toList()));
    int minutes = CalendarRules.normalDay(calendar).stream().mapToInt(WorkingWindow::minutes).sum();
    return new CalendarJson(
        calendar.id(),
        calendar.name(),
        calendar.timeZone().getId(),
        week,
        java.time.Duration.ofMinutes(minutes).toString(),
        years,
        days == null ? null : days.stream().map(DayJson::of).toList());
  }
}

package life.suoke.ops.backend.calendar;

import java.util.List;
import java.util.Map;

/**
 * A business calendar as written through the API. On create, {@code timeZone} defaults to
 * Asia/Shanghai and {@code workingWeek} to Monday-Friday 09:00-18:00; on update, an absent {@code
 * timeZone}, {@code workingWeek} or {@code days} keeps the calendar's. {@code days}, when given, is
 * the complete list of the calendar's dated exceptions.
 *
 * @param workingWeek per weekday ({@code MONDAY} ... {@code SUNDAY}) its working windows; a weekday
 *     left out or with no windows is a day off
 */
public record CalendarInput(
    String id,
    String name,
    String timeZone,
    Map<String, List<WindowInput>> workingWeek,
    List<DayInput> days) {

  /**
   * A working window as written: {@code HH:mm} times, {@code end} after {@code start} ({@code
   * 24:00} allowed).
   */
  public record WindowInput(String start, String end) {}

  /**
   * A dated exception as written: {@code date} {@code yyyy-MM-dd}, {@code kind} HOLIDAY or WORKDAY,
   * optional {@code name}.
   */
  public record DayInput(String date, String kind, String name) {}
}

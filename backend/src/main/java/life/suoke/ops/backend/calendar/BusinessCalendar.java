package life.suoke.ops.backend.calendar;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A business calendar without its dated exceptions: id (a slug such as {@code default}), name, time
 * zone, and the working week (per weekday its working windows; none = a day off).
 */
public record BusinessCalendar(
    String id, String name, ZoneId timeZone, Map<DayOfWeek, List<WorkingWindow>> workingWeek) {

  /** The zone of a calendar created without one. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public BusinessCalendar {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeZone, "timeZone");
    EnumMap<DayOfWeek, List<WorkingWindow>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, List.copyOf(workingWeek.getOrDefault(day, List.of())));
    }
    workingWeek = java.util.Collections.unmodifiableMap(week);
  }

  /** Monday to Friday 09:00-18:00, Saturday and Sunday off. */
  public static Map<DayOfWeek, List<WorkingWindow>> defaultWeek() {
    EnumMap<DayOfWeek, List<WorkingWindow>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, day.getValue() <= 5 ? List.of(new WorkingWindow(9 * 60, 18 * 60)) : List.of());
    }
    return week;
  }

  /** Whether the weekday is a working day of the working week. */
  public boolean worksOn(DayOfWeek day) {
    return !workingWeek.get(day).isEmpty();
  }
}

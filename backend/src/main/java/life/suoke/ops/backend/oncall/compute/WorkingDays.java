package life.suoke.ops.backend.oncall.compute;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The working hours of a business calendar as the schedule computation needs them: per local date
 * the wall-clock windows (none on a holiday or a day off; a normal day's on a make-up working day),
 * in the calendar's zone.
 */
public interface WorkingDays {

  ZoneId zone();

  /**
   * Windows of minutes after midnight {@code [startMinute, endMinute)}, {@code 0 <= start < end <=
   * 1440}.
   */
  List<Window> windowsOn(LocalDate date);

  /** One working window of a day. */
  record Window(int startMinute, int endMinute) {}
}

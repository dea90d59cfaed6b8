package life.suoke.ops.backend.oncall;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import life.suoke.ops.backend.calendar.CalendarRules;
import life.suoke.ops.backend.oncall.compute.WorkingDays;

/**
 * A business calendar's working days (holidays off, make-up working days on) as the schedule
 * computation reads them.
 */
final class CalendarWorkingDays implements WorkingDays {

  private final CalendarRules rules;

  private CalendarWorkingDays(CalendarRules rules) {
    this.rules = rules;
  }

  static WorkingDays of(CalendarRules rules) {
    return new CalendarWorkingDays(rules);
  }

  /** The working days of a calendar that no longer exists: none, so the layer is never on duty. */
  static WorkingDays none() {
    return new WorkingDays() {
      @Override
      public ZoneId zone() {
        return ZoneId.of("UTC");
      }

      @Override
      public List<Window> windowsOn(LocalDate date) {
        return List.of();
      }
    };
  }

  @Override
  public ZoneId zone() {
    return rules.zone();
  }

  @Override
  public List<Window> windowsOn(LocalDate date) {
    return rules.windowsOn(date).stream()
        .map(w -> new Window(w.startMinute(), w.endMinute()))
        .toList();
  }
}

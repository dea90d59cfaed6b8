package life.suoke.ops.backend.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One dated exception of a business calendar: a public holiday or a make-up working day, with an
 * optional name.
 */
public record CalendarDay(LocalDate date, DayKind kind, String name) {

  public CalendarDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
  }
}

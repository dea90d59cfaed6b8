package life.suoke.ops.backend.calendar;

/** What a dated exception of a business calendar does to its day. */
public enum DayKind {
  /** A public holiday: not a working day, even on a weekday. */
  HOLIDAY,
  /**
   * A make-up working day (调休): a day off in the working week that is worked, with the hours of a
   * normal working day.
   */
  WORKDAY
}

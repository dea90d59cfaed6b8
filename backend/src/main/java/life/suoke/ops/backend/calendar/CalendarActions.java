package life.suoke.ops.backend.calendar;

/**
 * The audit actions of the business calendars' administration (object type {@code calendar}, id the
 * calendar's).
 */
public final class CalendarActions {

  public static final String OBJECT_TYPE = "calendar";

  public static final String CREATE = "calendar.create";
  public static final String UPDATE = "calendar.update";
  public static final String DELETE = "calendar.delete";

  /** Holidays and make-up working days added or changed. */
  public static final String DAYS_SAVE = "calendar.days-save";

  /** Holidays and make-up working days removed. */
  public static final String DAYS_DELETE = "calendar.days-delete";

  public static final String IMPORT = "calendar.import";

  private CalendarActions() {}
}

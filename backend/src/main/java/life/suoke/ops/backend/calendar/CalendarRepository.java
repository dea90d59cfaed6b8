package life.suoke.ops.backend.calendar;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Business calendars in PostgreSQL ({@code business_calendar}, its working week in {@code
 * business_calendar_hours} and its dated exceptions in {@code business_calendar_day}; Flyway {@code
 * V4__business_calendar.sql}). Validation is the caller's; this class only reads and writes.
 */
@Repository
public class CalendarRepository {

  private final JdbcTemplate jdbc;

  public CalendarRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<BusinessCalendar> calendars() {
    return calendars(null);
  }

  public Optional<BusinessCalendar> calendar(String id) {
    List<BusinessCalendar> found = calendars(id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  public boolean exists(String id) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM business_calendar WHERE id = ?)", Boolean.class, id));
  }

  private List<BusinessCalendar> calendars(String only) {
    String where = only == null ? "" : " WHERE calendar_id = ?";
    Object[] args = only == null ? new Object[0] : new Object[] {only};
    Map<String, Map<DayOfWeek, List<WorkingWindow>>> weeks = new LinkedHashMap<>();
    jdbc.query(
        "SELECT calendar_id, weekday, start_minute, end_minute FROM business_calendar_hours"
            + where
            + " ORDER BY calendar_id, weekday, start_minute",
        rs -> {
          weeks
              .computeIfAbsent(rs.getString(1), k -> new EnumMap<>(DayOfWeek.class))
              .computeIfAbsent(DayOfWeek.of(rs.getInt(2)), k -> new ArrayList<>())
              .add(new WorkingWindow(rs.getInt(3), rs.getInt(4)));
        },
        args);
    return jdbc.query(
        "SELECT id, name, time_zone FROM business_calendar"
            + (only == null ? "" : " WHERE id = ?")
            + " ORDER BY id",
        (rs, i) ->
            new BusinessCalendar(
                rs.getString(1),
                rs.getString(2),
                ZoneId.of(rs.getString(3)),
                weeks.getOrDefault(rs.getString(1), Map.of())),
        args);
  }

  /** The calendar's dated exceptions in date order, of one year or (year {@code null}) all. */
  public List<CalendarDay> days(String calendarId, Integer year) {
    String sql = "SELECT day, kind, name FROM business_calendar_day WHERE calendar_id = ?";
    List<Object> args = new ArrayList<>(List.of(calendarId));
    if (year != null) {
      sql += " AND day >= ? AND day < ?";
      args.add(Date.valueOf(LocalDate.of(year, 1, 1)));
      args.add(Date.valueOf(LocalDate.of(year + 1, 1, 1)));
    }
    return jdbc.query(
        sql + " ORDER BY day",
        (rs, i) ->
            new CalendarDay(
                rs.getDate(1).toLocalDate(), DayKind.valueOf(rs.getString(2)), rs.getString(3)),
        args.toArray());
  }

  /** The years that have dated exceptions, per calendar, ascending. */
  public Map<String, List<Integer>> years() {
    Map<String, List<Integer>> years = new LinkedHashMap<>();
    jdbc.query(
        "SELECT DISTINCT calendar_id, EXTRACT(YEAR FROM day)::int AS year FROM business_calendar_day"
            + " ORDER BY calendar_id, year",
        rs -> {
          years.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
        });
    return years;
  }

  public void insert(BusinessCalendar calendar) {
    jdbc.update(
        "INSERT INTO business_calendar (id, name, time_zone) VALUES (?, ?, ?)",
        calendar.id(),
        calendar.name(),
        calendar.timeZone().getId());
    insertWeek(calendar);
  }

  public void update(BusinessCalendar calendar) {
    jdbc.update(
        "UPDATE business_calendar SET name = ?, time_zone = ?, updated_at = now() WHERE id = ?",
        calendar.name(),
        calendar.timeZone().getId(),
        calendar.id());
    jdbc.update("DELETE FROM business_calendar_hours WHERE calendar_id = ?", calendar.id());
    insertWeek(calendar);
  }

  private void insertWeek(BusinessCalendar calendar) {
    List<Object[]> rows = new ArrayList<>();
    calendar
        .workingWeek()
        .forEach(
            (day, windows) ->
                windows.forEach(
                    window ->
                        rows.add(
                            new Object[] {
                              calendar.id(),
                              day.getValue(),
                              window.startMinute(),
                              window.endMinute()
                            })));
    jdbc.batchUpdate(
        "INSERT INTO business_calendar_hours (calendar_id, weekday, start_minute, end_minute)"
            + " VALUES (?, ?, ?, ?)",
        rows);
  }

  /** When the calendar or its days last changed. */
  public java.time.Instant updatedAt(String id) {
    return jdbc.queryForObject(
        "SELECT updated_at FROM business_calendar WHERE id = ?",
        (rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
        id);
  }

  /** Marks the calendar changed (its days were written). */
  public void touch(String id) {
    jdbc.update("UPDATE business_calendar SET updated_at = now() WHERE id = ?", id);
  }

  public void delete(String id) {
    jdbc.update("DELETE FROM business_calendar WHERE id = ?", id);
  }

  /** Writes the days, replacing those of the same dates. */
  public void saveDays(String calendarId, List<CalendarDay> days) {
    List<Object[]> rows =
        days.stream()
            .map(
                day ->
                    new Object[] {
                      calendarId, Date.valueOf(day.date()), day.kind().name(), day.name()
                    })
            .toList();
    jdbc.batchUpdate(
        "INSERT INTO business_calendar_day (calendar_id, day, kind, name) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (calendar_id, day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name",
        rows);
  }

  public void deleteAllDays(String calendarId) {
    jdbc.update("DELETE FROM business_calendar_day WHERE calendar_id = ?", calendarId);
  }

  public int deleteDay(String calendarId, LocalDate date) {
    return jdbc.update(
        "DELETE FROM business_calendar_day WHERE calendar_id = ? AND day = ?",
        calendarId,
        Date.valueOf(date));
  }

  public int deleteYear(String calendarId, int year) {
    return jdbc.update(
        "DELETE FROM business_calendar_day WHERE calendar_id = ? AND day >= ? AND day < ?",
        calendarId,
        Date.valueOf(LocalDate.of(year, 1, 1)),
        Date.valueOf(LocalDate.of(year + 1, 1, 1)));
  }
}

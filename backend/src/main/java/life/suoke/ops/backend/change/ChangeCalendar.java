package life.suoke.ops.backend.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDependencies;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change calendar: maintenance windows and blackout (freeze) windows per service (or for every
 * service), the changes booked into windows, and the conflicts between them: two changes on the
 * same service, or on services that depend on each other, whose windows overlap.
 */
@Service
public class ChangeCalendar {

  /** The longest window a change may book. */
  static final Duration MAX_WINDOW = Duration.ofDays(7);

  private final JdbcTemplate jdbc;
  private final ChangeStore store;
  private final ServiceCatalog catalog;
  private final ServiceDependencies dependencies;
  private final AuditTrail audit;

  ChangeCalendar(
      JdbcTemplate jdbc,
      ChangeStore store,
      ServiceCatalog catalog,
      ServiceDependencies dependencies,
      AuditTrail audit) {
    this.jdbc = jdbc;
    this.store = store;
    this.catalog = catalog;
    this.dependencies = dependencies;
    this.audit = audit;
  }

  /** A maintenance or blackout window; {@code service} null for every service. */
  public record CalendarWindow(
      long id,
      String kind,
      String service,
      String title,
      Instant start,
      Instant end,
      String createdBy) {}

  /** Two changes whose windows overlap on the same or dependent services. */
  public record Conflict(
      String change,
      String otherChange,
      String service,
      String otherService,
      Instant start,
      Instant end,
      String reason) {}

  /** A booked change as the calendar shows it. */
  public record Booked(
      String number,
      String title,
      String service,
      String changeType,
      String status,
      String risk,
      Instant start,
      Instant end) {}

  /** What the calendar shows between two instants. */
  public record View(
      Instant from,
      Instant to,
      List<CalendarWindow> windows,
      List<Booked> changes,
      List<Conflict> conflicts) {}

  public View view(Instant from, Instant to, String service) {
    List<CalendarWindow> windows = windows(from, to, service);
    List<Booked> changes = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    List<Change> booked = store.scheduledBetween(from, to, service);
    for (Change change : booked) {
      changes.add(
          new Booked(
              change.number(),
              change.title(),
              change.service(),
              change.changeType(),
              change.status(),
              change.risk(),
              change.windowStart(),
              change.windowEnd()));
      for (Conflict conflict :
          conflicts(change.number(), change.service(), change.windowStart(), change.windowEnd())) {
        boolean seen =
            conflicts.stream()
                .anyMatch(
                    c ->
                        c.change().equals(conflict.otherChange())
                            && c.otherChange().equals(conflict.change()));
        if (!seen) {
          conflicts.add(conflict);
        }
      }
    }
    return new View(from, to, windows, changes, conflicts);
  }

  public List<CalendarWindow> windows(Instant from, Instant to, String service) {
    String sql =
        "SELECT * FROM change_calendar_window WHERE starts_at < ? AND ends_at > ?"
            + (service == null ? "" : " AND (service = ? OR service IS NULL)")
            + " ORDER BY starts_at, id";
    Object[] args =
        service == null
            ? new Object[] {ChangeStore.ts(to), ChangeStore.ts(from)}
            : new Object[] {ChangeStore.ts(to), ChangeStore.ts(from), service};
    return jdbc.query(
        sql,
        (rs, i) ->
            new CalendarWindow(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("service"),
                rs.getString("title"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getString("created_by")),
        args);
  }

  @Transactional
  public CalendarWindow create(
      String kind,
      String service,
      String title,
      Instant start,
      Instant end,
      Instant now,
      CurrentUser user) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (!"maintenance".equals(kind) && !"blackout".equals(kind)) {
      errors.add(new ApiProblem.FieldError("kind", "must be maintenance or blackout"));
    }
    if (service != null && catalog.find(service).isEmpty()) {
      errors.add(new ApiProblem.FieldError("service", "no service " + service));
    }
    if (title == null || title.isBlank()) {
      errors.add(new ApiProblem.FieldError("title", "is required"));
    } else if (title.length() > 200) {
      errors.add(new ApiProblem.FieldError("title", "must be at most 200 characters"));
    }
    if (start == null) {
      errors.add(new ApiProblem.FieldError("start", "is required"));
    }
    if (end == null) {
      errors.add(new ApiProblem.FieldError("end", "is required"));
    } else if (now != null && !end.isAfter(now)) {
      errors.add(new ApiProblem.FieldError("end", "is in the past"));
    }
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add(new ApiProblem.FieldError("end", "must be after start"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    Long id =
        jdbc.queryForObject(
            "INSERT INTO change_calendar_window (kind, service, title, starts_at, ends_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            Long.class,
            kind,
            service,
            title.strip(),
            ChangeStore.ts(start),
            ChangeStore.ts(end),
            user.username());
    audit.record(
        AuditEvent.of(
                user.username(),
                "change.calendar.create",
                "change-calendar-window",
                String.valueOf(id))
            .withDetail("kind", kind)
            .withDetail("service", service)
            .withDetail("start", start.toString())
            .withDetail("end", end.toString()));
    return new CalendarWindow(id, kind, service, title.strip(), start, end, user.username());
  }

  @Transactional
  public void delete(long id, CurrentUser user) {
    int deleted = jdbc.update("DELETE FROM change_calendar_window WHERE id = ?", id);
    if (deleted == 0) {
      throw ApiProblem.notFound("There is no calendar window " + id + ".");
    }
    audit.record(
        AuditEvent.of(
            user.username(),
            "change.calendar.delete",
            "change-calendar-window",
            String.valueOf(id)));
  }

  /** The blackout windows of the service (or of every service) that overlap the window. */
  public List<CalendarWindow> blackouts(String service, Instant start, Instant end) {
    return windows(start, end, service).stream().filter(w -> "blackout".equals(w.kind())).toList();
  }

  /**
   * Why the window may not be booked for the change, or null when it may: in the past, end not
   * after start, longer than 7 days, or overlapping a blackout of the service.
   */
  public String refusal(String service, Instant start, Instant end, Instant now) {
    if (start == null || end == null) {
      return "the window needs a start and an end";
    }
    if (!end.isAfter(start)) {
      return "the window must end after it starts";
    }
    if (start.isBefore(now.minus(Duration.ofMinutes(5)))) {
      return "the window starts in the past";
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      return "the window is longer than 7 days";
    }
    List<CalendarWindow> blackouts = blackouts(service, start, end);
    if (!blackouts.isEmpty()) {
      CalendarWindow b = blackouts.get(0);
      return "the window falls into the blackout '"
          + b.title()
          + "' ("
          + b.start()
          + " - "
          + b.end()
          + ")";
    }
    return null;
  }

  /** Changes on the same or dependent services whose windows overlap the given one. */
  public List<Conflict> conflicts(String number, String service, Instant start, Instant end) {
    Set<String> related = dependencies.related(service);
    List<Conflict> conflicts = new ArrayList<>();
    for (Change other :
        store.overlapping(List.copyOf(related), start, end, number == null ? "" : number)) {
      String reason = other.service().equals(service) ? "same service" : "dependent services";
      conflicts.add(
          new Conflict(
              number,
              other.number(),
              service,
              other.service(),
              later(start, other.windowStart()),
              earlier(end, other.windowEnd()),
              reason));
    }
    return conflicts;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

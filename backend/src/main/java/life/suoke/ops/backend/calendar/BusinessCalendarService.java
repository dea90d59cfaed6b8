package life.suoke.ops.backend.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The business calendars of the product ({@link BusinessCalendars}), read from the database and
 * kept parsed ({@link CalendarRules}) in memory: a change through this application drops a calendar
 * from the cache when its transaction commits; changes made by another instance on the same
 * database are seen after {@code suoke.calendar.cache-ttl} (default one minute).
 */
@Service
public class BusinessCalendarService implements BusinessCalendars {

  private record Cached(CalendarRules rules, long loadedAt) {}

  private final CalendarRepository repository;
  private final long ttlNanos;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private long generation;

  public BusinessCalendarService(
      CalendarRepository repository, @Value("${suoke.calendar.cache-ttl:PT1M}") Duration ttl) {
    this.repository = repository;
    this.ttlNanos = ttl.toNanos();
  }

  @Override
  public Instant addBusinessTime(String calendarId, Instant start, Duration businessTime) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(businessTime, "businessTime");
    return rules(calendarId).addBusinessTime(start, businessTime);
  }

  @Override
  public Instant addBusinessDays(String calendarId, Instant start, int days) {
    Objects.requireNonNull(start, "start");
    return rules(calendarId).addBusinessDays(start, days);
  }

  @Override
  public Duration businessTimeBetween(String calendarId, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return rules(calendarId).businessTimeBetween(from, to);
  }

  @Override
  public boolean isWorkingTime(String calendarId, Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return rules(calendarId).isWorkingTime(instant);
  }

  /** The working time of one business day of the calendar. */
  public Duration businessDay(String calendarId) {
    return rules(calendarId).normalDayTime();
  }

  /**
   * The parsed calendar ({@code null} id = {@link #DEFAULT}).
   *
   * @throws IllegalArgumentException when there is no calendar of that id
   */
  public CalendarRules rules(String calendarId) {
    return find(calendarId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown business calendar '"
                        + calendarId
                        + "' (calendars are managed at /api/admin/calendars)"));
  }

  /** The parsed calendar, if there is one of that id ({@code null} = {@link #DEFAULT}). */
  public Optional<CalendarRules> find(String calendarId) {
    String id = calendarId == null ? DEFAULT : calendarId;
    Cached cached = cache.get(id);
    if (cached != null && System.nanoTime() - cached.loadedAt() < ttlNanos) {
      return Optional.of(cached.rules());
    }
    long seen;
    synchronized (lock) {
      seen = generation;
    }
    Optional<BusinessCalendar> calendar = repository.calendar(id);
    if (calendar.isEmpty()) {
      return Optional.empty();
    }
    CalendarRules rules = new CalendarRules(calendar.get(), repository.days(id, null));
    synchronized (lock) {
      // a change committed while this was read must not be hidden by the older copy
      if (generation == seen) {
        cache.put(id, new Cached(rules, System.nanoTime()));
      }
    }
    return Optional.of(rules);
  }

  /** Forgets the parsed calendar: now, and again when the current transaction (if any) commits. */
  public void invalidate(String calendarId) {
    drop(calendarId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              drop(calendarId);
            }
          });
    }
  }

  private void drop(String calendarId) {
    synchronized (lock) {
      generation++;
      cache.remove(calendarId);
    }
  }
}

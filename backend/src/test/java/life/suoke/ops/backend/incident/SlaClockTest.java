package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import org.junit.jupiter.api.Test;

/**
 * The SLA clock's arithmetic: elapsed time and breach time with pauses, on wall-clock and calendar
 * time.
 */
class SlaClockTest {

  private static final Instant T0 =
      Instant.parse("2026-12-07T02:00:00Z"); // Monday 10:00 in Shanghai
  private static final SlaClock.Metric WALL = SlaClock.Metric.wall();

  @Test
  void wallClockBreachesAtStartPlusGoal() {
    assertThat(SlaClock.breach(T0, Duration.ofMinutes(30), List.of(), WALL))
        .isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(SlaClock.elapsed(T0, T0.plusSeconds(600), List.of(), WALL))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aPauseMovesTheBreachByItsLengthAndIsNotCounted() {
    List<SlaClock.Pause> pauses =
        List.of(new SlaClock.Pause(T0.plusSeconds(600), T0.plusSeconds(1500)));

    assertThat(SlaClock.breach(T0, Duration.ofMinutes(30), pauses, WALL))
        .isEqualTo(T0.plus(Duration.ofMinutes(30)).plusSeconds(900));
    assertThat(SlaClock.elapsed(T0, T0.plusSeconds(1800), pauses, WALL))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aRunningPauseHasNoBreachAndFreezesTheElapsedTime() {
    List<SlaClock.Pause> pauses = List.of(new SlaClock.Pause(T0.plusSeconds(600), null));

    assertThat(SlaClock.breach(T0, Duration.ofMinutes(30), pauses, WALL)).isNull();
    assertThat(SlaClock.elapsed(T0, T0.plusSeconds(5000), pauses, WALL))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aPauseAfterTheBreachDoesNotMoveIt() {
    List<SlaClock.Pause> pauses =
        List.of(new SlaClock.Pause(T0.plusSeconds(3600), T0.plusSeconds(7200)));

    assertThat(SlaClock.breach(T0, Duration.ofMinutes(30), pauses, WALL))
        .isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(SlaClock.elapsed(T0, T0.plusSeconds(7200), pauses, WALL))
        .isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void reclassifyingKeepsTheTimeSpent() {
    // P3 -> P1 after 20 minutes with a 5-minute pause: 15 minutes spent of P1's 30
    List<SlaClock.Pause> pauses =
        List.of(new SlaClock.Pause(T0.plusSeconds(300), T0.plusSeconds(600)));
    Instant now = T0.plusSeconds(1200);
    Duration goal = SlaPolicy.goal("P1", SlaPolicy.RESPONSE).wall();

    Instant breach = SlaClock.breach(T0, goal, pauses, WALL);

    assertThat(Duration.between(now, breach))
        .isEqualTo(goal.minus(SlaClock.elapsed(T0, now, pauses, WALL)));
    assertThat(breach).isEqualTo(T0.plusSeconds(2100));
  }

  @Test
  void businessDaysCountOnlyWorkingHoursAndPausesInThem() {
    BusinessCalendars calendars = new NineToSix();
    SlaClock.Metric metric = SlaClock.Metric.calendar(calendars, "default");
    Instant friday16 = ZonedDateTime.of(2026, 12, 11, 16, 0, 0, 0, NineToSix.ZONE).toInstant();
    SlaPolicy.Goal oneDay = SlaPolicy.goal("P3", SlaPolicy.RESPONSE);

    Duration goal = SlaClock.goalTime(oneDay, friday16, calendars, "default");

    assertThat(goal).isEqualTo(Duration.ofHours(9));
    // 2 h on Friday, the weekend does not count, 7 h on Monday: 16:00 Monday
    assertThat(SlaClock.breach(friday16, goal, List.of(), metric))
        .isEqualTo(ZonedDateTime.of(2026, 12, 14, 16, 0, 0, 0, NineToSix.ZONE).toInstant());
    // paused Monday 09:00-11:00 (2 working hours): 18:00 Monday
    Instant monday9 = ZonedDateTime.of(2026, 12, 14, 9, 0, 0, 0, NineToSix.ZONE).toInstant();
    List<SlaClock.Pause> pauses =
        List.of(new SlaClock.Pause(monday9, monday9.plus(Duration.ofHours(2))));
    assertThat(SlaClock.breach(friday16, goal, pauses, metric))
        .isEqualTo(ZonedDateTime.of(2026, 12, 14, 18, 0, 0, 0, NineToSix.ZONE).toInstant());
    // a pause over the weekend takes no working time
    List<SlaClock.Pause> weekend =
        List.of(new SlaClock.Pause(friday16.plus(Duration.ofHours(3)), monday9));
    assertThat(SlaClock.elapsed(friday16, monday9.plus(Duration.ofHours(1)), weekend, metric))
        .isEqualTo(Duration.ofHours(3));
  }

  @Test
  void goalsAndCyclesFollowThePlansTable() {
    assertThat(SlaPolicy.goal("P0", SlaPolicy.RESPONSE).iso()).isEqualTo("PT5M");
    assertThat(SlaPolicy.goal("P0", SlaPolicy.HANDLING).iso()).isEqualTo("PT15M");
    assertThat(SlaPolicy.goal("P1", SlaPolicy.RESPONSE).iso()).isEqualTo("PT30M");
    assertThat(SlaPolicy.goal("P1", SlaPolicy.HANDLING).iso()).isEqualTo("PT2H");
    assertThat(SlaPolicy.goal("P2", SlaPolicy.RESPONSE).iso()).isEqualTo("PT2H");
    assertThat(SlaPolicy.goal("P2", SlaPolicy.HANDLING))
        .satisfies(
            g -> {
              assertThat(g.onCalendar()).isTrue();
              assertThat(g.iso()).isEqualTo("1BD");
            });
    assertThat(SlaPolicy.goal("P3", SlaPolicy.RESPONSE).businessDays()).isEqualTo(1);
    assertThat(SlaPolicy.goal("P3", SlaPolicy.HANDLING).iso()).isEqualTo("3BD");
    assertThat(SlaPolicy.statusUpdateCycle("P0")).isEqualTo("R/PT30M");
    assertThat(SlaPolicy.statusUpdateCycle("P1")).isEqualTo("R/PT2H");
    assertThat(SlaPolicy.statusUpdateCycle("P2")).isEqualTo("R/P365D");
    assertThat(SlaPolicy.statusUpdateCycle("P3")).isEqualTo("R/P365D");
  }

  /**
   * Monday to Friday 09:00-18:00 Asia/Shanghai, no holidays: enough calendar for the arithmetic.
   */
  static final class NineToSix implements BusinessCalendars {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalTime OPEN = LocalTime.of(9, 0);
    private static final LocalTime CLOSE = LocalTime.of(18, 0);

    private static boolean workday(ZonedDateTime t) {
      return t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    @Override
    public Instant addBusinessTime(String calendarId, Instant start, Duration businessTime) {
      ZonedDateTime t = start.atZone(ZONE);
      Duration left = businessTime;
      while (true) {
        if (!workday(t) || !t.toLocalTime().isBefore(CLOSE)) {
          t = t.plusDays(1).with(OPEN);
          continue;
        }
        if (t.toLocalTime().isBefore(OPEN)) {
          t = t.with(OPEN);
        }
        Duration today = Duration.between(t.toLocalTime(), CLOSE);
        if (left.compareTo(today) <= 0) {
          return t.plus(left).toInstant();
        }
        left = left.minus(today);
        t = t.plusDays(1).with(OPEN);
      }
    }

    @Override
    public Instant addBusinessDays(String calendarId, Instant start, int days) {
      return addBusinessTime(calendarId, start, Duration.ofHours(9L * days));
    }

    @Override
    public Duration businessTimeBetween(String calendarId, Instant from, Instant to) {
      Duration total = Duration.ZERO;
      ZonedDateTime day = from.atZone(ZONE).toLocalDate().atStartOfDay(ZONE);
      while (day.toInstant().isBefore(to)) {
        if (workday(day)) {
          Instant open = day.with(OPEN).toInstant();
          Instant close = day.with(CLOSE).toInstant();
          Instant a = open.isAfter(from) ? open : from;
          Instant b = close.isBefore(to) ? close : to;
          if (b.isAfter(a)) {
            total = total.plus(Duration.between(a, b));
          }
        }
        day = day.plusDays(1);
      }
      return total;
    }

    @Override
    public boolean isWorkingTime(String calendarId, Instant instant) {
      ZonedDateTime t = instant.atZone(ZONE);
      return workday(t) && !t.toLocalTime().isBefore(OPEN) && t.toLocalTime().isBefore(CLOSE);
    }
  }
}

package life.suoke.ops.backend.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Incident numbers {@code INC-yyyyMMdd-nnnn}: the day in Asia/Shanghai and the day's running
 * number (four digits, more after the 9,999th). The day's counter row is incremented by an upsert
 * in the caller's transaction; its row lock makes concurrent openers take turns until they commit,
 * so a number is never given twice, and one rolled back is given again.
 */
@Component
class IncidentNumbers {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final JdbcTemplate jdbc;

  IncidentNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The next number of the day of {@code at}; call inside the transaction that inserts the incident. */
  String next(Instant at) {
    LocalDate day = at.atZone(ZONE).toLocalDate();
    Integer number = jdbc.queryForObject(
        "INSERT INTO incident_number_counter (day, last_number) VALUES (?, 1)"
            + " ON CONFLICT (day) DO UPDATE SET last_number = incident_number_counter.last_number + 1"
            + " RETURNING last_number",
        Integer.class, day);
    return format(day, number == null ? 1 : number);
  }

  static String format(LocalDate day, int number) {
    return "INC-" + day.format(DAY) + "-" + String.format("%04d", number);
  }
}

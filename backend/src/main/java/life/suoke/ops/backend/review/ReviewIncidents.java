package life.suoke.ops.backend.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a review needs of its incident, read from the incident's record (never its title or
 * description).
 */
@Component
class ReviewIncidents {

  /** The facts of an incident a review uses. */
  record Facts(
      String number,
      String service,
      String priority,
      String status,
      String commander,
      String handler,
      String managerGroup,
      String calendarId,
      Long processInstanceKey,
      Instant detectedAt,
      Instant resolvedAt,
      Instant closedAt) {}

  private final JdbcTemplate jdbc;

  ReviewIncidents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Facts> find(String number) {
    return jdbc
        .query(
            "SELECT number, service, priority, status, commander, handler, manager_group, calendar_id,"
                + " process_instance_key, detected_at, resolved_at, closed_at FROM incident WHERE number = ?",
            (rs, i) -> {
              long key = rs.getLong("process_instance_key");
              return new Facts(
                  rs.getString("number"),
                  rs.getString("service"),
                  rs.getString("priority"),
                  rs.getString("status"),
                  rs.getString("commander"),
                  rs.getString("handler"),
                  rs.getString("manager_group"),
                  rs.getString("calendar_id"),
                  rs.wasNull() ? null : key,
                  instant(rs.getTimestamp("detected_at")),
                  instant(rs.getTimestamp("resolved_at")),
                  instant(rs.getTimestamp("closed_at")));
            },
            number)
        .stream()
        .findFirst();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

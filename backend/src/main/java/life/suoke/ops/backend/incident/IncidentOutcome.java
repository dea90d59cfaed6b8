package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the KPIs read from an incident besides its status times: the outage it caused (start, end,
 * full or partial; set by whoever leads it) and the reporter's rating of the resolution (1-5 with
 * an optional comment, given when confirming it).
 */
@Component
public class IncidentOutcome {

  /** The outage kinds: the service was down, or degraded. */
  public static final List<String> OUTAGE_KINDS = List.of("full", "partial");

  /** The outage an incident caused; {@code end} null while it lasts. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Outage(String start, String end, String kind) {}

  /** The reporter's rating of the resolution. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Satisfaction(int rating, String comment, String ratedAt) {}

  private final JdbcTemplate jdbc;

  IncidentOutcome(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Outage outage(String number) {
    return jdbc.query(
        "SELECT outage_start, outage_end, outage_kind FROM incident WHERE number = ?",
        rs ->
            rs.next() && rs.getTimestamp(1) != null
                ? new Outage(iso(rs.getTimestamp(1)), iso(rs.getTimestamp(2)), rs.getString(3))
                : null,
        number);
  }

  Satisfaction satisfaction(String number) {
    return jdbc.query(
        "SELECT satisfaction, satisfaction_comment, satisfaction_at FROM incident WHERE number = ?",
        rs ->
            rs.next() && rs.getTimestamp(3) != null
                ? new Satisfaction(rs.getInt(1), rs.getString(2), iso(rs.getTimestamp(3)))
                : null,
        number);
  }

  /** Sets the outage ({@code start} null clears it). */
  void setOutage(String number, Instant start, Instant end, String kind) {
    jdbc.update(
        "UPDATE incident SET outage_start = ?, outage_end = ?, outage_kind = ?, updated_at = now() WHERE number = ?",
        ts(start),
        ts(start == null ? null : end),
        start == null ? null : kind,
        number);
  }

  void rate(String number, int rating, String comment, Instant at) {
    jdbc.update(
        "UPDATE incident SET satisfaction = ?, satisfaction_comment = ?, satisfaction_at = ?, updated_at = now()"
            + " WHERE number = ?",
        rating,
        comment,
        ts(at),
        number);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String iso(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }
}

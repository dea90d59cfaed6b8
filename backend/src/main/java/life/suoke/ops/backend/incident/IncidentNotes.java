package life.suoke.ops.backend.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The free texts of incidents (notes, reasons, comments) in {@code incident_note}: they may hold
 * personal or health data, so the audit trail names them by id and the timeline reads them here.
 */
@Component
class IncidentNotes {

  static final int MAX_LENGTH = 5000;

  private final JdbcTemplate jdbc;

  IncidentNotes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a text; its id. */
  long add(String number, String author, String kind, String text, Instant at) {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO incident_note (incident_number, author, kind, text, created_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id",
            Long.class,
            number,
            author,
            kind,
            text,
            Timestamp.from(at));
    return id == null ? 0 : id;
  }

  /** The texts of an incident by id. */
  Map<Long, String> texts(String number) {
    Map<Long, String> texts = new HashMap<>();
    jdbc.query(
        "SELECT id, text FROM incident_note WHERE incident_number = ?",
        rs -> {
          texts.put(rs.getLong(1), rs.getString(2));
        },
        number);
    return texts;
  }
}

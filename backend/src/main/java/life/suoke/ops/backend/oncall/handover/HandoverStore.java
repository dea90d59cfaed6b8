package life.suoke.ops.backend.oncall.handover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The handover records in table {@code handover} (Flyway {@code V10__handover.sql}). */
@Repository
class HandoverStore {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  HandoverStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Records the change of shift unless it is recorded; answers its id either way. */
  long insertOrFind(ShiftChange change, Instant writeDue, String acknowledgeWithin) {
    jdbc.update(
        "INSERT INTO handover (schedule_id, team, tier, outgoing_user, incoming_user, shift_start, shift_end,"
            + " write_due, acknowledge_within) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (schedule_id, tier, shift_start) DO NOTHING",
        change.scheduleId(),
        change.team(),
        change.tier(),
        change.outgoingUser(),
        change.incomingUser(),
        Timestamp.from(change.shiftStart()),
        Timestamp.from(change.shiftEnd()),
        Timestamp.from(writeDue),
        acknowledgeWithin);
    return jdbc.queryForObject(
        "SELECT id FROM handover WHERE schedule_id = ? AND tier = ? AND shift_start = ?",
        Long.class,
        change.scheduleId(),
        change.tier(),
        Timestamp.from(change.shiftStart()));
  }

  Optional<HandoverRecord> find(long id) {
    return jdbc.query("SELECT * FROM handover WHERE id = ?", mapper(), id).stream().findFirst();
  }

  void processStarted(long id, long processInstanceKey) {
    jdbc.update(
        "UPDATE handover SET process_instance_key = ? WHERE id = ? AND process_instance_key IS NULL",
        processInstanceKey,
        id);
  }

  void prefilled(long id, Map<String, Object> snapshot) {
    jdbc.update(
        "UPDATE handover SET snapshot = ?::jsonb, prefilled_at = now(),"
            + " status = CASE WHEN status = 'requested' THEN 'prefilled' ELSE status END WHERE id = ?",
        write(snapshot),
        id);
  }

  void written(long id, String by, String notes, String risks, String plannedChanges) {
    jdbc.update(
        "UPDATE handover SET notes = ?, risks = ?, planned_changes = ?, written_by = ?,"
            + " written_at = COALESCE(written_at, now()),"
            + " status = CASE WHEN status = 'acknowledged' THEN status ELSE 'written' END WHERE id = ?",
        notes,
        risks,
        plannedChanges,
        by,
        id);
  }

  void acknowledged(long id, String by, String note) {
    jdbc.update(
        "UPDATE handover SET acknowledged_by = ?, acknowledgement_note = ?,"
            + " acknowledged_at = COALESCE(acknowledged_at, now()), status = 'acknowledged' WHERE id = ?",
        by,
        note,
        id);
  }

  /** Marks the stage as escalated; false when it already was (a retried job tells nobody twice). */
  boolean escalated(long id, boolean write) {
    String column = write ? "write_escalated_at" : "acknowledge_escalated_at";
    return jdbc.update(
            "UPDATE handover SET " + column + " = now() WHERE id = ? AND " + column + " IS NULL",
            id)
        == 1;
  }

  HandoverPage search(HandoverQuery query) {
    List<Object> args = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    if (query.team() != null) {
      conditions.add("team = ?");
      args.add(query.team());
    }
    if (query.person() != null) {
      conditions.add("(outgoing_user = ? OR incoming_user = ?)");
      args.add(query.person());
      args.add(query.person());
    }
    if (query.from() != null) {
      conditions.add("shift_start >= ?");
      args.add(Timestamp.from(query.from()));
    }
    if (query.to() != null) {
      conditions.add("shift_start < ?");
      args.add(Timestamp.from(query.to()));
    }
    if (query.status() != null) {
      conditions.add("status = ?");
      args.add(query.status());
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    Long total =
        jdbc.queryForObject("SELECT count(*) FROM handover" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(query.size());
    pageArgs.add((long) query.page() * query.size());
    List<HandoverRecord> items =
        jdbc
            .query(
                "SELECT * FROM handover"
                    + where
                    + " ORDER BY shift_start DESC, id DESC LIMIT ? OFFSET ?",
                mapper(),
                pageArgs.toArray())
            .stream()
            .map(HandoverRecord::summary)
            .toList();
    return new HandoverPage(items, total == null ? 0 : total, query.page(), query.size());
  }

  private RowMapper<HandoverRecord> mapper() {
    return (rs, i) -> {
      Instant writeDue = instant(rs, "write_due");
      Instant writtenAt = instant(rs, "written_at");
      boolean late =
          writtenAt != null ? writtenAt.isAfter(writeDue) : Instant.now().isAfter(writeDue);
      long keyValue = rs.getLong("process_instance_key");
      String key = rs.wasNull() ? null : Long.toString(keyValue);
      return new HandoverRecord(
          rs.getLong("id"),
          rs.getString("schedule_id"),
          rs.getString("team"),
          rs.getInt("tier"),
          rs.getString("outgoing_user"),
          rs.getString("incoming_user"),
          iso(rs, "shift_start"),
          iso(rs, "shift_end"),
          rs.getString("status"),
          writeDue.toString(),
          rs.getString("acknowledge_within"),
          key,
          read(rs.getString("snapshot")),
          iso(rs, "prefilled_at"),
          rs.getString("notes"),
          rs.getString("risks"),
          rs.getString("planned_changes"),
          rs.getString("written_by"),
          writtenAt == null ? null : writtenAt.toString(),
          late,
          rs.getString("acknowledged_by"),
          iso(rs, "acknowledged_at"),
          rs.getString("acknowledgement_note"),
          iso(rs, "write_escalated_at"),
          iso(rs, "acknowledge_escalated_at"),
          iso(rs, "created_at"));
    };
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String iso(ResultSet rs, String column) throws SQLException {
    Instant instant = instant(rs, column);
    return instant == null ? null : instant.toString();
  }

  private Map<String, Object> read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable handover snapshot", e);
    }
  }

  private String write(Map<String, Object> snapshot) {
    try {
      return json.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package life.suoke.ops.backend.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The release tables: releases, their traffic steps, analyses and timeline. */
@Repository
class ReleaseStore {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /** A release row. */
  record Row(
      String id,
      String service,
      String changeId,
      String title,
      String stableVersion,
      String newVersion,
      Map<String, Object> strategy,
      Map<String, Object> target,
      Map<String, Object> analysis,
      List<Map<String, Object>> probes,
      List<Map<String, Object>> steps,
      String status,
      int currentWeight,
      String stage,
      Boolean verificationPassed,
      List<Map<String, Object>> probeResults,
      String incidentNumber,
      String requestedBy,
      Long processInstanceKey,
      Instant createdAt,
      Instant updatedAt,
      Instant finishedAt) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  ReleaseStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  String nextId(Instant now) {
    Long n = jdbc.queryForObject("SELECT nextval('release_number_seq')", Long.class);
    return "REL-" + DAY.format(now) + "-" + String.format("%04d", n);
  }

  void insert(Row r) {
    jdbc.update(
        "INSERT INTO release (id, service, change_id, title, stable_version, new_version, strategy, target, analysis,"
            + " probes, status, requested_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb,"
            + " ?::jsonb, 'requested', ?, ?, ?)",
        r.id(),
        r.service(),
        r.changeId(),
        r.title(),
        r.stableVersion(),
        r.newVersion(),
        write(r.strategy()),
        write(r.target()),
        write(r.analysis()),
        write(r.probes()),
        r.requestedBy(),
        Timestamp.from(r.createdAt()),
        Timestamp.from(r.createdAt()));
  }

  void delete(String id) {
    jdbc.update("DELETE FROM release WHERE id = ?", id);
  }

  void started(String id, long processInstanceKey) {
    jdbc.update(
        "UPDATE release SET process_instance_key = ?, status = 'running', updated_at = now() WHERE id = ?",
        processInstanceKey,
        id);
  }

  Optional<Row> find(String id) {
    return jdbc.query("SELECT * FROM release WHERE id = ?", this::map, id).stream().findFirst();
  }

  /** Newest first, optionally of one service and status. */
  List<Row> list(String service, String status, int limit, int offset) {
    StringBuilder sql = new StringBuilder("SELECT * FROM release WHERE TRUE");
    List<Object> args = new ArrayList<>();
    if (service != null) {
      sql.append(" AND service = ?");
      args.add(service);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return jdbc.query(sql.toString(), this::map, args.toArray());
  }

  long count(String service, String status) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM release WHERE (?::text IS NULL OR service = ?)"
            + " AND (?::text IS NULL OR status = ?)",
        Long.class,
        service,
        service,
        status,
        status);
  }

  void planned(String id, List<Map<String, Object>> steps) {
    jdbc.update(
        "UPDATE release SET steps = ?::jsonb, updated_at = now() WHERE id = ?", write(steps), id);
  }

  void status(String id, String status) {
    jdbc.update(
        "UPDATE release SET status = ?, updated_at = now() WHERE id = ? AND status NOT IN ('promoted', 'backed-out',"
            + " 'refused')",
        status,
        id);
  }

  void finished(String id, String status, String incidentNumber) {
    jdbc.update(
        "UPDATE release SET status = ?, incident_number = coalesce(?, incident_number), finished_at = now(),"
            + " updated_at = now() WHERE id = ?",
        status,
        incidentNumber,
        id);
  }

  void stage(String id, String stage) {
    jdbc.update("UPDATE release SET stage = ?, updated_at = now() WHERE id = ?", stage, id);
  }

  void verified(String id, boolean passed, Object results) {
    jdbc.update(
        "UPDATE release SET verification_passed = ?, probe_results = ?::jsonb, updated_at = now() WHERE id = ?",
        passed,
        write(results),
        id);
  }

  /** Records the step applied unless it is the last one applied already (a retried job). */
  void stepApplied(String id, int index, int weight) {
    jdbc.query("SELECT id FROM release WHERE id = ? FOR UPDATE", rs -> {}, id);
    Integer last =
        jdbc
            .query(
                "SELECT step_index FROM release_step WHERE release_id = ? AND action = 'applied' AND NOT undone"
                    + " ORDER BY id DESC LIMIT 1",
                (rs, i) -> rs.getInt(1),
                id)
            .stream()
            .findFirst()
            .orElse(null);
    if (last == null || last != index) {
      jdbc.update(
          "INSERT INTO release_step (release_id, step_index, weight, action, at) VALUES (?, ?, ?, 'applied', now())",
          id,
          index,
          weight);
    }
    jdbc.update(
        "UPDATE release SET current_weight = ?, updated_at = now() WHERE id = ?", weight, id);
  }

  /** Marks the last applied step undone; the weight of the one before (0 when none). */
  int stepUndone(String id) {
    jdbc.query("SELECT id FROM release WHERE id = ? FOR UPDATE", rs -> {}, id);
    List<long[]> applied =
        jdbc.query(
            "SELECT id, step_index, weight FROM release_step WHERE release_id = ?"
                + " AND action = 'applied' AND NOT undone ORDER BY id DESC LIMIT 2",
            (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
            id);
    if (applied.isEmpty()) {
      jdbc.update("UPDATE release SET current_weight = 0, updated_at = now() WHERE id = ?", id);
      return 0;
    }
    long[] last = applied.get(0);
    int back = applied.size() > 1 ? (int) applied.get(1)[2] : 0;
    jdbc.update("UPDATE release_step SET undone = TRUE WHERE id = ?", last[0]);
    jdbc.update(
        "INSERT INTO release_step (release_id, step_index, weight, action, at) VALUES (?, ?, ?, 'undone', now())",
        id,
        (int) last[1],
        back);
    jdbc.update("UPDATE release SET current_weight = ?, updated_at = now() WHERE id = ?", back, id);
    return back;
  }

  void analysed(String id, Integer stepIndex, String phase, String verdict, Object result) {
    jdbc.update(
        "INSERT INTO release_analysis (release_id, step_index, phase, verdict, result, at)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, now())",
        id,
        stepIndex,
        phase,
        verdict,
        write(result));
  }

  void event(String id, String kind, String actor, String note) {
    jdbc.update(
        "INSERT INTO release_event (release_id, kind, actor, note, at) VALUES (?, ?, ?, ?, now())",
        id,
        kind,
        actor,
        note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note);
  }

  List<Map<String, Object>> traffic(String id) {
    return jdbc.query(
        "SELECT step_index, weight, action, at FROM release_step WHERE release_id = ? ORDER BY id",
        (rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("stepIndex", rs.getInt("step_index"));
          m.put("weight", rs.getInt("weight"));
          m.put("action", rs.getString("action"));
          m.put("at", rs.getTimestamp("at").toInstant());
          return m;
        },
        id);
  }

  List<Map<String, Object>> analyses(String id) {
    return jdbc.query(
        "SELECT step_index, phase, verdict, result, at FROM release_analysis WHERE release_id = ? ORDER BY id",
        (rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("stepIndex", rs.getObject("step_index"));
          m.put("phase", rs.getString("phase"));
          m.put("verdict", rs.getString("verdict"));
          m.put("result", read(rs.getString("result"), MAP));
          m.put("at", rs.getTimestamp("at").toInstant());
          return m;
        },
        id);
  }

  List<Map<String, Object>> events(String id) {
    return jdbc.query(
        "SELECT kind, actor, note, at FROM release_event WHERE release_id = ? ORDER BY id",
        (rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("kind", rs.getString("kind"));
          m.put("actor", rs.getString("actor"));
          m.put("note", rs.getString("note"));
          m.put("at", rs.getTimestamp("at").toInstant());
          return m;
        },
        id);
  }

  private Row map(ResultSet rs, int row) throws SQLException {
    long key = rs.getLong("process_instance_key");
    Long processInstanceKey = rs.wasNull() ? null : key;
    Timestamp finished = rs.getTimestamp("finished_at");
    Object passed = rs.getObject("verification_passed");
    return new Row(
        rs.getString("id"),
        rs.getString("service"),
        rs.getString("change_id"),
        rs.getString("title"),
        rs.getString("stable_version"),
        rs.getString("new_version"),
        read(rs.getString("strategy"), MAP),
        read(rs.getString("target"), MAP),
        read(rs.getString("analysis"), MAP),
        read(rs.getString("probes"), LIST),
        read(rs.getString("steps"), LIST),
        rs.getString("status"),
        rs.getInt("current_weight"),
        rs.getString("stage"),
        (Boolean) passed,
        read(rs.getString("probe_results"), LIST),
        rs.getString("incident_number"),
        rs.getString("requested_by"),
        processInstanceKey,
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        finished == null ? null : finished.toInstant());
  }

  private String write(Object value) {
    try {
      return value == null ? null : json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return text == null ? null : json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

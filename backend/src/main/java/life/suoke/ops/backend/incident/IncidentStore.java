package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The incident table: rows in and out, and the conditional updates the lifecycle needs. */
@Repository
class IncidentStore {

  /** A new row. */
  record NewRow(
      String number,
      String title,
      String description,
      String service,
      String serviceClass,
      String severity,
      String source,
      String reporter,
      String integration,
      String alertKey,
      int affectedUsers,
      boolean dataOrSafetyImpact,
      String tier1Group,
      String tier2Group,
      String tier3Group,
      String managerGroup,
      String calendarId,
      Instant detectedAt,
      Instant createdAt,
      Map<String, String> labels) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final RowMapper<Incident> mapper = this::map;

  /** Labels' type, resolved once (every row read parses them). */
  private final JavaType labelsType;

  IncidentStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.labelsType =
        json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
  }

  /** Inserts the row; the row as stored. */
  Incident insert(NewRow row) {
    return jdbc.queryForObject(
        "INSERT INTO incident (number, title, description, service, service_class, severity, status, source,"
            + " reporter, integration, alert_key, affected_users, data_or_safety_impact, tier, paged_groups, tier1_group,"
            + " tier2_group, tier3_group, manager_group, calendar_id, detected_at, created_at, updated_at, labels)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 1, ARRAY[?]::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
            + " RETURNING *",
        mapper,
        row.number(),
        row.title(),
        row.description(),
        row.service(),
        row.serviceClass(),
        row.severity(),
        row.source(),
        row.reporter(),
        row.integration(),
        row.alertKey(),
        row.affectedUsers(),
        row.dataOrSafetyImpact(),
        row.tier1Group(),
        row.tier1Group(),
        row.tier2Group(),
        row.tier3Group(),
        row.managerGroup(),
        row.calendarId(),
        Timestamp.from(row.detectedAt()),
        Timestamp.from(row.createdAt()),
        Timestamp.from(row.createdAt()),
        labels(row.labels()));
  }

  Optional<Incident> find(String number) {
    return jdbc.query("SELECT * FROM incident WHERE number = ?", mapper, number).stream()
        .findFirst();
  }

  /** The row, locked until the transaction ends (call inside one). */
  Optional<Incident> lock(String number) {
    return jdbc.query("SELECT * FROM incident WHERE number = ? FOR UPDATE", mapper, number).stream()
        .findFirst();
  }

  boolean exists(String number) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM incident WHERE number = ?)", Boolean.class, number));
  }

  /** The instance recorded for the incident, if any. */
  Optional<Long> recordedInstance(String number) {
    return jdbc
        .query(
            "SELECT process_instance_key FROM incident WHERE number = ?",
            (rs, i) -> (Long) rs.getObject(1, Long.class),
            number)
        .stream()
        .filter(k -> k != null)
        .findFirst();
  }

  /** Records the instance if none is recorded yet; the instance recorded now. */
  Optional<Long> adoptInstance(String number, long processInstanceKey) {
    // the usual case, an incident without one, takes one statement
    List<Long> adopted =
        jdbc.queryForList(
            "UPDATE incident SET process_instance_key = ?, updated_at = now()"
                + " WHERE number = ? AND process_instance_key IS NULL RETURNING process_instance_key",
            Long.class,
            processInstanceKey,
            number);
    return adopted.isEmpty() ? recordedInstance(number) : Optional.of(adopted.get(0));
  }

  /**
   * Numbers of incidents recorded before {@code before} that never got an instance, oldest first.
   */
  List<String> unstarted(Instant before, int limit) {
    return jdbc.queryForList(
        "SELECT number FROM incident WHERE process_instance_key IS NULL AND status = 'open'"
            + " AND created_at < ? ORDER BY created_at LIMIT ?",
        String.class,
        Timestamp.from(before),
        limit);
  }

  /**
   * Locks one unstarted incident if nobody else holds it, and answers its row; empty when it has an
   * instance or is locked.
   */
  Optional<Incident> lockIfUnstarted(String number) {
    return jdbc
        .query(
            "SELECT * FROM incident WHERE number = ? AND process_instance_key IS NULL"
                + " AND status = 'open' FOR UPDATE SKIP LOCKED",
            mapper,
            number)
        .stream()
        .findFirst();
  }

  /**
   * Sets the columns and answers the row as changed (empty when there is no such incident); the row
   * stays locked until the transaction ends.
   */
  Optional<Incident> updateReturning(String number, String assignments, Object... values) {
    return jdbc
        .query(
            "UPDATE incident SET "
                + assignments
                + ", updated_at = now() WHERE number = ? RETURNING *",
            mapper,
            withNumber(values, number))
        .stream()
        .findFirst();
  }

  void update(String number, String assignments, Object... values) {
    jdbc.update(
        "UPDATE incident SET " + assignments + ", updated_at = now() WHERE number = ?",
        withNumber(values, number));
  }

  /** The assignments' values followed by the number, for {@code ... WHERE number = ?}. */
  private static Object[] withNumber(Object[] values, String number) {
    Object[] args = Arrays.copyOf(values, values.length + 1);
    args[values.length] = number;
    return args;
  }

  // ---- mapping

  private Incident map(ResultSet rs, int row) throws SQLException {
    return new Incident(
        rs.getString("number"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service"),
        rs.getString("service_class"),
        rs.getString("severity"),
        rs.getString("priority"),
        rs.getString("status"),
        rs.getString("source"),
        rs.getString("reporter"),
        rs.getString("integration"),
        rs.getString("alert_key"),
        rs.getInt("affected_users"),
        rs.getBoolean("data_or_safety_impact"),
        rs.getObject("process_instance_key", Long.class),
        rs.getInt("tier"),
        strings(rs.getArray("paged_groups")),
        rs.getString("tier1_group"),
        rs.getString("tier2_group"),
        rs.getString("tier3_group"),
        rs.getString("manager_group"),
        rs.getString("calendar_id"),
        rs.getString("commander"),
        rs.getString("communications_lead"),
        rs.getString("scribe"),
        rs.getString("handler"),
        rs.getString("duplicate_of"),
        rs.getString("resolution_type"),
        rs.getString("resolution_summary"),
        rs.getBoolean("review_requested"),
        instant(rs, "detected_at"),
        instant(rs, "created_at"),
        instant(rs, "acknowledged_at"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"),
        instant(rs, "updated_at"),
        labels(rs.getString("labels")));
  }

  RowMapper<Incident> mapper() {
    return mapper;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<String> list = new ArrayList<>(values.length);
    for (Object value : values) {
      list.add(String.valueOf(value));
    }
    return list;
  }

  private String labels(Map<String, String> labels) {
    try {
      return json.writeValueAsString(labels == null ? Map.of() : labels);
    } catch (Exception e) {
      throw new IllegalArgumentException("labels are not serializable", e);
    }
  }

  private Map<String, String> labels(String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return json.readValue(text, labelsType);
    } catch (Exception e) {
      return Map.of();
    }
  }
}

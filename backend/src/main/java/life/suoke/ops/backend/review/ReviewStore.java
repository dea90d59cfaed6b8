package life.suoke.ops.backend.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reviews, their timelines and action items in PostgreSQL (V9). */
@Component
class ReviewStore {

  private final JdbcTemplate jdbc;

  ReviewStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static final RowMapper<Review> REVIEW =
      (rs, i) ->
          new Review(
              rs.getString("incident_number"),
              rs.getString("service"),
              rs.getString("priority"),
              rs.getString("status"),
              rs.getString("review_owner"),
              rs.getString("owner_group"),
              instant(rs, "start_due"),
              instant(rs, "late_start_escalated_at"),
              longOrNull(rs, "process_instance_key"),
              new Review.Sections(
                  rs.getString("root_cause"),
                  rs.getString("contributing_factors"),
                  intOrNull(rs, "impact_users"),
                  intOrNull(rs, "impact_duration_minutes"),
                  rs.getString("impact_data"),
                  rs.getString("went_well")),
              rs.getString("approved_by"),
              instant(rs, "approved_at"),
              longOrNull(rs, "document_id"),
              instant(rs, "started_at"),
              instant(rs, "closed_at"),
              instant(rs, "created_at"),
              instant(rs, "updated_at"));

  static final RowMapper<ActionItem> ITEM =
      (rs, i) ->
          new ActionItem(
              rs.getString("id"),
              rs.getString("incident_number"),
              rs.getInt("position"),
              rs.getString("title"),
              rs.getString("owner"),
              instant(rs, "due_date"),
              instant(rs, "remind_at"),
              rs.getString("priority"),
              rs.getString("type"),
              rs.getString("state"),
              rs.getString("reason"),
              rs.getInt("redated"),
              instant(rs, "reminded_at"),
              instant(rs, "escalated_at"),
              instant(rs, "closed_at"));

  static final RowMapper<TimelineItem> ENTRY =
      (rs, i) ->
          new TimelineItem(
              rs.getLong("id"),
              instant(rs, "occurred_at"),
              rs.getString("actor"),
              rs.getString("kind"),
              rs.getString("summary"),
              longOrNull(rs, "audit_seq"),
              rs.getBoolean("hidden"),
              rs.getString("edited_by"),
              instant(rs, "edited_at"));

  Optional<Review> find(String number) {
    return jdbc.query("SELECT * FROM review WHERE incident_number = ?", REVIEW, number).stream()
        .findFirst();
  }

  /** The review locked for a change (in the caller's transaction). */
  Optional<Review> lock(String number) {
    return jdbc
        .query("SELECT * FROM review WHERE incident_number = ? FOR UPDATE", REVIEW, number)
        .stream()
        .findFirst();
  }

  /**
   * Creates the review, or takes it over for this process instance (a retried or repeated prepare).
   */
  void upsert(
      String number,
      String service,
      String priority,
      String owner,
      String ownerGroup,
      Instant startDue,
      long processInstanceKey) {
    jdbc.update(
        "INSERT INTO review (incident_number, service, priority, review_owner, owner_group, start_due,"
            + " process_instance_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_number) DO UPDATE SET"
            + " review_owner = EXCLUDED.review_owner, owner_group = EXCLUDED.owner_group, start_due = EXCLUDED.start_due,"
            + " process_instance_key = EXCLUDED.process_instance_key, updated_at = now()",
        number,
        service,
        priority,
        owner,
        ownerGroup,
        ts(startDue),
        processInstanceKey);
  }

  void set(String number, String assignments, Object... args) {
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = number;
    jdbc.update(
        "UPDATE review SET " + assignments + ", updated_at = now() WHERE incident_number = ?", all);
  }

  void sections(String number, Review.Sections s) {
    set(
        number,
        "root_cause = ?, contributing_factors = ?, impact_users = ?, impact_duration_minutes = ?,"
            + " impact_data = ?, went_well = ?",
        s.rootCause(),
        s.contributingFactors(),
        s.impactUsers(),
        s.impactDurationMinutes(),
        s.impactData(),
        s.wentWell());
  }

  /** The reviews the filter admits, newest first; {@code visibleTo} null for every review. */
  List<Review> list(String status, String visibleTo, List<String> groups, int limit, int offset) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      where.append(" AND r.status = ?");
      args.add(status);
    }
    if (visibleTo != null) {
      where.append(
          " AND (r.review_owner = ? OR r.owner_group = ANY (?) OR EXISTS (SELECT 1 FROM review_action_item a"
              + " WHERE a.incident_number = r.incident_number AND a.owner = ?))");
      args.add(visibleTo);
      args.add(groups.toArray(String[]::new));
      args.add(visibleTo);
    }
    args.add(limit);
    args.add(offset);
    return jdbc.query(
        "SELECT r.* FROM review r"
            + where
            + " ORDER BY r.created_at DESC, r.incident_number DESC"
            + " LIMIT ? OFFSET ?",
        REVIEW,
        args.toArray());
  }

  // ---- timeline

  List<TimelineItem> timeline(String number) {
    return jdbc.query(
        "SELECT * FROM review_timeline_entry WHERE incident_number = ? ORDER BY occurred_at, id",
        ENTRY,
        number);
  }

  Optional<TimelineItem> entry(String number, long id) {
    return jdbc
        .query(
            "SELECT * FROM review_timeline_entry WHERE incident_number = ? AND id = ?",
            ENTRY,
            number,
            id)
        .stream()
        .findFirst();
  }

  /** Adds an entry assembled from the audit trail, once per audit event; whether it was new. */
  boolean addAssembled(
      String number, Instant at, String actor, String kind, String summary, long auditSeq) {
    return jdbc.update(
            "INSERT INTO review_timeline_entry (incident_number, occurred_at, actor, kind, summary, audit_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident_number, audit_seq) DO NOTHING",
            number,
            ts(at),
            actor,
            kind,
            summary,
            auditSeq)
        > 0;
  }

  long addManual(String number, Instant at, String actor, String summary) {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO review_timeline_entry (incident_number, occurred_at, actor, kind, summary)"
                + " VALUES (?, ?, ?, 'manual', ?) RETURNING id",
            Long.class,
            number,
            ts(at),
            actor,
            summary);
    return id == null ? 0 : id;
  }

  void editEntry(long id, String summary, boolean hidden, Instant at, String editor) {
    jdbc.update(
        "UPDATE review_timeline_entry SET summary = ?, hidden = ?, occurred_at = ?, edited_by = ?,"
            + " edited_at = now() WHERE id = ?",
        summary,
        hidden,
        ts(at),
        editor,
        id);
  }

  // ---- action items

  List<ActionItem> items(String number) {
    return jdbc.query(
        "SELECT * FROM review_action_item WHERE incident_number = ? ORDER BY position",
        ITEM,
        number);
  }

  Optional<ActionItem> item(String id) {
    return jdbc.query("SELECT * FROM review_action_item WHERE id = ?", ITEM, id).stream()
        .findFirst();
  }

  void replaceItems(String number, List<ActionItem> items) {
    jdbc.update("DELETE FROM review_action_item WHERE incident_number = ?", number);
    for (ActionItem item : items) {
      jdbc.update(
          "INSERT INTO review_action_item (id, incident_number, position, title, owner, due_date, remind_at,"
              + " priority, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          item.id(),
          number,
          item.position(),
          item.title(),
          item.owner(),
          ts(item.dueDate()),
          ts(item.remindAt()),
          item.priority(),
          item.type());
    }
  }

  void setItem(String id, String assignments, Object... args) {
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = id;
    jdbc.update(
        "UPDATE review_action_item SET " + assignments + ", updated_at = now() WHERE id = ?", all);
  }

  // ---- helpers

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}

package life.suoke.ops.backend.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.oncall.OnCall.Layer;
import life.suoke.ops.backend.oncall.OnCall.Leave;
import life.suoke.ops.backend.oncall.OnCall.Override;
import life.suoke.ops.backend.oncall.OnCall.RestrictionJson;
import life.suoke.ops.backend.oncall.OnCall.Schedule;
import life.suoke.ops.backend.oncall.OnCall.Swap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The on-call tables (Flyway {@code V8__oncall.sql}): reads and writes, no validation and no
 * rights.
 */
@Repository
public class OnCallStore {

  private static final TypeReference<List<RestrictionJson>> RESTRICTIONS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  OnCallStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  // schedules and layers

  public List<Schedule> schedules() {
    return schedules("", new Object[0]);
  }

  public List<Schedule> schedulesOfTeam(String team) {
    return schedules(" WHERE s.team_group = ?", new Object[] {team});
  }

  /** The ids of a team's schedules (one small query: paging asks it for every page). */
  public List<Long> scheduleIdsOfTeam(String team) {
    return jdbc.queryForList(
        "SELECT id FROM oncall_schedule WHERE team_group = ? ORDER BY id", Long.class, team);
  }

  public Optional<Schedule> schedule(long id) {
    return schedules(" WHERE s.id = ?", new Object[] {id}).stream().findFirst();
  }

  private List<Schedule> schedules(String where, Object[] args) {
    Map<Long, List<Layer>> layers = new LinkedHashMap<>();
    jdbc.query(
        "SELECT l.* FROM oncall_layer l JOIN oncall_schedule s ON s.id = l.schedule_id"
            + where
            + " ORDER BY l.schedule_id, l.position",
        rs -> {
          layers.computeIfAbsent(rs.getLong("schedule_id"), k -> new ArrayList<>()).add(layer(rs));
        },
        args);
    return jdbc.query(
        "SELECT s.* FROM oncall_schedule s" + where + " ORDER BY s.name, s.id",
        (rs, i) ->
            new Schedule(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("team_group"),
                rs.getString("description"),
                rs.getString("time_zone"),
                rs.getBoolean("swap_approval"),
                rs.getInt("reminder_lead_minutes"),
                layers.getOrDefault(rs.getLong("id"), List.of())),
        args);
  }

  private Layer layer(ResultSet rs) throws SQLException {
    return new Layer(
        rs.getLong("id"),
        rs.getInt("position"),
        rs.getString("name"),
        strings(rs.getArray("members")),
        rs.getString("turn_kind"),
        rs.getInt("turn_hours"),
        rs.getString("handoff_time"),
        rs.getObject("start_date", LocalDate.class),
        rs.getString("time_zone"),
        restrictions(rs.getString("restrictions")),
        rs.getString("business_calendar"),
        rs.getBoolean("skip_on_leave"));
  }

  /**
   * Locks the schedule's row for the rest of the transaction (changes of one schedule run one after
   * the other).
   */
  public boolean lock(long scheduleId) {
    return !jdbc.queryForList(
            "SELECT id FROM oncall_schedule WHERE id = ? FOR UPDATE", Long.class, scheduleId)
        .isEmpty();
  }

  public long insertSchedule(Schedule s, String actor) {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO oncall_schedule (name, team_group, description, time_zone, swap_approval,"
                + " reminder_lead_minutes, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            Long.class,
            s.name(),
            s.team(),
            s.description(),
            s.timeZone(),
            s.swapApproval(),
            s.reminderLeadMinutes(),
            actor);
    return id;
  }

  public void updateSchedule(Schedule s) {
    jdbc.update(
        "UPDATE oncall_schedule SET name = ?, team_group = ?, description = ?, time_zone = ?, swap_approval = ?,"
            + " reminder_lead_minutes = ?, updated_at = now() WHERE id = ?",
        s.name(),
        s.team(),
        s.description(),
        s.timeZone(),
        s.swapApproval(),
        s.reminderLeadMinutes(),
        s.id());
  }

  public void deleteSchedule(long id) {
    jdbc.update("DELETE FROM oncall_schedule WHERE id = ?", id);
  }

  public long insertLayer(long scheduleId, Layer l) {
    return jdbc.queryForObject(
        "INSERT INTO oncall_layer (schedule_id, position, name, members, turn_kind, turn_hours,"
            + " handoff_time, start_date, time_zone, restrictions, business_calendar, skip_on_leave)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        Long.class,
        scheduleId,
        l.position(),
        l.name(),
        l.members().toArray(String[]::new),
        l.turn(),
        l.turnHours(),
        l.handoffTime(),
        l.startDate(),
        l.timeZone(),
        write(l.restrictions()),
        l.businessCalendar(),
        l.skipOnLeave());
  }

  public void updateLayer(Layer l) {
    jdbc.update(
        "UPDATE oncall_layer SET position = ?, name = ?, members = ?, turn_kind = ?, turn_hours = ?,"
            + " handoff_time = ?, start_date = ?, time_zone = ?, restrictions = ?, business_calendar = ?, skip_on_leave = ?"
            + " WHERE id = ?",
        l.position(),
        l.name(),
        l.members().toArray(String[]::new),
        l.turn(),
        l.turnHours(),
        l.handoffTime(),
        l.startDate(),
        l.timeZone(),
        write(l.restrictions()),
        l.businessCalendar(),
        l.skipOnLeave(),
        l.id());
  }

  /** Moves the layers at or above {@code position} one up, to make room. */
  public void shiftLayersUp(long scheduleId, int position) {
    jdbc.update(
        "UPDATE oncall_layer SET position = -position - 1 WHERE schedule_id = ? AND position >= ?",
        scheduleId,
        position);
    jdbc.update(
        "UPDATE oncall_layer SET position = -position WHERE schedule_id = ? AND position < 0",
        scheduleId);
  }

  public void deleteLayer(long layerId) {
    jdbc.update("DELETE FROM oncall_layer WHERE id = ?", layerId);
  }

  /** The teams' schedules (id and team) that name a user in a layer. */
  public List<Long> schedulesWithMember(String username) {
    return jdbc.queryForList(
        "SELECT DISTINCT schedule_id FROM oncall_layer WHERE ? = ANY (members)",
        Long.class,
        username);
  }

  // overrides

  private static final RowMapper<Override> OVERRIDE =
      (rs, i) ->
          new Override(
              rs.getLong("id"),
              rs.getLong("schedule_id"),
              rs.getString("username"),
              instant(rs, "start_at"),
              instant(rs, "end_at"),
              rs.getString("kind"),
              rs.getString("replaces"),
              (Long) rs.getObject("swap_id"),
              rs.getString("note"),
              rs.getString("created_by"),
              instant(rs, "created_at"));

  /** The schedule's overrides that overlap {@code [from, to)}, in the order they were made. */
  public List<Override> overrides(long scheduleId, Instant from, Instant to) {
    return jdbc.query(
        "SELECT * FROM oncall_override WHERE schedule_id = ? AND start_at < ? AND end_at > ? ORDER BY id",
        OVERRIDE,
        scheduleId,
        Timestamp.from(to),
        Timestamp.from(from));
  }

  public Optional<Override> override(long id) {
    return jdbc.query("SELECT * FROM oncall_override WHERE id = ?", OVERRIDE, id).stream()
        .findFirst();
  }

  public long insertOverride(
      long scheduleId,
      String user,
      Instant start,
      Instant end,
      String kind,
      String replaces,
      Long swapId,
      String note,
      String actor) {
    return jdbc.queryForObject(
        "INSERT INTO oncall_override (schedule_id, username, start_at, end_at, kind, replaces,"
            + " swap_id, note, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        Long.class,
        scheduleId,
        user,
        Timestamp.from(start),
        Timestamp.from(end),
        kind,
        replaces,
        swapId,
        note,
        actor);
  }

  public void deleteOverride(long id) {
    jdbc.update("DELETE FROM oncall_override WHERE id = ?", id);
  }

  // swaps

  private static final RowMapper<Swap> SWAP =
      (rs, i) ->
          new Swap(
              rs.getLong("id"),
              rs.getLong("schedule_id"),
              rs.getString("requester"),
              rs.getString("counterpart"),
              instant(rs, "start_at"),
              instant(rs, "end_at"),
              instant(rs, "return_start_at"),
              instant(rs, "return_end_at"),
              rs.getString("status"),
              rs.getString("note"),
              rs.getString("decided_by"),
              instant(rs, "created_at"));

  public Optional<Swap> swap(long id) {
    return jdbc.query("SELECT * FROM oncall_swap WHERE id = ?", SWAP, id).stream().findFirst();
  }

  /**
   * Swaps of a schedule (all when null), or of a person (as requester or counterpart) when {@code
   * user} is given.
   */
  public List<Swap> swaps(Long scheduleId, String user) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT * FROM oncall_swap WHERE true");
    if (scheduleId != null) {
      sql.append(" AND schedule_id = ?");
      args.add(scheduleId);
    }
    if (user != null) {
      sql.append(" AND (requester = ? OR counterpart = ?)");
      args.add(user);
      args.add(user);
    }
    sql.append(" ORDER BY id DESC LIMIT 500");
    return jdbc.query(sql.toString(), SWAP, args.toArray());
  }

  public long insertSwap(
      long scheduleId,
      String requester,
      String counterpart,
      Instant start,
      Instant end,
      Instant returnStart,
      Instant returnEnd,
      String note) {
    return jdbc.queryForObject(
        "INSERT INTO oncall_swap (schedule_id, requester, counterpart, start_at, end_at,"
            + " return_start_at, return_end_at, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, 'requested', ?) RETURNING id",
        Long.class,
        scheduleId,
        requester,
        counterpart,
        Timestamp.from(start),
        Timestamp.from(end),
        timestamp(returnStart),
        timestamp(returnEnd),
        note);
  }

  public void swapStatus(long id, String status, String decidedBy) {
    jdbc.update(
        "UPDATE oncall_swap SET status = ?, decided_by = COALESCE(?, decided_by), updated_at = now() WHERE id = ?",
        status,
        decidedBy,
        id);
  }

  // leave

  private static final RowMapper<Leave> LEAVE =
      (rs, i) ->
          new Leave(
              rs.getLong("id"),
              rs.getString("username"),
              instant(rs, "start_at"),
              instant(rs, "end_at"),
              rs.getString("note"),
              rs.getString("created_by"));

  /** Leaves overlapping {@code [from, to)}, of one person when {@code user} is given. */
  public List<Leave> leaves(String user, Instant from, Instant to) {
    String sql =
        "SELECT * FROM oncall_leave WHERE start_at < ? AND end_at > ?"
            + (user == null ? "" : " AND username = ?")
            + " ORDER BY start_at, id";
    Object[] args =
        user == null
            ? new Object[] {Timestamp.from(to), Timestamp.from(from)}
            : new Object[] {Timestamp.from(to), Timestamp.from(from), user};
    return jdbc.query(sql, LEAVE, args);
  }

  public Optional<Leave> leave(long id) {
    return jdbc.query("SELECT * FROM oncall_leave WHERE id = ?", LEAVE, id).stream().findFirst();
  }

  public long insertLeave(String user, Instant start, Instant end, String note, String actor) {
    return jdbc.queryForObject(
        "INSERT INTO oncall_leave (username, start_at, end_at, note, created_by)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING id",
        Long.class,
        user,
        Timestamp.from(start),
        Timestamp.from(end),
        note,
        actor);
  }

  public void deleteLeave(long id) {
    jdbc.update("DELETE FROM oncall_leave WHERE id = ?", id);
  }

  // feed tokens

  public void saveFeedToken(String username, String sha256) {
    jdbc.update(
        "INSERT INTO oncall_feed_token (username, token_sha256) VALUES (?, ?) ON CONFLICT (username)"
            + " DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()",
        username,
        sha256);
  }

  public Optional<Instant> feedTokenCreated(String username) {
    return jdbc
        .query(
            "SELECT created_at FROM oncall_feed_token WHERE username = ?",
            (rs, i) -> instant(rs, "created_at"),
            username)
        .stream()
        .findFirst();
  }

  public boolean deleteFeedToken(String username) {
    return jdbc.update("DELETE FROM oncall_feed_token WHERE username = ?", username) > 0;
  }

  public Optional<String> feedTokenOwner(String sha256) {
    return jdbc
        .queryForList(
            "SELECT username FROM oncall_feed_token WHERE token_sha256 = ?", String.class, sha256)
        .stream()
        .findFirst();
  }

  // gaps raised

  /** Records a gap as raised; false when it was raised before. */
  public boolean markGapRaised(long scheduleId, Instant start, Instant end) {
    return jdbc.update(
            "INSERT INTO oncall_gap_alert (schedule_id, gap_start, gap_end) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING",
            scheduleId,
            Timestamp.from(start),
            Timestamp.from(end))
        > 0;
  }

  public void gapProcess(long scheduleId, Instant start, long processInstanceKey) {
    jdbc.update(
        "UPDATE oncall_gap_alert SET process_instance_key = ? WHERE schedule_id = ? AND gap_start = ?",
        processInstanceKey,
        scheduleId,
        Timestamp.from(start));
  }

  /** The raised gaps not yet covered: schedule id, start, end. */
  public List<Instant[]> openGaps(long scheduleId) {
    return jdbc.query(
        "SELECT gap_start, gap_end FROM oncall_gap_alert WHERE schedule_id = ? AND covered_at IS NULL",
        (rs, i) -> new Instant[] {instant(rs, "gap_start"), instant(rs, "gap_end")},
        scheduleId);
  }

  public void gapCovered(long scheduleId, Instant start) {
    jdbc.update(
        "UPDATE oncall_gap_alert SET covered_at = now() WHERE schedule_id = ? AND gap_start = ?",
        scheduleId,
        Timestamp.from(start));
  }

  // helpers

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private List<RestrictionJson> restrictions(String text) {
    try {
      return text == null ? List.of() : json.readValue(text, RESTRICTIONS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable restrictions", e);
    }
  }

  private String write(List<RestrictionJson> restrictions) {
    try {
      return json.writeValueAsString(restrictions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

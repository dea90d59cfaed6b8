package life.suoke.ops.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/**
 * Reads the engine's record log and PostgreSQL's statistics on a connection of its own: a few cheap
 * queries at the window's edges (the log's last position, commits and WAL fsyncs), and, after the
 * load has stopped, what the log itself says about the window (completed instances, and per
 * instance the engine's own time from the process' ELEMENT_ACTIVATING to its ELEMENT_COMPLETED).
 */
final class LogStats implements AutoCloseable {

  /** A snapshot of counters taken at one edge of the window. */
  record Counters(
      long logPosition,
      long xactCommit,
      long walRecords,
      long walBytes,
      long walSyncs,
      long walWrites,
      double walWriteMillis,
      double walSyncMillis) {}

  private static final byte[] PROCESS_MARKER =
      "\"bpmnElementType\":\"PROCESS\"".getBytes(StandardCharsets.UTF_8);

  private final Connection c;
  private final String schema;

  LogStats(String jdbcUrl, String user, String schema) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("ApplicationName", "suoke-bench-stats");
    this.c = DriverManager.getConnection(jdbcUrl, props);
    this.c.setAutoCommit(true);
    this.schema = schema;
  }

  Counters counters() throws SQLException {
    try (Statement s = c.createStatement()) {
      // Statistics are cached per transaction; autocommit gives a fresh view per statement.
      long position;
      try (ResultSet rs =
          s.executeQuery("SELECT coalesce(max(position), 0) FROM \"" + schema + "\".record")) {
        rs.next();
        position = rs.getLong(1);
      }
      long commits;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
        rs.next();
        commits = rs.getLong(1);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT wal_records, wal_bytes, wal_sync, wal_write, wal_write_time, wal_sync_time FROM pg_stat_wal")) {
        rs.next();
        return new Counters(
            position,
            commits,
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getDouble(5),
            rs.getDouble(6));
      }
    }
  }

  /**
   * Instances of the process (all processes when processId is null) whose ELEMENT_COMPLETED the log
   * holds with a timestamp in [from, to).
   */
  long processesCompletedBetween(long fromMillis, long toMillis, String processId)
      throws SQLException {
    return elementsCompletedBetween(fromMillis, toMillis, "PROCESS", processId);
  }

  /**
   * ELEMENT_COMPLETED records of elements of a BPMN element type (PROCESS, SUB_PROCESS, ...), of
   * one process when processId is not null, with a timestamp in [from, to).
   */
  long elementsCompletedBetween(
      long fromMillis, long toMillis, String bpmnElementType, String processId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM \""
                + schema
                + "\".record WHERE record_type = 'EVENT' AND value_type = 'PROCESS_INSTANCE'"
                + " AND intent = 'ELEMENT_COMPLETED' AND timestamp >= ? AND timestamp < ? AND position(? in data) > 0"
                + " AND position(? in data) > 0")) {
      ps.setLong(1, fromMillis);
      ps.setLong(2, toMillis);
      ps.setBytes(3, elementTypeMarker(bpmnElementType));
      ps.setBytes(4, processMarker(processId));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static byte[] elementTypeMarker(String bpmnElementType) {
    return ("\"bpmnElementType\":\"" + bpmnElementType + "\"").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes that only a record of that process holds (the value's bpmnProcessId); the envelope's
   * start when null.
   */
  private static byte[] processMarker(String processId) {
    return processId == null
        ? "{".getBytes(StandardCharsets.UTF_8)
        : ("\"bpmnProcessId\":\"" + processId + "\"").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * For process instances activated in [from, to): the engine's own start-to-complete time, from
   * the timestamp of the process' ELEMENT_ACTIVATING record to that of its ELEMENT_COMPLETED record
   * (both written by the engine clock, millisecond resolution), for instances of the process
   * processId (of any when null). Instances without a completion are counted in the histogram's
   * companion.
   */
  EngineSide engineLatency(long fromMillis, long toMillis, String processId) throws SQLException {
    Map<Long, Long> activating = new HashMap<>();
    Histogram millis = new Histogram(600_000, 3);
    long unfinished;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT key, intent, timestamp FROM \""
                + schema
                + "\".record WHERE record_type = 'EVENT'"
                + " AND value_type = 'PROCESS_INSTANCE' AND intent IN ('ELEMENT_ACTIVATING', 'ELEMENT_COMPLETED')"
                + " AND timestamp >= ? AND position(? in data) > 0 AND position(? in data) > 0 ORDER BY position")) {
      ps.setLong(1, fromMillis);
      ps.setBytes(2, PROCESS_MARKER);
      ps.setBytes(3, processMarker(processId));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long key = rs.getLong(1);
          long ts = rs.getLong(3);
          if ("ELEMENT_ACTIVATING".equals(rs.getString(2))) {
            if (ts < toMillis) {
              activating.put(key, ts);
            }
          } else {
            Long start = activating.remove(key);
            if (start != null) {
              millis.recordValue(Math.min(Math.max(0, ts - start), 600_000));
            }
          }
        }
      }
    }
    unfinished = activating.size();
    return new EngineSide(millis, unfinished);
  }

  record EngineSide(Histogram millis, long unfinished) {}

  /** Event records read back from the log: parallel arrays in position order. */
  record Events(long[] positions, long[] keys, long[] timestamps, long[] field, long[] xids) {
    int size() {
      return positions.length;
    }
  }

  /**
   * One transaction of the log (one engine batch): its id, its records, their first and last
   * positions, and the bytes of their JSON (the engine sends them as one bytea[] parameter).
   */
  record Transaction(
      long xid, long records, long firstPosition, long lastPosition, long dataBytes) {}

  /** The transactions that wrote the records above a position, in log order (xmin of each row). */
  java.util.List<Transaction> transactions(long afterPosition) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT xmin::text::bigint, count(*), min(position), max(position), sum(length(data)) FROM \""
                + schema
                + "\".record WHERE position > ? GROUP BY 1 ORDER BY 3")) {
      ps.setLong(1, afterPosition);
      java.util.List<Transaction> list = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(
              new Transaction(
                  rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
      }
      return list;
    }
  }

  /**
   * How many records the log holds in (after, upTo], and the bytes of their JSON: {count, bytes}.
   */
  long[] recordsAndBytes(long afterPosition, long upToPosition) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*), coalesce(sum(length(data)), 0) FROM \""
                + schema
                + "\".record WHERE position > ? AND position <= ?")) {
      ps.setLong(1, afterPosition);
      ps.setLong(2, upToPosition);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /**
   * EVENT records of a value type and intent above a position (only the process' own when
   * processOnly).
   */
  long countEvents(String valueType, String intent, long afterPosition, boolean processOnly)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM \""
                + schema
                + "\".record WHERE position > ?"
                + " AND record_type = 'EVENT' AND value_type = ? AND intent = ?"
                + (processOnly ? " AND position(? in data) > 0" : ""))) {
      ps.setLong(1, afterPosition);
      ps.setString(2, valueType);
      ps.setString(3, intent);
      if (processOnly) {
        ps.setBytes(4, PROCESS_MARKER);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * EVENT records of a value type and intent above a position, in position order: their position,
   * key, timestamp, and (when valueField is not null) a numeric field of their value, e.g. a
   * timer's dueDate, and the id of the PostgreSQL transaction that wrote them (xmin: the engine's
   * batch).
   */
  Events events(
      String valueType, String intent, long afterPosition, boolean processOnly, String valueField)
      throws SQLException {
    String field =
        valueField == null
            ? "0"
            // data is the value's JSON (data_format 2) or, in older rows, the whole record's
            : "(CASE data_format WHEN 1 THEN convert_from(data, 'UTF8')::jsonb #>> '{value,"
                + valueField.replaceAll("[^A-Za-z]", "")
                + "}' ELSE convert_from(data, 'UTF8')::jsonb ->> '"
                + valueField.replaceAll("[^A-Za-z]", "")
                + "' END)::bigint";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT position, key, timestamp, "
                + field
                + ", xmin::text::bigint FROM \""
                + schema
                + "\".record WHERE position > ? AND record_type = 'EVENT' AND value_type = ? AND intent = ?"
                + (processOnly ? " AND position(? in data) > 0" : "")
                + " ORDER BY position")) {
      ps.setLong(1, afterPosition);
      ps.setString(2, valueType);
      ps.setString(3, intent);
      if (processOnly) {
        ps.setBytes(4, PROCESS_MARKER);
      }
      ps.setFetchSize(10_000);
      c.setAutoCommit(false); // a cursor, not the whole result in memory at once
      try (ResultSet rs = ps.executeQuery()) {
        long[][] cols = new long[5][1024];
        int n = 0;
        while (rs.next()) {
          if (n == cols[0].length) {
            for (int i = 0; i < 5; i++) {
              cols[i] = java.util.Arrays.copyOf(cols[i], n * 2);
            }
          }
          for (int i = 0; i < 5; i++) {
            cols[i][n] = rs.getLong(i + 1);
          }
          n++;
        }
        return new Events(
            java.util.Arrays.copyOf(cols[0], n),
            java.util.Arrays.copyOf(cols[1], n),
            java.util.Arrays.copyOf(cols[2], n),
            java.util.Arrays.copyOf(cols[3], n),
            java.util.Arrays.copyOf(cols[4], n));
      } finally {
        c.commit();
        c.setAutoCommit(true);
      }
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing
    }
  }
}

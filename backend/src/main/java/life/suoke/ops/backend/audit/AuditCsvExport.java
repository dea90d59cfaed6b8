package life.suoke.ops.backend.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.chain.AuditChain;
import life.suoke.ops.backend.audit.chain.AuditRow;
import life.suoke.ops.backend.audit.chain.AuditSeal;
import life.suoke.ops.backend.audit.chain.EngineEventSource;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;
import org.springframework.stereotype.Service;

/**
 * The trail as CSV, straight from PostgreSQL: one server-side cursor (fetch size {@value
 * #FETCH_SIZE}), each row written out as it arrives, so a million rows take the memory of one page.
 * UTF-8 with a byte order mark (Excel then reads Chinese text right), a header row, RFC 4180
 * quoting (fields with comma, quote, CR or LF in double quotes, quotes doubled), CRLF line ends,
 * newest first. The filters are those of the search; free text {@code q} matches details, object,
 * actor and business key case-insensitively as substrings.
 *
 * <p>A seal ({@link AuditSeal}) is followed by the engine's events it holds, read back from the
 * engine's log, newest first, each as the row it would be on its own ({@link
 * EngineRecordAuditor#row}) with the seal's sequence number and no hashes of its own (the seal's
 * digest covers it); they are filtered like rows. A seal's events lie within the audit exporter's
 * bounded lag of the seal's time, so for a time filter seals up to {@link #SEAL_SPAN} after its end
 * are read.
 */
@Service
public class AuditCsvExport {

  static final int FETCH_SIZE = 1_000;
  static final String HEADER =
      "seq,occurredAt,actor,action,objectType,objectId,processInstanceKey,businessKey,"
          + "taskKey,details,prevHash,hash";

  /** An engine event's action: {@code VALUE_TYPE.INTENT}. */
  private static final Pattern ENGINE_ACTION = Pattern.compile("[A-Z_]+\\.[A-Z_]+");

  /** How much later than its first event a seal may be written, at most. */
  static final Duration SEAL_SPAN = Duration.ofHours(1);

  private final DataSource dataSource;
  private final EngineEventSource engineEvents;

  AuditCsvExport(DataSource dataSource, EngineEventSource engineEvents) {
    this.dataSource = dataSource;
    this.engineEvents = engineEvents;
  }

  /** Writes the matching rows to {@code out}; returns how many. */
  public long write(AuditQuery query, OutputStream out) throws IOException, SQLException {
    List<Object> parameters = new ArrayList<>();
    StringBuilder rows = new StringBuilder("true");
    condition(rows, parameters, " AND actor = ?", query.actor());
    condition(rows, parameters, " AND action = ?", query.action());
    condition(rows, parameters, " AND occurred_at >= ?", timestamp(query.from()));
    condition(rows, parameters, " AND occurred_at < ?", timestamp(query.to()));
    condition(rows, parameters, " AND process_instance_key = ?", query.processInstanceKey());
    condition(rows, parameters, " AND business_key = ?", query.businessKey());
    condition(rows, parameters, " AND task_key = ?", query.taskKey());
    if (query.q() != null) {
      String like =
          "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      rows.append(
          " AND (details ILIKE ? OR object_id ILIKE ? OR actor ILIKE ? OR business_key ILIKE ?)");
      for (int i = 0; i < 4; i++) {
        parameters.add(like);
      }
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE (" + rows + ")");
    // Seals, and the events they hold, can match only the engine's actor and its actions.
    boolean seals =
        (query.actor() == null || EngineRecordAuditor.ACTOR.equals(query.actor()))
            && (query.action() == null
                || AuditSeal.ACTION.equals(query.action())
                || ENGINE_ACTION.matcher(query.action()).matches());
    if (seals) {
      sql.append(" OR (action = ?");
      parameters.add(AuditSeal.ACTION);
      condition(sql, parameters, " AND occurred_at >= ?", timestamp(query.from()));
      condition(
          sql,
          parameters,
          " AND occurred_at < ?",
          query.to() == null ? null : timestamp(query.to().plus(SEAL_SPAN)));
      sql.append(')');
    }
    sql.append(" ORDER BY seq DESC");
    long written = 0;
    Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    csv.write('\uFEFF');
    csv.write(HEADER);
    csv.write("\r\n");
    Map<Long, String> businessKeys = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      // The driver streams with a cursor only inside a transaction.
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(sql.toString())) {
        p.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < parameters.size(); i++) {
          p.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            AuditEntry row = AuditEntry.read(rs);
            boolean seal =
                AuditSeal.ACTION.equals(row.action())
                    && EngineRecordAuditor.ACTOR.equals(row.actor());
            if (!seal || matches(query, row)) {
              write(csv, row);
              written++;
            }
            if (seal) {
              written += writeSealed(c, csv, query, row, businessKeys);
            }
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
    csv.flush();
    return written;
  }

  /** The events of a seal that match the query, newest first; returns how many. */
  private long writeSealed(
      Connection c, Writer csv, AuditQuery query, AuditEntry seal, Map<Long, String> businessKeys)
      throws IOException, SQLException {
    AuditSeal.Seal stated = AuditSeal.Seal.parse(seal.details());
    if (stated == null) {
      return 0;
    }
    List<EngineRecord> events = AuditSeal.events(c, stated, engineEvents);
    long written = 0;
    for (int i = events.size() - 1; i >= 0; i--) {
      EngineRecord event = events.get(i);
      Object pik = event.value() == null ? null : event.value().get("processInstanceKey");
      String businessKey =
          pik instanceof Number n && n.longValue() > 0
              ? businessKey(c, n.longValue(), businessKeys)
              : null;
      AuditRow row = EngineRecordAuditor.row(event, businessKey);
      AuditEntry entry = AuditEntry.sealed(seal.seq(), row);
      if (matches(query, entry)) {
        write(csv, entry);
        written++;
      }
    }
    return written;
  }

  /** Whether a row (a seal, or an event of one) passes the query's filters. */
  static boolean matches(AuditQuery query, AuditEntry row) {
    if (query.actor() != null && !query.actor().equals(row.actor())
        || query.action() != null && !query.action().equals(row.action())
        || query.from() != null && row.occurredAt().isBefore(AuditChain.truncate(query.from()))
        || query.to() != null && !row.occurredAt().isBefore(query.to())
        || query.processInstanceKey() != null
            && !query.processInstanceKey().equals(row.processInstanceKey())
        || query.businessKey() != null && !query.businessKey().equals(row.businessKey())
        || query.taskKey() != null && !query.taskKey().equals(row.taskKey())) {
      return false;
    }
    if (query.q() == null) {
      return true;
    }
    String q = query.q().toLowerCase(Locale.ROOT);
    return contains(row.details(), q)
        || contains(row.objectId(), q)
        || contains(row.actor(), q)
        || contains(row.businessKey(), q);
  }

  private static boolean contains(String text, String lowerCaseNeedle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
  }

  private static String businessKey(Connection c, long pik, Map<Long, String> known)
      throws SQLException {
    if (!known.containsKey(pik)) {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT business_key FROM audit_business_key WHERE process_instance_key = ?")) {
        p.setLong(1, pik);
        try (ResultSet rs = p.executeQuery()) {
          known.put(pik, rs.next() ? rs.getString(1) : null);
        }
      }
    }
    return known.get(pik);
  }

  private static void write(Writer csv, AuditEntry row) throws IOException {
    field(csv, Long.toString(row.seq()), false);
    field(csv, row.occurredAt().toString(), false);
    field(csv, row.actor(), false);
    field(csv, row.action(), false);
    field(csv, row.objectType(), false);
    field(csv, row.objectId(), false);
    field(csv, row.processInstanceKey() == null ? "" : row.processInstanceKey().toString(), false);
    field(csv, row.businessKey(), false);
    field(csv, row.taskKey() == null ? "" : row.taskKey().toString(), false);
    field(csv, row.details(), false);
    field(csv, row.prevHash(), false);
    field(csv, row.hash(), true);
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static void condition(
      StringBuilder sql, List<Object> parameters, String clause, Object value) {
    if (value != null) {
      sql.append(clause);
      parameters.add(value);
    }
  }

  /** One field, quoted when RFC 4180 asks for it, then a comma or the line end. */
  static void field(Writer out, String value, boolean last) throws IOException {
    if (value != null) {
      boolean quote = false;
      for (int i = 0; i < value.length() && !quote; i++) {
        char ch = value.charAt(i);
        quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
      }
      if (quote) {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(value);
      }
    }
    out.write(last ? "\r\n" : ",");
  }
}

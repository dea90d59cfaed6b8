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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * The trail as CSV, straight from PostgreSQL: one server-side cursor (fetch size {@value
 * #FETCH_SIZE}), each row written out as it arrives, so a million rows take the memory of one page.
 * UTF-8 with a byte order mark (Excel then reads Chinese text right), a header row, RFC 4180
 * quoting (fields with comma, quote, CR or LF in double quotes, quotes doubled), CRLF line ends,
 * newest first. The filters are those of the search; free text {@code q} matches details, object
 * and actor case-insensitively as substrings.
 */
@Service
public class AuditCsvExport {

  static final int FETCH_SIZE = 1_000;
  static final String HEADER =
      "seq,occurredAt,actor,action,objectType,objectId,processInstanceKey,businessKey,"
          + "taskKey,details,prevHash,hash";

  private final DataSource dataSource;

  AuditCsvExport(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes the matching rows to {@code out}; returns how many. */
  public long write(AuditQuery query, OutputStream out) throws IOException, SQLException {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE true");
    condition(sql, parameters, " AND actor = ?", query.actor());
    condition(sql, parameters, " AND action = ?", query.action());
    condition(
        sql,
        parameters,
        " AND occurred_at >= ?",
        query.from() == null ? null : Timestamp.from(query.from()));
    condition(
        sql,
        parameters,
        " AND occurred_at < ?",
        query.to() == null ? null : Timestamp.from(query.to()));
    condition(sql, parameters, " AND process_instance_key = ?", query.processInstanceKey());
    condition(sql, parameters, " AND business_key = ?", query.businessKey());
    condition(sql, parameters, " AND task_key = ?", query.taskKey());
    if (query.q() != null) {
      String like =
          "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      sql.append(
          " AND (details ILIKE ? OR object_id ILIKE ? OR actor ILIKE ? OR business_key ILIKE ?)");
      for (int i = 0; i < 4; i++) {
        parameters.add(like);
      }
    }
    sql.append(" ORDER BY seq DESC");
    long rows = 0;
    Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    csv.write('\uFEFF');
    csv.write(HEADER);
    csv.write("\r\n");
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
            field(csv, Long.toString(row.seq()), false);
            field(csv, row.occurredAt().toString(), false);
            field(csv, row.actor(), false);
            field(csv, row.action(), false);
            field(csv, row.objectType(), false);
            field(csv, row.objectId(), false);
            field(
                csv,
                row.processInstanceKey() == null ? "" : row.processInstanceKey().toString(),
                false);
            field(csv, row.businessKey(), false);
            field(csv, row.taskKey() == null ? "" : row.taskKey().toString(), false);
            field(csv, row.details(), false);
            field(csv, row.prevHash(), false);
            field(csv, row.hash(), true);
            rows++;
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
    csv.flush();
    return rows;
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

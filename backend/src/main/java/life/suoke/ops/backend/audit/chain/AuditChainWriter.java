package life.suoke.ops.backend.audit.chain;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Appends rows to the chain. Each call is one transaction that first takes a PostgreSQL advisory
 * transaction lock ({@link #LOCK_KEY}), so that every writer (human actions on many threads, the
 * engine exporter, several application instances on one database) extends one chain: under the lock
 * it reads the chain's head (last sequence number and hash), numbers and hashes its rows, and
 * writes them all with one {@code COPY}. The lock is released at commit or rollback; a failed call
 * leaves nothing behind.
 *
 * <p>Engine rows are written {@value #ENGINE_ROWS_PER_TRANSACTION} to a transaction: the chain has
 * one lock, and the human actions waiting for it (a worker recording a status, the opening of an
 * incident: their callers wait for the commit) should wait for a short transaction, not for a whole
 * exporter page of a thousand rows. A page that fails half-way is delivered again and the rows
 * already written are left out by their source positions. Engine rows are committed without waiting
 * for the WAL flush: a crash can lose only rows whose page was not yet acknowledged (the
 * acknowledgement follows them in the WAL), and those the exporter delivers again; every other
 * row's commit waits for the flush, and with it for the engine rows before it.
 *
 * <p>Needs only SELECT and INSERT on {@code audit_event} (the application's database role). Thread
 * safe; connections come from the data source per call.
 */
public final class AuditChainWriter {

  /** The most engine rows appended in one transaction (one hold of the lock). */
  public static final int ENGINE_ROWS_PER_TRANSACTION = 100;

  /** The advisory lock every chain writer takes: "SUOKEAUD" as a number. */
  public static final long LOCK_KEY = 0x53554f4b45415544L;

  static final String COPY_SQL =
      "COPY audit_event (seq, occurred_at, actor, action, object_type, object_id,"
          + " process_instance_key, business_key, task_key, source_position, details, prev_hash, hash) FROM STDIN";

  private final DataSource dataSource;

  public AuditChainWriter(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Where the chain stands. */
  public record Head(long seq, String hash) {
    static final Head EMPTY = new Head(0, AuditChain.GENESIS);
  }

  /**
   * Appends the rows, in their order, in one transaction; returns the sequence number of the last
   * one (of the chain's head when the list is empty).
   */
  public long append(List<AuditRow> rows) throws SQLException {
    return write(rows, List.of(), false);
  }

  /**
   * Appends the engine's part of an exporter page: rows of their own (each with a source position)
   * and events to seal ({@link AuditSeal}), both in increasing position order. What lies at or
   * below the highest source position the chain already holds is left out (a page the exporter
   * delivers again is not audited twice); the rest is written in transactions of at most {@value
   * #ENGINE_ROWS_PER_TRANSACTION} rows, each with one seal over the events to seal that lie between
   * its rows and the next transaction's. Returns how many rows (seals included) were appended.
   */
  public int appendEngine(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed)
      throws SQLException {
    int appended = 0;
    for (Chunk chunk : chunks(rows, sealed)) {
      appended += (int) write(chunk.rows(), chunk.sealed(), true);
    }
    return appended;
  }

  /** What one transaction of {@link #appendEngine} writes. */
  record Chunk(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed) {}

  /**
   * The transactions of {@link #appendEngine}: at most {@value #ENGINE_ROWS_PER_TRANSACTION} rows
   * each, with the events to seal up to the next transaction's first row.
   */
  static List<Chunk> chunks(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed) {
    List<Chunk> chunks = new ArrayList<>();
    int row = 0;
    int event = 0;
    while (row < rows.size() || event < sealed.size()) {
      int rowEnd = Math.min(rows.size(), row + ENGINE_ROWS_PER_TRANSACTION);
      long bound = rowEnd < rows.size() ? rows.get(rowEnd).sourcePosition() : Long.MAX_VALUE;
      int eventEnd = event;
      while (eventEnd < sealed.size() && sealed.get(eventEnd).position() < bound) {
        eventEnd++;
      }
      chunks.add(new Chunk(rows.subList(row, rowEnd), sealed.subList(event, eventEnd)));
      row = rowEnd;
      event = eventEnd;
    }
    return chunks;
  }

  private long write(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed, boolean engine)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long result = writeLocked(c, rows, sealed, engine);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private long writeLocked(
      Connection c, List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed, boolean engine)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      List<AuditRow> toWrite = rows;
      if (engine) {
        // Engine rows are written again from the log if a crash loses them: the exporter's
        // acknowledgement of their page comes later in the WAL, so it is lost with them.
        s.execute("SET LOCAL synchronous_commit TO OFF");
        long audited = -1;
        try (ResultSet rs = s.executeQuery("SELECT max(source_position) FROM audit_event")) {
          if (rs.next()) {
            long max = rs.getLong(1);
            audited = rs.wasNull() ? -1 : max;
          }
        }
        toWrite = new ArrayList<>(rows.size());
        for (AuditRow row : rows) {
          if (row.sourcePosition() == null) {
            throw new IllegalArgumentException("an engine row needs its source position");
          }
          if (row.sourcePosition() > audited) {
            toWrite.add(row);
          }
        }
        int firstNew = 0;
        while (firstNew < sealed.size() && sealed.get(firstNew).position() <= audited) {
          firstNew++;
        }
        if (firstNew < sealed.size()) {
          toWrite.add(AuditSeal.row(sealed.subList(firstNew, sealed.size())));
          toWrite.sort(Comparator.comparingLong(AuditRow::sourcePosition));
        }
      }
      Head head = head(s);
      if (toWrite.isEmpty()) {
        return engine ? 0 : head.seq();
      }
      StringBuilder copy = new StringBuilder(toWrite.size() * 600);
      long seq = head.seq();
      String prev = head.hash();
      for (AuditRow row : toWrite) {
        seq++;
        String hash = AuditChain.hash(prev, seq, row);
        copy.append(seq).append('\t');
        copy.append(AuditChain.formatTime(row.occurredAt())).append('\t');
        text(copy, row.actor());
        text(copy, row.action());
        text(copy, row.objectType());
        text(copy, row.objectId());
        number(copy, row.processInstanceKey());
        text(copy, row.businessKey());
        number(copy, row.taskKey());
        number(copy, row.sourcePosition());
        text(copy, row.details());
        copy.append(prev).append('\t').append(hash).append('\n');
        prev = hash;
      }
      CopyManager copyManager = c.unwrap(PGConnection.class).getCopyAPI();
      try {
        copyManager.copyIn(COPY_SQL, new StringReader(copy.toString()));
      } catch (PSQLException e) {
        // The server's context names the offending line with its data: keep audit content out of
        // exceptions (they end up in logs); the primary message and the SQL state say what failed.
        ServerErrorMessage server = e.getServerErrorMessage();
        throw new SQLException(
            "audit rows could not be copied: "
                + (server != null && server.getMessage() != null
                    ? server.getMessage()
                    : "SQL state " + e.getSQLState()),
            e.getSQLState());
      }
      return engine ? toWrite.size() : seq;
    } catch (java.io.IOException e) {
      throw new SQLException("audit rows could not be copied: " + e.getMessage(), e);
    }
  }

  /** The chain's head as committed; call under the lock to append after it. */
  static Head head(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")) {
      return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : Head.EMPTY;
    }
  }

  /** A value in COPY's text format, followed by a tab. */
  private static void text(StringBuilder out, String value) {
    if (value == null) {
      out.append("\\N\t");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(ch);
      }
    }
    out.append('\t');
  }

  private static void number(StringBuilder out, Long value) {
    if (value == null) {
      out.append("\\N\t");
    } else {
      out.append(value.longValue()).append('\t');
    }
  }
}

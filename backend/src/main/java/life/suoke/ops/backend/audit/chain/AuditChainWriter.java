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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Appends rows to the chain, for every writer of this process (human actions on many threads, the
 * engine's audit exporter) through one place: a caller queues its rows and waits, and the writer's
 * one thread ({@code suoke-audit-chain}) writes whatever has queued up meanwhile in one transaction
 * (group commit: one lock, one head read, one {@code COPY}, one WAL flush for many callers). So the
 * writers of one process never wait for each other on the database, and the chain's transactions
 * are as few as the load allows.
 *
 * <p>Each transaction first takes a PostgreSQL advisory transaction lock ({@link #LOCK_KEY}), so
 * that several application instances on one database still extend one chain: under the lock it
 * reads the chain's head (last sequence number and hash), numbers and hashes its rows, and writes
 * them with one {@code COPY}. The lock is released at commit or rollback; a failed transaction
 * leaves nothing behind and fails every caller whose rows it held.
 *
 * <p>Engine rows carry their log positions; what lies at or below the highest position the chain
 * holds is left out (a page the exporter delivers again is not audited twice). A transaction of
 * engine rows alone is committed without waiting for the WAL flush: a crash can lose only rows
 * whose page was not yet acknowledged (the acknowledgement follows them in the WAL), and those the
 * exporter delivers again. A transaction with any other row waits for the flush.
 *
 * <p>Needs only SELECT and INSERT on {@code audit_event} (the application's database role). Thread
 * safe; connections come from the data source per transaction.
 */
public final class AuditChainWriter implements AutoCloseable {

  /** The most engine rows under one seal (a seal closes the events before the next rows). */
  public static final int ENGINE_ROWS_PER_TRANSACTION = 100;

  /** The advisory lock every chain writer takes: "SUOKEAUD" as a number. */
  public static final long LOCK_KEY = 0x53554f4b45415544L;

  /** How long a caller waits for its rows to be written before it gives up. */
  static final long WAIT_SECONDS = 60;

  static final String COPY_SQL =
      "COPY audit_event (seq, occurred_at, actor, action, object_type, object_id,"
          + " process_instance_key, business_key, task_key, source_position, details, prev_hash, hash) FROM STDIN";

  private final DataSource dataSource;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private volatile Thread writer;
  private volatile boolean closed;

  public AuditChainWriter(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Where the chain stands. */
  public record Head(long seq, String hash) {
    static final Head EMPTY = new Head(0, AuditChain.GENESIS);
  }

  /**
   * Appends the rows, in their order and one after the other in the chain, committed with the WAL
   * flushed; returns the sequence number of the last one (of the chain's head when the list is
   * empty).
   */
  public long append(List<AuditRow> rows) throws SQLException {
    return submit(new Request(List.copyOf(rows), List.of()));
  }

  /**
   * Appends the engine's part of an exporter page: rows of their own (each with a source position)
   * and events to seal ({@link AuditSeal}), both in increasing position order. What lies at or
   * below the highest source position the chain already holds is left out; the rest is written with
   * one seal per run of events to seal between at most {@value #ENGINE_ROWS_PER_TRANSACTION} rows
   * and the next ones ({@link #chunks}). Returns how many rows (seals included) were appended.
   */
  public int appendEngine(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed)
      throws SQLException {
    for (AuditRow row : rows) {
      if (row.sourcePosition() == null) {
        throw new IllegalArgumentException("an engine row needs its source position");
      }
    }
    List<Chunk> chunks = chunks(rows, sealed);
    if (chunks.isEmpty()) {
      return 0;
    }
    return (int) submit(new Request(null, chunks));
  }

  /** What one seal of {@link #appendEngine} covers: its rows and the events up to the next ones. */
  record Chunk(List<AuditRow> rows, List<AuditSeal.SealedEvent> sealed) {}

  /**
   * The seals of {@link #appendEngine}: at most {@value #ENGINE_ROWS_PER_TRANSACTION} rows each,
   * with the events to seal up to the next one's first row.
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

  /**
   * One caller's rows: its own ({@code rows}, not null) or the engine's ({@code chunks}). Taken by
   * exactly one transaction, or given up by its caller first.
   */
  private static final class Request {
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int GIVEN_UP = 2;

    final List<AuditRow> rows;
    final List<Chunk> chunks;
    final AtomicInteger state = new AtomicInteger(QUEUED);
    final CompletableFuture<Long> done = new CompletableFuture<>();

    Request(List<AuditRow> rows, List<Chunk> chunks) {
      this.rows = rows;
      this.chunks = chunks;
    }

    boolean engine() {
      return rows == null;
    }
  }

  /**
   * Queues the request for the writer's thread and waits until a transaction has written it (or
   * failed), at most {@value #WAIT_SECONDS} s.
   */
  private long submit(Request request) throws SQLException {
    ensureWriter();
    queue.add(request);
    if (closed && request.state.compareAndSet(Request.QUEUED, Request.GIVEN_UP)) {
      // closed between the check and the queuing: close() may have drained the queue already
      queue.remove(request);
      throw new SQLException("the audit chain writer is closed");
    }
    try {
      return outcome(request.done.get(WAIT_SECONDS, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      if (request.state.compareAndSet(Request.QUEUED, Request.GIVEN_UP)) {
        throw new SQLException(
            "audit rows were not written within " + WAIT_SECONDS + " s: the chain is busy", e);
      }
      // a transaction holds them now: its outcome is theirs
      return awaitTaken(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (request.state.compareAndSet(Request.QUEUED, Request.GIVEN_UP)) {
        throw new SQLException("interrupted while audit rows waited to be written", e);
      }
      return awaitTaken(request);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  private static long awaitTaken(Request request) throws SQLException {
    try {
      return outcome(request.done.join());
    } catch (java.util.concurrent.CompletionException e) {
      throw failure(e.getCause());
    }
  }

  /** Starts the writer's thread on first use (a daemon: nothing to stop at exit). */
  private void ensureWriter() throws SQLException {
    Thread current = writer;
    if (current != null && current.isAlive()) {
      return;
    }
    synchronized (queue) {
      if (closed) {
        throw new SQLException("the audit chain writer is closed");
      }
      if (writer == null || !writer.isAlive()) {
        Thread thread = new Thread(this::run, "suoke-audit-chain");
        thread.setDaemon(true);
        thread.start();
        writer = thread;
      }
    }
  }

  /**
   * Stops the writer's thread once the transaction in hand is written; rows still queued then fail
   * their callers. Appends afterwards fail at once.
   */
  @Override
  public void close() {
    Thread thread;
    synchronized (queue) {
      closed = true;
      thread = writer;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Request left;
    while ((left = queue.poll()) != null) {
      if (left.state.compareAndSet(Request.QUEUED, Request.GIVEN_UP)) {
        left.done.completeExceptionally(new SQLException("the audit chain writer closed"));
      }
    }
  }

  /** The writer's thread: waits for requests, writes whatever has queued up in one transaction. */
  private void run() {
    List<Request> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch);
        writeTaken(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private static long outcome(Long value) {
    return value == null ? 0 : value;
  }

  private static SQLException failure(Throwable cause) {
    if (cause instanceof SQLException sql) {
      return new SQLException(sql.getMessage(), sql.getSQLState(), sql);
    }
    return new SQLException("audit rows could not be written: " + cause, cause);
  }

  /** One transaction of the requests their callers still wait for; completes them. */
  private void writeTaken(List<Request> queued) {
    List<Request> taken = new ArrayList<>(queued.size());
    for (Request request : queued) {
      if (request.state.compareAndSet(Request.QUEUED, Request.TAKEN)) {
        taken.add(request);
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    try {
      long[] results = write(taken);
      for (int i = 0; i < taken.size(); i++) {
        taken.get(i).done.complete(results[i]);
      }
    } catch (SQLException | RuntimeException | Error e) {
      // every caller learns the outcome; an error still ends the thread (the next append starts
      // another)
      for (Request request : taken) {
        request.done.completeExceptionally(e);
      }
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  private long[] write(List<Request> requests) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long[] result = writeLocked(c, requests);
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

  /**
   * The requests' rows in one transaction, the callers' own first (in their order), then the
   * engine's; per request, the sequence number of its last row (the head's for none), or for the
   * engine how many rows it appended.
   */
  private long[] writeLocked(Connection c, List<Request> requests) throws SQLException {
    try (Statement s = c.createStatement()) {
      boolean anyOwn = requests.stream().anyMatch(r -> !r.engine());
      boolean anyEngine = requests.stream().anyMatch(Request::engine);
      // Engine rows are written again from the log if a crash loses them: the exporter's
      // acknowledgement of their page comes later in the WAL, so it is lost with them. So a
      // transaction of engine rows alone does not wait for its WAL flush (set with the lock: one
      // round trip).
      s.execute(
          anyEngine && !anyOwn
              ? "SELECT pg_advisory_xact_lock("
                  + LOCK_KEY
                  + "), set_config('synchronous_commit', 'off', true)"
              : "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      // the head, and for engine rows the last audited position, read after the lock in one
      // statement (a statement's snapshot is taken when it starts: not before the lock)
      long audited = -1;
      Head head;
      if (anyEngine) {
        // no row: an empty trail, so nothing audited either
        try (ResultSet rs =
            s.executeQuery(
                "SELECT seq, hash, (SELECT max(source_position) FROM audit_event)"
                    + " FROM audit_event ORDER BY seq DESC LIMIT 1")) {
          head = rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : Head.EMPTY;
          if (head != Head.EMPTY) {
            long max = rs.getLong(3);
            audited = rs.wasNull() ? -1 : max;
          }
        }
      } else {
        head = head(s);
      }
      long seq = head.seq();
      String prev = head.hash();
      long[] result = new long[requests.size()];
      StringBuilder copy = new StringBuilder(1024);
      for (int i = 0; i < requests.size(); i++) {
        Request request = requests.get(i);
        if (request.engine()) {
          continue;
        }
        for (AuditRow row : request.rows) {
          seq++;
          prev = line(copy, seq, prev, row);
        }
        result[i] = seq;
      }
      for (int i = 0; i < requests.size(); i++) {
        Request request = requests.get(i);
        if (!request.engine()) {
          continue;
        }
        int appended = 0;
        for (Chunk chunk : request.chunks) {
          for (AuditRow row : newEngineRows(chunk, audited)) {
            seq++;
            prev = line(copy, seq, prev, row);
            audited = row.sourcePosition();
            appended++;
          }
        }
        result[i] = appended;
      }
      if (seq > head.seq()) {
        copy(c, copy);
      }
      return result;
    }
  }

  /** A chunk's rows above {@code audited}, with the seal over its events above it, by position. */
  private static List<AuditRow> newEngineRows(Chunk chunk, long audited) {
    List<AuditRow> toWrite = new ArrayList<>(chunk.rows().size() + 1);
    for (AuditRow row : chunk.rows()) {
      if (row.sourcePosition() > audited) {
        toWrite.add(row);
      }
    }
    List<AuditSeal.SealedEvent> sealed = chunk.sealed();
    int firstNew = 0;
    while (firstNew < sealed.size() && sealed.get(firstNew).position() <= audited) {
      firstNew++;
    }
    if (firstNew < sealed.size()) {
      toWrite.add(AuditSeal.row(sealed.subList(firstNew, sealed.size())));
      toWrite.sort(Comparator.comparingLong(AuditRow::sourcePosition));
    }
    return toWrite;
  }

  /** Appends the row's line in COPY's text format; returns its hash. */
  private static String line(StringBuilder copy, long seq, String prev, AuditRow row) {
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
    return hash;
  }

  private static void copy(Connection c, StringBuilder lines) throws SQLException {
    CopyManager copyManager = c.unwrap(PGConnection.class).getCopyAPI();
    try {
      copyManager.copyIn(COPY_SQL, new StringReader(lines.toString()));
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

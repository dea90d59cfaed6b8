package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the projection up to date: a thread of its own tails the record log from the position it
 * last acknowledged, applies each page in one transaction, then acknowledges the page's last
 * position. A crash between the commit and the acknowledgement replays the page, which the
 * idempotent upserts absorb (at-least-once). It never touches the engine's processing thread; the
 * engine only pays for the log reads, which go through the log's reader connection.
 */
public final class ProjectionExporter implements AutoCloseable {

  public static final String EXPORTER_ID = "search-projection";

  private static final Logger log = LoggerFactory.getLogger(ProjectionExporter.class);
  private static final int PAGE_SIZE = 4_000;
  private static final long IDLE_WAIT_MILLIS = 20;
  private static final long RETRY_WAIT_MILLIS = 1_000;

  private final RecordLog recordLog;
  private final ConnectionSource connections;
  private final RecordProjector projector;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long position;
  private Connection connection;

  private ProjectionExporter(RecordLog recordLog, ConnectionSource connections, String schema) {
    this.recordLog = recordLog;
    this.connections = connections;
    this.projector = new RecordProjector(schema);
    this.thread = new Thread(this::run, "suoke-projection-exporter");
    this.thread.setDaemon(true);
  }

  /** Creates the projection's tables if needed and starts tailing the log. */
  public static ProjectionExporter start(
      RecordLog recordLog, ConnectionSource connections, String schema) {
    ProjectionExporter exporter = new ProjectionExporter(recordLog, connections, schema);
    try (Connection c = connections.open()) {
      ProjectionSchema.migrate(c, schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create the search projection's tables in schema " + schema, e);
    }
    exporter.position = recordLog.exporterPosition(EXPORTER_ID);
    exporter.thread.start();
    return exporter;
  }

  /** The last position applied (and acknowledged). */
  public long position() {
    return position;
  }

  private void run() {
    while (running) {
      try {
        List<Record> page = recordLog.read(position, PAGE_SIZE);
        if (page.isEmpty()) {
          Thread.sleep(IDLE_WAIT_MILLIS);
          continue;
        }
        apply(page);
        long last = page.get(page.size() - 1).position();
        recordLog.acknowledge(EXPORTER_ID, last);
        position = last;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "Search projection could not apply records after position {}; retrying", position, e);
        discardConnection();
        try {
          Thread.sleep(RETRY_WAIT_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void apply(List<Record> page) throws SQLException {
    Connection c = connection();
    try {
      projector.apply(page, c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      projector.rolledBack();
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is discarded by the caller
      }
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = connections.open();
      c.setAutoCommit(false);
      connection = c;
    }
    return connection;
  }

  private void discardConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // going away
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discardConnection();
  }
}

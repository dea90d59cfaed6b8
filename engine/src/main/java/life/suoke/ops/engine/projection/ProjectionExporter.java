package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.record.Record;

/**
 * Keeps the projection up to date, as an exporter like any other: an {@link ExporterRunner} feeds
 * it the log from the position it last acknowledged, it applies each page in one transaction, and
 * the runner then acknowledges the page's last position. A crash between the commit and the
 * acknowledgement replays the page, which the idempotent upserts absorb (at-least-once). Its
 * commits do not wait for the WAL flush (the acknowledgement that follows is never more durable
 * than the page before it). It never touches the engine's processing thread; the engine only pays
 * for the log reads, which go through the log's reader connection.
 *
 * <p>Unlike other exporters it creates its tables before it is run, not in {@link #open()}: the
 * REST searches read them from the engine's first request on, so an engine whose projection cannot
 * have them does not start.
 */
public final class ProjectionExporter implements RecordExporter {

  public static final String EXPORTER_ID = "search-projection";

  /**
   * Pages of up to 32,000 records (what a quarter of a second brings at the engine's saturation),
   * one transaction each; a failed page is tried again every second until it is applied. A ten-step
   * instance lives about a quarter of a second at saturation: with pages of 16,000 records most of
   * them spanned two pages, their rows copied by one and updated by the next.
   */
  public static final ExporterRunner.Settings SETTINGS =
      new ExporterRunner.Settings(
          32_000, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

  private final ConnectionSource connections;
  private final RecordProjector projector;
  private Connection connection;

  private ProjectionExporter(ConnectionSource connections, String schema) {
    this.connections = connections;
    this.projector = new RecordProjector(schema);
  }

  /** Creates the projection's tables if needed; the exporter is then ready to be run. */
  public static ProjectionExporter create(ConnectionSource connections, String schema) {
    try (Connection c = connections.open()) {
      ProjectionSchema.migrate(c, schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create the search projection's tables in schema " + schema, e);
    }
    return new ProjectionExporter(connections, schema);
  }

  @Override
  public String id() {
    return EXPORTER_ID;
  }

  /**
   * Under a heavy load (a page of {@link #GATHER_FROM} records or more that did not fill the page)
   * the runner waits this long before the next page, so that the rows an instance changes several
   * times in a short while (created, then completed) are written once, and each table gets one
   * larger upsert instead of several small ones. Under a light load every commit is projected at
   * once.
   */
  public static final Duration GATHER = Duration.ofMillis(250);

  /** The page size from which the projection lets the next page gather ({@link #GATHER}). */
  public static final int GATHER_FROM = 1_000;

  @Override
  public Duration batchDelay() {
    return GATHER;
  }

  @Override
  public int batchDelayFrom() {
    return GATHER_FROM;
  }

  /** The projectors read envelopes and typed values only. */
  @Override
  public boolean readsTypedValues() {
    return true;
  }

  @Override
  public void export(List<Record> page) throws SQLException {
    Connection c = connection();
    try {
      projector.apply(page, c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      projector.rolledBack();
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is discarded below
      }
      discardConnection();
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = connections.open();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // A page's commit need not wait for the WAL flush: the runner's acknowledgement comes
        // later in the WAL, so a crash that loses the page loses its acknowledgement too, and the
        // page is delivered again.
        s.execute("SET synchronous_commit TO OFF");
      }
      c.commit();
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
    discardConnection();
  }
}

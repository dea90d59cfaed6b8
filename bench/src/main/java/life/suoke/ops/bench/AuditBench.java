package life.suoke.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import life.suoke.ops.backend.audit.AuditVerification;
import life.suoke.ops.backend.audit.AuditVerifier;
import life.suoke.ops.backend.runtime.audit.AuditRecordExporter;
import life.suoke.ops.backend.runtime.audit.EngineLogEvents;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExportGate;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import org.HdrHistogram.Histogram;

/**
 * {@code audit [seconds]}: the one-task saturation load (the throughput mode's closed loop, 256 in
 * flight) on an engine with the backend's audit exporter attached from the start ({@link
 * AuditRecordExporter}, built without Spring, writing the hash chain into the same PostgreSQL, the
 * product's runner settings). Every 10 ms the driver samples the audit lag: in records (the log's
 * last committed position, from the commit watcher, minus the exporter's acknowledged position,
 * which moves only after the page's audit rows are committed) and in time (since the commit of the
 * oldest record not yet audited). After the load it waits for the trail to reach the log's end,
 * checks that every EVENT record has exactly one audit row, and verifies the whole chain.
 */
final class AuditBench {

  private static final long SAMPLE_MILLIS = 10;

  private final EngineBench b;
  private final EngineBench.Options o;
  private final BenchPostgres pg;
  final TimedExporter exporter;

  AuditBench(EngineBench b, BenchPostgres pg) throws SQLException, IOException {
    this.b = b;
    this.o = b == null ? null : b.o;
    this.pg = pg;
    createTrail(pg.dataSource());
    this.exporter = new TimedExporter(new AuditRecordExporter(pg.dataSource()));
  }

  /**
   * The audit table as the backend's migrations make it (the owner's grants are skipped: one role
   * here).
   */
  private static void createTrail(DataSource dataSource) throws SQLException, IOException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String script :
          List.of(
              "db/migration/V1__audit_event.sql",
              "db/migration/V3__audit_trail.sql",
              "db/migration/V18__audit_seals.sql")) {
        String sql;
        try (InputStream in = AuditBench.class.getClassLoader().getResourceAsStream(script)) {
          if (in == null) {
            throw new IOException(script + " is not on the class path");
          }
          sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        s.execute(
            sql.replace("${app_role}", BenchPostgres.USER)
                .replace("${flyway:table}", "flyway_schema_history"));
      }
    }
  }

  List<RecordExporter> exporters() {
    return List.of(exporter);
  }

  /** The bound the application gives the engine: no more than maxLag of history unaudited. */
  ExportGate.Bound bound(Duration maxLag) {
    return new ExportGate.Bound(List.of(exporter.id()), maxLag);
  }

  void run(Engine engine, Runnable load) throws Exception {
    ExporterRunner runner =
        engine.exporters().stream()
            .filter(r -> r.id().equals(exporter.id()))
            .findFirst()
            .orElseThrow();
    Histogram recordsLag = new Histogram(100_000_000L, 3);
    Histogram millisLag = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    long[] window = new long[4]; // audited rows and nanos at the window's start and end
    try (CommitWatcher watcher =
        new CommitWatcher(pg.jdbcUrl(), BenchPostgres.USER, "engine", o.pollMillis)) {
      Thread lagSampler =
          new Thread(
              () -> {
                boolean wasMeasuring = false;
                while (!Thread.currentThread().isInterrupted()) {
                  boolean measuring = b.measuring();
                  if (measuring != wasMeasuring) {
                    int i = measuring ? 0 : 2;
                    window[i] = exporter.rows.sum();
                    window[i + 1] = System.nanoTime();
                    wasMeasuring = measuring;
                  }
                  if (measuring) {
                    long acknowledged = runner.acknowledgedPosition();
                    long last = watcher.lastPosition();
                    long behind = Math.max(0, last - acknowledged);
                    long age = 0;
                    if (behind > 0) {
                      long committed = watcher.visibleAt(acknowledged + 1);
                      age = committed < 0 ? 0 : (System.nanoTime() - committed) / 1_000_000;
                    }
                    recordsLag.recordValue(Math.min(behind, recordsLag.getHighestTrackableValue()));
                    millisLag.recordValue(Math.min(age, millisLag.getHighestTrackableValue()));
                  }
                  try {
                    Thread.sleep(SAMPLE_MILLIS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-audit-lag-sampler");
      lagSampler.setDaemon(true);
      lagSampler.start();
      try {
        load.run();
      } finally {
        lagSampler.interrupt();
        lagSampler.join(1_000);
      }
      watcher.check();
      long drainStart = System.nanoTime();
      long target = watcher.lastPosition();
      while (runner.acknowledgedPosition() < target
          && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(300)) {
        Thread.sleep(5);
      }
      long drained = System.nanoTime() - drainStart;
      b.summary.put(
          "benchmark",
          "audit: " + b.summary.get("benchmark") + "; the audit exporter attached from the start");
      double windowSeconds = (window[3] - window[1]) / 1e9;
      b.summary.put(
          "audit throughput",
          String.format(
              "%.0f audit rows/s committed in the window (%d rows); %d pages,"
                  + " %.1f ms per page in the exporter (mapping, hashing, COPY, commit), %.0f%% of the window",
              (window[2] - window[0]) / Math.max(1e-9, windowSeconds),
              window[2] - window[0],
              exporter.pages.sum(),
              exporter.nanos.sum() / 1e6 / Math.max(1, exporter.pages.sum()),
              100.0
                  * exporter.nanos.sum()
                  / 1e9
                  / Math.max(1e-9, (System.nanoTime() - exporter.firstNanos) / 1e9)));
      b.summary.put(
          "audit lag",
          String.format(
              "in records: p50 %d, p99 %d, max %d; in time (since the oldest record"
                  + " not yet audited was committed): p50 %d ms, p99 %d ms, max %d ms   (%d samples, every %d ms, in the"
                  + " window)",
              recordsLag.getValueAtPercentile(50),
              recordsLag.getValueAtPercentile(99),
              recordsLag.getMaxValue(),
              millisLag.getValueAtPercentile(50),
              millisLag.getValueAtPercentile(99),
              millisLag.getMaxValue(),
              recordsLag.getTotalCount(),
              SAMPLE_MILLIS));
      b.summary.put(
          "export bound",
          engine
              .exportGate()
              .map(
                  gate ->
                      String.format(
                          "the engine held new commands back for %.1f s in all while the audit trail was"
                              + " more than %d ms behind (--audit-max-lag-ms)",
                          gate.heldNanos() / 1e9, o.auditMaxLagMillis))
              .orElse("none (--audit-max-lag-ms=0): the engine runs ahead of the audit trail"));
      b.summary.put(
          "after the load",
          runner.acknowledgedPosition() >= target
              ? String.format(
                  "the audit trail reached the log's end %.0f ms after the load stopped and drained",
                  drained / 1e6)
              : "the audit trail had NOT reached the log's end 300 s after the load (lag "
                  + runner.lag()
                  + " records)");
      check(target);
    }
  }

  /** One audit row per EVENT record up to the position, and the whole chain verified. */
  private void check(long upTo) throws SQLException {
    long events;
    long rows;
    long distinct;
    try (Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement()) {
      events =
          count(
              s,
              "SELECT count(*) FROM engine.record WHERE record_type = 'EVENT' AND position <= "
                  + upTo);
      rows = count(s, "SELECT count(*) FROM audit_event WHERE source_position <= " + upTo);
      distinct =
          count(
              s,
              "SELECT count(DISTINCT source_position) FROM audit_event WHERE source_position <= "
                  + upTo);
    }
    long start = System.nanoTime();
    AuditVerification verification =
        new AuditVerifier(pg.dataSource(), new EngineLogEvents(RecordLog.DEFAULT_SCHEMA)).verify();
    double seconds = (System.nanoTime() - start) / 1e9;
    b.summary.put(
        "audit check",
        String.format(
            "%d audit rows (%d distinct positions) for %d EVENT records in the log%s;"
                + " chain %s: %d rows verified in %.1f s (%.0f rows/s)",
            rows,
            distinct,
            events,
            rows == events && distinct == events ? " (every record audited once)" : " (MISMATCH)",
            verification.valid()
                ? "valid"
                : "BROKEN at seq " + verification.firstBrokenSeq() + ": " + verification.reason(),
            verification.checked(),
            seconds,
            verification.checked() / Math.max(1e-9, seconds)));
    if (rows != events || distinct != events) {
      b.notes.add("the audit trail holds " + rows + " rows for " + events + " event records");
    }
    if (!verification.valid()) {
      b.notes.add("the audit chain did not verify: " + verification.reason());
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The audit exporter with a stopwatch. */
  static final class TimedExporter implements RecordExporter {
    final AuditRecordExporter delegate;
    final LongAdder rows = new LongAdder();
    final LongAdder pages = new LongAdder();
    final LongAdder nanos = new LongAdder();
    volatile long firstNanos;

    TimedExporter(AuditRecordExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public void export(List<Record> batch) throws Exception {
      long start = System.nanoTime();
      if (firstNanos == 0) {
        firstNanos = start;
      }
      delegate.export(batch);
      nanos.add(System.nanoTime() - start);
      pages.increment();
      long events =
          batch.stream()
              .filter(r -> r.recordType() == life.suoke.ops.engine.record.RecordType.EVENT)
              .count();
      rows.add(events);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}

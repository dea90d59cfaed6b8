package life.suoke.ops.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Bytes;
import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import io.camunda.client.api.worker.JobWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;
import life.suoke.ops.engine.exporter.RecordExporter;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.search.EmbeddedSearchNode;
import life.suoke.ops.search.OpenSearchHttp;
import life.suoke.ops.search.export.SearchRecordExporter;
import life.suoke.ops.search.export.ZeebeRecordIndex;
import org.HdrHistogram.Histogram;

/**
 * {@code export [instances] [seconds]}: how fast the search exporter (module {@code search}: {@link
 * SearchRecordExporter}, the engine's {@code RecordExporter} SPI, the Elasticsearch client, an
 * in-process OpenSearch node, exactly as the backend runs it) indexes the engine's records.
 *
 * <ol>
 *   <li><b>The log.</b> {@code instances} one-task instances run through the engine (created with
 *       {@code --in-flight} outstanding, completed by a job worker); no search exporter is
 *       attached, so the log fills up while nothing is exported.
 *   <li><b>Catch-up.</b> A fresh OpenSearch node starts in this JVM, and a search exporter is
 *       attached to the engine's log ({@link ExporterRunner}, page size {@code --page-size}, the
 *       product's runner and settings otherwise) while the engine is idle. It starts at position 0
 *       and the driver times it until it has acknowledged the whole log: records/s, MB/s of the
 *       records' JSON, the share of the time spent in the bulk requests. Then it checks that search
 *       holds one document per record its filter takes and reports the index size.
 *   <li><b>Steady state.</b> With the exporter running, the driver offers a fixed load ({@code
 *       --rate} one-task instances per second, open loop, warm-up then {@code seconds}, the latency
 *       mode's machinery) and samples the exporter's lag every 10 ms: in records (the log's last
 *       committed position, polled by a {@link CommitWatcher}, minus the exporter's acknowledged
 *       position) and in time (how long ago the oldest record not yet exported was committed).
 * </ol>
 *
 * The engine's own search projection (an exporter into PostgreSQL) runs throughout, as in the
 * product; it is caught up before the catch-up starts.
 */
final class ExportBench {

  private static final long SAMPLE_MILLIS = 10;

  private final EngineBench b;
  private final EngineBench.Options o;
  private final Engine engine;
  private final LogStats stats;
  private final BenchPostgres pg;

  ExportBench(EngineBench b, Engine engine, LogStats stats, BenchPostgres pg) {
    this.b = b;
    this.o = b.o;
    this.engine = engine;
    this.stats = stats;
    this.pg = pg;
  }

  void run() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.limit - 30L);
    BenchProcess p = BenchProcess.ONE_TASK;
    b.summary.put(
        "benchmark",
        String.format(
            "export: a log of %d one-task instances, then a search exporter attached"
                + " to it (page size %d) against a fresh in-process OpenSearch node, timed to lag 0; then its lag under %.0f"
                + " one-task PI/s for %d s after %d s warm-up",
            o.count, o.pageSize, o.rate, o.seconds, o.warmup));
    List<JobWorker> workers = b.deployAndOpenWorkers(p);
    Path searchDir = Files.createTempDirectory(o.pgDir, "suoke-bench-search");
    try {
      fillTheLog(p, deadline);
      settle();
      long start = System.nanoTime();
      EmbeddedSearchNode node = EmbeddedSearchNode.start(searchDir, 0);
      b.summary.put(
          "search node",
          String.format(
              "OpenSearch (in this JVM) at %s, data in %s, started in %.1f s",
              node.httpUri(), searchDir, (System.nanoTime() - start) / 1e9));
      ElasticsearchClient client = OpenSearchHttp.client(node.httpUri());
      try {
        TimedExporter exporter = new TimedExporter(new SearchRecordExporter(client));
        ExporterRunner.Settings defaults = ExporterRunner.Settings.DEFAULT;
        ExporterRunner.Settings settings =
            new ExporterRunner.Settings(
                o.pageSize, defaults.idleWait(), defaults.initialBackoff(), defaults.maxBackoff());
        long target = stats.counters().logPosition();
        long[] log = stats.recordsAndBytes(0, target);
        System.out.printf("  exporting %d records to search%n", log[0]);
        System.gc(); // the log-filling's garbage is not the exporter's to collect
        long gcBefore = EngineBench.gcMillis();
        b.cpu.begin();
        long exportStart = System.nanoTime();
        ExporterRunner runner = ExporterRunner.start(engine.recordLog(), exporter, settings);
        try {
          catchUp(runner, exporter, target, log, exportStart, gcBefore, deadline);
          checkSearch(client, target, log[0], exporter.indexed.sum());
          steadyState(runner);
        } finally {
          runner.close();
        }
      } finally {
        client._transport().close();
        node.close();
      }
    } finally {
      for (JobWorker w : workers) {
        w.close();
      }
      BenchPostgres.deleteQuietly(searchDir);
    }
  }

  // ============================================================================ 1. the log

  private void fillTheLog(BenchProcess p, long deadline) throws Exception {
    long before = stats.counters().logPosition();
    System.out.printf("  filling the log: %d one-task instances%n", o.count);
    BoundedSender.Result created =
        BoundedSender.run(
            "create",
            o.count,
            2,
            o.inFlight,
            i ->
                b.client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(p.processId())
                    .latestVersion()
                    .variables(p.variables(i))
                    .send(),
            null,
            deadline);
    if (created.lost() > 0) {
      throw new IllegalStateException(
          created.lost() + " instances could not be created (or the time ran out)");
    }
    long completed = 0;
    while (System.nanoTime() < deadline) {
      completed = stats.countEvents("PROCESS_INSTANCE", "ELEMENT_COMPLETED", before, true);
      if (completed >= o.count) {
        break;
      }
      Thread.sleep(200);
    }
    if (completed < o.count) {
      throw new IllegalStateException(
          "only " + completed + " of " + o.count + " instances completed in time");
    }
    long last = stats.counters().logPosition();
    long[] log = stats.recordsAndBytes(0, last);
    b.summary.put(
        "the log",
        String.format(
            "%d records (%.1f per instance), %.1f MB of JSON (%.0f bytes per record);"
                + " %d instances created in %.1f s and completed",
            log[0],
            (double) (last - before) / o.count,
            log[1] / 1e6,
            (double) log[1] / Math.max(1, log[0]),
            o.count,
            created.seconds()));
  }

  /** Waits for the engine's search projection, so that it does not compete with the catch-up. */
  private void settle() throws Exception {
    long target = stats.counters().logPosition();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (engine.projectedPosition() < target && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (engine.projectedPosition() < target) {
      b.notes.add(
          "the engine's search projection had not caught up before the export catch-up started");
    }
  }

  // ============================================================================ 2. catch-up

  /**
   * Times the runner, started at position 0 at {@code start} (CPU accounting begun), until it has
   * acknowledged the target; {@code log} holds the records up to it and their bytes.
   */
  private void catchUp(
      ExporterRunner runner,
      TimedExporter exporter,
      long target,
      long[] log,
      long start,
      long gcBefore,
      long deadline)
      throws Exception {
    List<Double> intervals = new ArrayList<>();
    long lastPrint = start;
    long lastAck = 0;
    while (runner.acknowledgedPosition() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the exporter had acknowledged "
                + runner.acknowledgedPosition()
                + " of "
                + target
                + " when the time ran out ("
                + runner.consecutiveFailures()
                + " failures in a row)");
      }
      Thread.sleep(5);
      long now = System.nanoTime();
      if (now - lastPrint >= 5_000_000_000L) {
        long ack = runner.acknowledgedPosition();
        double rate = (ack - lastAck) / ((now - lastPrint) / 1e9);
        intervals.add(rate);
        System.out.printf(
            "  [export ] %7.0f records/s, position %d of %d (%d failures in a row)%n",
            rate, ack, target, runner.consecutiveFailures());
        lastPrint = now;
        lastAck = ack;
      }
    }
    long end = System.nanoTime();
    b.cpu.end();
    long gc = EngineBench.gcMillis() - gcBefore;

    double seconds = (end - start) / 1e9;
    double exporting = (end - exporter.firstExportNanos) / 1e9;
    long records = exporter.records.sum();
    b.summary.put(
        "export catch-up",
        String.format(
            "%.0f records/s, %.1f MB/s of record JSON   (%d records, %.1f MB,"
                + " from the exporter's start to its acknowledgement of the last record: %.1f s)",
            log[0] / seconds, log[1] / 1e6 / seconds, log[0], log[1] / 1e6, seconds));
    b.summary.put(
        "export, first page on",
        String.format(
            "%.0f records/s over %.1f s (without the %.0f ms of opening:"
                + " putting the %d index templates)%s",
            records / exporting,
            exporting,
            exporter.openNanos / 1e6,
            exporter.templates,
            intervals.size() > 1
                ? String.format(
                    "; 5-s intervals %.0f–%.0f records/s",
                    intervals.stream().mapToDouble(d -> d).min().orElse(0),
                    intervals.stream().mapToDouble(d -> d).max().orElse(0))
                : ""));
    b.summary.put(
        "exporter time",
        String.format(
            "%d pages of up to %d records; %.0f%% of the time in bulk requests"
                + " (%.1f ms per page: serialising the records and OpenSearch indexing them), %.0f%% reading pages from"
                + " PostgreSQL, parsing them and acknowledging",
            exporter.pages.sum(),
            o.pageSize,
            100.0 * exporter.bulkNanos.sum() / 1e9 / exporting,
            exporter.bulkNanos.sum() / 1e6 / Math.max(1, exporter.pages.sum()),
            100.0 - 100.0 * exporter.bulkNanos.sum() / 1e9 / exporting));
    if (exporter.records.sum() != log[0]) {
      b.notes.add(
          "the exporter was handed "
              + exporter.records.sum()
              + " records for "
              + log[0]
              + " in the log"
              + " (a page delivered again after a failure counts twice)");
    }
    if (gc > 0) {
      b.summary.put(
          "catch-up gc",
          String.format("%d ms of collection pauses/cycles (%.1f%%)", gc, gc / 10.0 / seconds));
    }
    b.summary.put("cpu in the catch-up", String.join("\n", b.cpu.report(8)));
  }

  /**
   * One document per record the exporter's filter takes (events, by default: {@link
   * life.suoke.ops.search.export.SearchExportFilter#zeebeDefaults()}) up to the position; and how
   * big the indices are.
   */
  private void checkSearch(ElasticsearchClient client, long upTo, long records, long indexed)
      throws Exception {
    String all = ZeebeRecordIndex.PREFIX + "_*";
    client.indices().refresh(r -> r.index(all));
    long documents =
        client
            .count(
                c ->
                    c.index(all)
                        .query(
                            q ->
                                q.range(
                                    r -> r.number(n -> n.field("position").lte((double) upTo)))))
            .count();
    List<IndicesRecord> indices =
        client.cat().indices(c -> c.index(all).bytes(Bytes.Bytes)).valueBody();
    long storeBytes = 0;
    long docs = 0;
    for (IndicesRecord index : indices) {
      storeBytes += parse(index.storeSize());
      docs += parse(index.docsCount());
    }
    b.summary.put(
        "search check",
        String.format(
            "%d documents up to the last position for the %d of the log's %d records that the"
                + " exporter indexes%s; %d indices, %.1f MB on disk (%.0f bytes per document;"
                + " refreshed, not force-merged)",
            documents,
            indexed,
            records,
            documents == indexed ? " (checked)" : " (MISMATCH)",
            indices.size(),
            storeBytes / 1e6,
            (double) storeBytes / Math.max(1, docs)));
    if (documents != indexed) {
      b.notes.add("search holds " + documents + " documents for " + indexed + " indexed records");
    }
  }

  private static long parse(String number) {
    try {
      return number == null ? 0 : Long.parseLong(number.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // ============================================================================ 3. steady state

  private void steadyState(ExporterRunner runner) throws Exception {
    if (o.seconds == 0) {
      return;
    }
    b.resetTracking();
    Histogram recordsLag = new Histogram(100_000_000L, 3);
    Histogram millisLag = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
    try (CommitWatcher watcher =
            new CommitWatcher(pg.jdbcUrl(), BenchPostgres.USER, "engine", o.pollMillis);
        EngineThreadSampler sampler =
            new EngineThreadSampler(o.sampleMillis > 0 ? o.sampleMillis : 1_000_000)) {
      Thread lagSampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  if (b.measuring()) {
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
              "bench-lag-sampler");
      lagSampler.setDaemon(true);
      lagSampler.start();
      try {
        b.latency(stats, sampler);
      } finally {
        lagSampler.interrupt();
        lagSampler.join(1_000);
      }
      watcher.check();
      long drainStart = System.nanoTime();
      long target = watcher.lastPosition();
      while (runner.acknowledgedPosition() < target
          && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(60)) {
        Thread.sleep(5);
      }
      b.summary.put(
          "benchmark",
          String.format(
              "export: a log of %d one-task instances, then a search exporter attached"
                  + " to it (page size %d) against a fresh in-process OpenSearch node, timed to lag 0; then its lag under %.0f"
                  + " one-task PI/s for %d s after %d s warm-up (below: \"latency\" and the figures after it are the load's)",
              o.count, o.pageSize, o.rate, o.seconds, o.warmup));
      b.summary.put(
          "steady-state lag",
          String.format(
              "in records: p50 %d, p99 %d, max %d; in time (since the oldest"
                  + " record not yet exported was committed): p50 %d ms, p99 %d ms, max %d ms   (%d samples, every %d ms,"
                  + " in the window)",
              recordsLag.getValueAtPercentile(50),
              recordsLag.getValueAtPercentile(99),
              recordsLag.getMaxValue(),
              millisLag.getValueAtPercentile(50),
              millisLag.getValueAtPercentile(99),
              millisLag.getMaxValue(),
              recordsLag.getTotalCount(),
              SAMPLE_MILLIS));
      b.summary.put(
          "after the load",
          runner.acknowledgedPosition() >= target
              ? String.format(
                  "the exporter reached the log's end %.0f ms after the load stopped and drained",
                  (System.nanoTime() - drainStart) / 1e6)
              : "the exporter had NOT reached the log's end 60 s after the load (lag "
                  + runner.lag()
                  + " records)");
      b.summary.put("commit watcher", watcher.resolution());
    }
  }

  /** The search exporter with a stopwatch: pages, records, and the time its bulk requests take. */
  private static final class TimedExporter implements RecordExporter {
    final SearchRecordExporter delegate;
    final LongAdder records = new LongAdder();

    /** The records of the exported pages that the exporter's filter takes. */
    final LongAdder indexed = new LongAdder();

    final LongAdder pages = new LongAdder();
    final LongAdder bulkNanos = new LongAdder();
    volatile long firstExportNanos;
    volatile long openNanos;
    final int templates = life.suoke.ops.engine.record.ValueType.values().length + 1;

    TimedExporter(SearchRecordExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public void open() throws Exception {
      long start = System.nanoTime();
      delegate.open();
      openNanos = System.nanoTime() - start;
    }

    @Override
    public void export(List<Record> batch) throws Exception {
      long start = System.nanoTime();
      if (firstExportNanos == 0) {
        firstExportNanos = start;
      }
      delegate.export(batch);
      bulkNanos.add(System.nanoTime() - start);
      records.add(batch.size());
      indexed.add(batch.stream().filter(delegate.filter()::accepts).count());
      pages.increment();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}

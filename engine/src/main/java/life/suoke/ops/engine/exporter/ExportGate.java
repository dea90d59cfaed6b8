package life.suoke.ops.engine.exporter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import life.suoke.ops.engine.log.CommitTimes;

/**
 * Keeps the engine within a bounded distance of the exporters that must not fall behind (an audit
 * trail, for one): while the oldest record one of them has not yet taken was committed more than
 * {@code maxLag} ago, the engine takes no new commands; it still fires timers and hands out jobs,
 * and the commands wait in its queue (callers see a slower answer, not an error). This is flow
 * control, like a database that commits only as fast as its synchronous replica confirms: under a
 * load the exporter cannot follow, the engine slows to the exporter's pace instead of building a
 * backlog of history nobody has audited.
 *
 * <p>An exporter that is failing (its last attempt threw) does not hold the engine: a broken target
 * must not stop incidents from being paged. It catches up once it works again; its failures show in
 * its runner's {@link ExporterRunner#consecutiveFailures()}.
 */
public final class ExportGate {

  /** Which exporters bound the engine (by id) and how far behind they may fall. */
  public record Bound(List<String> exporterIds, Duration maxLag) {
    public Bound {
      exporterIds = List.copyOf(exporterIds);
      if (exporterIds.isEmpty()) {
        throw new IllegalArgumentException("a bound needs at least one exporter id");
      }
      if (maxLag == null || maxLag.isNegative() || maxLag.isZero()) {
        throw new IllegalArgumentException("maxLag must be positive: " + maxLag);
      }
    }
  }

  private final List<ExporterRunner> runners;
  private final CommitTimes commits;
  private final long lastBeforeStart;
  private final long maxLagNanos;
  private final LongAdder heldNanos = new LongAdder();

  /** When the engine began holding commands back, or -1; written by the processing thread only. */
  private volatile long heldSince = -1;

  /**
   * @param lastBeforeStart the log's last position when the engine started: records up to it were
   *     committed at an unknown time, before this process, so an exporter below it is too far
   *     behind
   */
  public ExportGate(
      List<ExporterRunner> runners, CommitTimes commits, long lastBeforeStart, Duration maxLag) {
    this.runners = List.copyOf(runners);
    this.commits = Objects.requireNonNull(commits, "commits");
    this.lastBeforeStart = lastBeforeStart;
    this.maxLagNanos = maxLag.toNanos();
  }

  /**
   * Whether the engine may take new commands now; asked by its processing thread before each batch.
   */
  public boolean admitsCommands() {
    long now = System.nanoTime();
    boolean admits = lagNanos(now) <= maxLagNanos;
    if (admits && heldSince >= 0) {
      heldNanos.add(now - heldSince);
      heldSince = -1;
    } else if (!admits && heldSince < 0) {
      heldSince = now;
    }
    return admits;
  }

  /**
   * How long ago the oldest record a bounding exporter has not yet taken was committed, in
   * nanoseconds; 0 when all are up to date, {@link Long#MAX_VALUE} when that record was committed
   * at an unknown time (before the engine started, or too long ago to remember).
   */
  public long lagNanos() {
    return lagNanos(System.nanoTime());
  }

  private long lagNanos(long now) {
    long last = Math.max(lastBeforeStart, commits.lastCommitted());
    long lag = 0;
    for (ExporterRunner runner : runners) {
      long acknowledged = runner.exportedPosition();
      if (acknowledged >= last || runner.consecutiveFailures() > 0) {
        continue;
      }
      long committed = commits.committedAt(acknowledged + 1);
      if (committed < 0) {
        return Long.MAX_VALUE;
      }
      lag = Math.max(lag, now - committed);
    }
    return lag;
  }

  /** Total time the engine has held new commands back for the exporters, in nanoseconds. */
  public long heldNanos() {
    long since = heldSince;
    return heldNanos.sum() + (since >= 0 ? System.nanoTime() - since : 0);
  }
}

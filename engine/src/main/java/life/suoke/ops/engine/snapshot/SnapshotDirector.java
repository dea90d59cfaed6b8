package life.suoke.ops.engine.snapshot;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import life.suoke.ops.engine.log.LogStorage;
import life.suoke.ops.engine.log.SnapshotInfo;
import life.suoke.ops.engine.processing.StreamProcessor;
import life.suoke.ops.engine.state.StateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps start time and the hot log independent of history: every period it has the processing
 * thread write its committed state as bytes ({@link StateSnapshot}), stores them durably in the
 * record log at their position ({@link LogStorage#saveSnapshot}), then moves the records that both
 * the snapshot and every exporter have passed to the log's archive ({@link LogStorage#compact}),
 * where no start reads them. The snapshot at shutdown is written by {@link #saveFinal} once the
 * processing thread and the exporters have stopped.
 *
 * <p>A crash at any point loses nothing: a snapshot is stored in one transaction (a start uses the
 * newest complete one, or replays the whole log), and compaction moves records in transactions that
 * each leave every record in exactly one of the two tables.
 */
public final class SnapshotDirector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnapshotDirector.class);

  private final LogStorage recordLog;
  private final StreamProcessor processor;
  private final LongSupplier exportedPosition;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final Object compactionLock = new Object();

  /** Position of the newest snapshot stored; written under lock. */
  private volatile long savedPosition;

  /**
   * @param exportedPosition the lowest position every exporter has acknowledged: records above it
   *     stay in the hot table
   * @param period how often to write a snapshot; zero for never but at shutdown
   */
  public SnapshotDirector(
      LogStorage recordLog,
      StreamProcessor processor,
      LongSupplier exportedPosition,
      Duration period) {
    this.recordLog = recordLog;
    this.processor = processor;
    this.exportedPosition = exportedPosition;
    this.savedPosition =
        recordLog.snapshots().stream().mapToLong(SnapshotInfo::position).max().orElse(0L);
    if (period.isZero()) {
      this.scheduler = null;
    } else {
      this.scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "suoke-engine-snapshots");
                t.setDaemon(true);
                return t;
              });
      long millis = period.toMillis();
      scheduler.scheduleWithFixedDelay(this::periodic, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  private void periodic() {
    try {
      takeSnapshot();
    } catch (RuntimeException e) {
      log.warn("Writing the periodic state snapshot failed; the next period tries again", e);
    }
  }

  /**
   * Writes a snapshot of the committed state now (unless nothing was committed since the last one)
   * and compacts the log below it; returns the position of the newest snapshot.
   */
  public long takeSnapshot() {
    long saved = writeAndStore();
    compact();
    return saved;
  }

  /**
   * Has the processing thread write the state and stores it; the image's bytes (as large as the
   * state) are garbage once this returns, not held while the log is compacted.
   */
  private long writeAndStore() {
    StateSnapshot.Image image;
    try {
      image = processor.snapshot().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the state was written", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the state could not be written: " + e.getCause(), e);
    }
    synchronized (lock) {
      save(image);
      return savedPosition;
    }
  }

  /**
   * Moves the records below both the newest snapshot and every exporter to the archive. It has a
   * lock of its own, so that a snapshot asked for meanwhile (or the one at shutdown) is stored
   * without waiting for a compaction that may take minutes: records at or below a stored snapshot
   * stay so whatever newer snapshots are stored, and a start reads the archive too.
   */
  private void compact() {
    synchronized (compactionLock) {
      long bound = Math.min(savedPosition, exportedPosition.getAsLong());
      long started = System.nanoTime();
      long moved = recordLog.compact(bound);
      if (moved > 0) {
        log.info(
            "Moved {} records up to position {} to the log's archive in {} ms",
            moved,
            bound,
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  /**
   * Stores the snapshot taken when the engine stopped (see {@link
   * StreamProcessor#stoppedSnapshot}), unless one at that position is stored already.
   */
  public void saveFinal(StateSnapshot.Image image) {
    synchronized (lock) {
      save(image);
    }
  }

  private void save(StateSnapshot.Image image) {
    if (image.position() <= savedPosition) {
      return;
    }
    long started = System.nanoTime();
    recordLog.saveSnapshot(image.position(), StateSnapshot.FORMAT, image.data());
    savedPosition = image.position();
    log.info(
        "State snapshot at position {} ({} KiB) written in {} ms, stored in {} ms",
        image.position(),
        image.data().length / 1024,
        image.writeMillis(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Stops the periodic snapshots, waiting for one under way. */
  @Override
  public void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("A periodic state snapshot did not end within a minute of the engine stopping");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

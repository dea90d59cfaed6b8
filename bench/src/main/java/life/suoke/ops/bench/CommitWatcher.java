package life.suoke.ops.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Watches the record log's commit progress on the wall clock: a thread of its own polls the highest
 * committed position ({@code max(position)}, an index lookup; rows of a transaction still in
 * progress are invisible to it) every few milliseconds on a connection of its own, and keeps each
 * poll at which the position moved. {@link #visibleAt} then tells, for any position, the first poll
 * that saw it committed.
 *
 * <p>This is what "when did the engine fire this timer" means with a pinned clock, where every
 * record carries the pinned instant as its timestamp: a record has happened, for anybody outside
 * the engine, when its transaction is committed. The time kept is when the poll was sent (its
 * snapshot is taken just after), so a position committed between two polls is dated by the later
 * one: the error is one polling interval plus one round trip, reported by {@link #resolution()}.
 */
final class CommitWatcher implements AutoCloseable {

  private final Connection c;
  private final PreparedStatement lastPosition;
  private final long intervalNanos;
  private final Thread thread;
  private final Histogram roundTripMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 2);
  private volatile boolean running = true;
  private volatile long last;
  private volatile SQLException failure;
  private long[] nanos = new long[4096];
  private long[] positions = new long[4096];
  private int moves;
  private long polls;
  private long firstPollNanos = -1;
  private long lastPollNanos;

  CommitWatcher(String jdbcUrl, String user, String schema, long intervalMillis)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("ApplicationName", "suoke-bench-commit-watcher");
    this.c = DriverManager.getConnection(jdbcUrl, props);
    this.c.setAutoCommit(true);
    this.lastPosition =
        c.prepareStatement("SELECT coalesce(max(position), 0) FROM \"" + schema + "\".record");
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.last = query();
    this.thread = new Thread(this::loop, "bench-commit-watcher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private long query() throws SQLException {
    try (ResultSet rs = lastPosition.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void loop() {
    while (running) {
      long sent = System.nanoTime();
      long position;
      try {
        position = query();
      } catch (SQLException e) {
        failure = e;
        return;
      }
      long back = System.nanoTime();
      synchronized (this) {
        if (firstPollNanos < 0) {
          firstPollNanos = sent;
        }
        lastPollNanos = sent;
        polls++;
        roundTripMicros.recordValue(
            Math.min((back - sent) / 1_000, roundTripMicros.getHighestTrackableValue()));
        if (position > last) {
          if (moves == nanos.length) {
            nanos = Arrays.copyOf(nanos, moves * 2);
            positions = Arrays.copyOf(positions, moves * 2);
          }
          nanos[moves] = sent;
          positions[moves] = position;
          moves++;
          last = position;
        }
      }
      long wait = sent + intervalNanos - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  /** The highest committed position seen by the last poll. */
  long lastPosition() {
    return last;
  }

  /**
   * The nanoTime of the first poll that found the position committed, or -1 if none has yet (or the
   * position was committed before the watcher started).
   */
  synchronized long visibleAt(long position) {
    int lo = 0;
    int hi = moves - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (positions[mid] >= position) {
        found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found < 0 ? -1 : nanos[found];
  }

  /** How fine the dating is: the polling interval actually achieved, and the polls' round trips. */
  synchronized String resolution() {
    double meanInterval =
        polls > 1 ? (lastPollNanos - firstPollNanos) / 1e6 / (polls - 1) : Double.NaN;
    return String.format(
        "log position polled %d times, every %.1f ms on average (asked: %.0f ms); poll round trip"
            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        polls,
        meanInterval,
        intervalNanos / 1e6,
        roundTripMicros.getValueAtPercentile(50) / 1000.0,
        roundTripMicros.getValueAtPercentile(99) / 1000.0,
        roundTripMicros.getMaxValue() / 1000.0);
  }

  void check() throws SQLException {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing
    }
  }
}

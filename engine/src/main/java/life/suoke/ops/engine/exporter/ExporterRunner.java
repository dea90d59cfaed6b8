package life.suoke.ops.engine.exporter;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import life.suoke.ops.engine.log.LogStorage;
import life.suoke.ops.engine.record.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link RecordExporter}: a thread of its own reads the log in pages from the exporter's
 * durable position and hands each page to the exporter. It acknowledges the last position the
 * exporter took at most once per {@code acknowledgeInterval}, busy or caught up (a runner that has
 * caught up acknowledges when the interval ends, unless new records came first): under load, a page
 * per engine commit would otherwise be a commit of its own for each exporter. A failure (of the
 * read, the export or the acknowledgement) is retried with exponential back-off and the same
 * records; the position only moves past a page the exporter has taken, so no record is ever
 * skipped. A crash delivers again what was exported after the last acknowledgement (at-least-once:
 * exporters write idempotently); after an acknowledgement, no record at or below it is delivered
 * again.
 */
public final class ExporterRunner implements AutoCloseable {

  /**
   * @param pageSize most records handed to one {@code export} call
   * @param idleWait the longest pause before looking at the log again when it had nothing new (a
   *     commit of this process ends it at once)
   * @param initialBackoff pause after the first failure in a row; doubles with each further one
   * @param maxBackoff the longest pause between retries
   * @param acknowledgeInterval the shortest time between two acknowledgements, and the longest that
   *     exported records stay unacknowledged (zero: after every page)
   */
  public record Settings(
      int pageSize,
      Duration idleWait,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration acknowledgeInterval) {

    /**
     * Pages of 1,000; idle up to a second (the next commit wakes the runner sooner); back-off 200
     * ms doubling to 30 s: quick after a blip, and about two attempts a minute when a target is
     * down; acknowledged at least once a second while busy.
     */
    public static final Settings DEFAULT =
        new Settings(
            1_000,
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1));

    /** These settings, acknowledged at least once a second while busy. */
    public Settings(int pageSize, Duration idleWait, Duration initialBackoff, Duration maxBackoff) {
      this(pageSize, idleWait, initialBackoff, maxBackoff, Duration.ofSeconds(1));
    }

    public Settings {
      if (pageSize <= 0) {
        throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
      }
      if (initialBackoff.isNegative()
          || initialBackoff.isZero()
          || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("back-off must be positive and not above its maximum");
      }
      if (acknowledgeInterval == null || acknowledgeInterval.isNegative()) {
        throw new IllegalArgumentException(
            "acknowledgeInterval must not be negative: " + acknowledgeInterval);
      }
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ExporterRunner.class);

  private final LogStorage recordLog;
  private final RecordExporter exporter;
  private final Settings settings;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long acknowledged;
  private volatile int consecutiveFailures;

  /** Last position the exporter took; written by the runner's thread only. */
  private volatile long exported;

  /** When the runner last acknowledged (System.nanoTime); thread-confined. */
  private long acknowledgedAt = System.nanoTime();

  private boolean closed;

  private ExporterRunner(
      LogStorage recordLog, RecordExporter exporter, Settings settings, long acknowledged) {
    this.recordLog = recordLog;
    this.exporter = exporter;
    this.settings = settings;
    this.acknowledged = acknowledged;
    this.exported = acknowledged;
    this.thread = new Thread(this::run, "suoke-exporter-" + exporter.id());
    this.thread.setDaemon(true);
  }

  /** Starts feeding the exporter from its acknowledged position with the default settings. */
  public static ExporterRunner start(LogStorage recordLog, RecordExporter exporter) {
    return start(recordLog, exporter, Settings.DEFAULT);
  }

  /** Starts feeding the exporter from its acknowledged position. */
  public static ExporterRunner start(
      LogStorage recordLog, RecordExporter exporter, Settings settings) {
    Objects.requireNonNull(exporter, "exporter");
    long position = recordLog.exporterPosition(exporter.id());
    ExporterRunner runner =
        new ExporterRunner(
            recordLog, exporter, Objects.requireNonNull(settings, "settings"), position);
    runner.thread.start();
    return runner;
  }

  public String id() {
    return exporter.id();
  }

  /**
   * The last position the log holds as exported (durably acknowledged); every record up to it has
   * been exported, and a restart resumes after it.
   */
  public long acknowledgedPosition() {
    return acknowledged;
  }

  /**
   * The last position the exporter has taken (its {@code export} returned), at or above {@link
   * #acknowledgedPosition()}: what the exporter's target already holds.
   */
  public long exportedPosition() {
    return exported;
  }

  /**
   * Records in the log not yet acknowledged by the exporter: the log's last position minus {@link
   * #acknowledgedPosition()}.
   */
  public long lag() {
    return Math.max(0, recordLog.lastPosition() - acknowledged);
  }

  /** Failed attempts since the last success; 0 while the exporter keeps up. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  private void run() {
    long backoff = settings.initialBackoff().toMillis();
    boolean opened = false;
    while (running) {
      try {
        if (!opened) {
          exporter.open();
          opened = true;
        }
        int exportedNow = step();
        if (exportedNow == 0) {
          // Woken by the next commit, or when the acknowledgement is due; the idle wait only
          // bounds how long a record that was not noted (none in this process) could go unseen.
          long waitMillis = settings.idleWait().toMillis();
          if (exported > acknowledged) {
            waitMillis = Math.min(waitMillis, Math.max(1, nanosUntilAcknowledgement() / 1_000_000));
          }
          recordLog.commitTimes().awaitCommittedAbove(exported, waitMillis);
        } else if (exportedNow < settings.pageSize()
            && exportedNow >= exporter.batchDelayFrom()
            && !exporter.batchDelay().isZero()) {
          // caught up: let the next batch gather
          Thread.sleep(exporter.batchDelay().toMillis());
        }
        consecutiveFailures = 0;
        backoff = settings.initialBackoff().toMillis();
      } catch (Exception e) {
        if (!running) {
          return;
        }
        int failures = ++consecutiveFailures;
        // The stack once per outage; afterwards one line per attempt is enough to follow it.
        if (failures == 1) {
          log.warn(
              "Exporter {} failed after position {}; retrying in {} ms",
              id(),
              acknowledged,
              backoff,
              e);
        } else {
          log.warn(
              "Exporter {} failed {} times in a row after position {} ({}); retrying in {} ms",
              id(),
              failures,
              acknowledged,
              e.toString(),
              backoff);
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
      }
    }
  }

  /**
   * One page exported: the number of its records, or 0 when the log had nothing new after what the
   * exporter took. Either way the runner acknowledges what the exporter took once the interval
   * since its last acknowledgement has passed.
   */
  private int step() throws Exception {
    List<Record> page =
        exporter.readsTypedValues()
            ? recordLog.readWritten(exported, settings.pageSize())
            : recordLog.read(exported, settings.pageSize());
    if (!page.isEmpty()) {
      exporter.export(page);
      exported = page.get(page.size() - 1).position();
    }
    if (exported > acknowledged && nanosUntilAcknowledgement() == 0) {
      acknowledge(exported);
    }
    return page.size();
  }

  /** How long until the next acknowledgement is due; 0 when it is. */
  private long nanosUntilAcknowledgement() {
    long due = acknowledgedAt + settings.acknowledgeInterval().toNanos();
    return Math.max(0, due - System.nanoTime());
  }

  private void acknowledge(long position) {
    recordLog.acknowledge(id(), position);
    acknowledged = position;
    acknowledgedAt = System.nanoTime();
  }

  /**
   * Stops the thread (waiting for a page in flight, up to 10 s), acknowledges what the exporter
   * took, then closes the exporter.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive() && exported > acknowledged) {
      try {
        acknowledge(exported); // what was exported is not delivered again after a restart
      } catch (RuntimeException e) {
        log.warn("Exporter {} could not acknowledge position {} when closing", id(), exported, e);
      }
    }
    try {
      exporter.close();
    } catch (RuntimeException e) {
      log.warn("Exporter {} did not close cleanly", id(), e);
    }
  }
}

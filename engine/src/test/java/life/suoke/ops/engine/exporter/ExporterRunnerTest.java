package life.suoke.ops.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner's guarantees against a real log: retries with back-off, no gap, nothing delivered
 * again once acknowledged.
 */
class ExporterRunnerTest {

  static final ExporterRunner.Settings FAST =
      new ExporterRunner.Settings(
          10,
          Duration.ofMillis(5),
          Duration.ofMillis(20),
          Duration.ofMillis(80),
          Duration.ofMillis(50));

  RecordLog recordLog;

  @BeforeEach
  void openLog() {
    recordLog = new RecordLog(TestPostgres.newDatabase(ExporterRunnerTest.class).dataSource());
    recordLog.migrate();
  }

  @AfterEach
  void closeLog() {
    recordLog.close();
  }

  @Test
  void retriesFailedBatchesWithGrowingBackOffAndDeliversEveryRecordExactlyOnceInOrder() {
    append(1, 25);
    // Three failures on the first page, two more in the middle of the log.
    FlakyExporter exporter = new FlakyExporter("flaky", Map.of(1L, 3, 11L, 2));

    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 25);
      assertThat(runner.lag()).isZero();
      assertThat(runner.consecutiveFailures()).isZero();
    }

    assertThat(exporter.failedBatchStarts).containsExactly(1L, 1L, 1L, 11L, 11L);
    assertThat(exporter.deliveredPositions()).containsExactlyElementsOf(range(1, 25));
    // Each successful batch starts right after the one before: nothing acknowledged comes again.
    assertThat(exporter.delivered).extracting(b -> b.get(0)).containsExactly(1L, 11L, 21L);
    assertThat(recordLog.exporterPosition("flaky")).isEqualTo(25);
    // 20 ms doubling to 80 ms between the three failures in a row on the first page.
    List<Long> attempts = exporter.attemptMillis;
    assertThat(attempts.get(1) - attempts.get(0)).isGreaterThanOrEqualTo(20);
    assertThat(attempts.get(2) - attempts.get(1)).isGreaterThanOrEqualTo(40);
    assertThat(attempts.get(3) - attempts.get(2)).isGreaterThanOrEqualTo(80);
    assertThat(exporter.closed).isTrue();
  }

  @Test
  void anIdleRunnerWakesWithTheNextCommitRatherThanItsIdleWait() {
    append(1, 3);
    FlakyExporter exporter = new FlakyExporter("woken", Map.of());
    ExporterRunner.Settings idleForAnHour =
        new ExporterRunner.Settings(
            10, Duration.ofHours(1), Duration.ofMillis(20), Duration.ofMillis(80));
    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, idleForAnHour)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 3);
      append(4, 6);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 6);
      append(7, 7);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 7);
    }
    assertThat(exporter.deliveredPositions()).containsExactlyElementsOf(range(1, 7));
  }

  @Test
  void followsNewRecordsAndResumesAfterItsAcknowledgedPosition() {
    append(1, 12);
    FlakyExporter first = new FlakyExporter("resuming", Map.of());
    try (ExporterRunner runner = ExporterRunner.start(recordLog, first, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 12);
      append(13, 17);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 17);
    }
    assertThat(first.deliveredPositions()).containsExactlyElementsOf(range(1, 17));

    append(18, 30);
    FlakyExporter second = new FlakyExporter("resuming", Map.of(18L, 1));
    try (ExporterRunner runner = ExporterRunner.start(recordLog, second, FAST)) {
      assertThat(runner.acknowledgedPosition()).isEqualTo(17);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 30);
    }
    assertThat(second.deliveredPositions()).containsExactlyElementsOf(range(18, 30));

    // Another id has a position of its own and starts from the beginning.
    FlakyExporter other = new FlakyExporter("other", Map.of());
    try (ExporterRunner runner = ExporterRunner.start(recordLog, other, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 30);
    }
    assertThat(other.deliveredPositions()).containsExactlyElementsOf(range(1, 30));
  }

  /** Pages of ten, quick back-off, the given idle wait and acknowledgement interval. */
  static ExporterRunner.Settings pagesOfTen(Duration idleWait, Duration acknowledgeInterval) {
    return new ExporterRunner.Settings(
        10, idleWait, Duration.ofMillis(20), Duration.ofMillis(80), acknowledgeInterval);
  }

  @Test
  void aRunnerAcknowledgesAtMostOncePerIntervalBusyOrCaughtUp() {
    append(1, 40);
    FlakyExporter exporter = new FlakyExporter("busy", Map.of());
    exporter.durablePositions = recordLog;
    ExporterRunner.Settings acknowledgedHourly =
        pagesOfTen(Duration.ofMillis(5), Duration.ofHours(1));
    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, acknowledgedHourly)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.exportedPosition() == 40);
      // Four pages taken one after the other, and nothing acknowledged, caught up or not, before
      // the interval has passed (an hour here): the close acknowledges.
      assertThat(exporter.delivered).extracting(b -> b.get(0)).containsExactly(1L, 11L, 21L, 31L);
      assertThat(exporter.durableAtExport).containsExactly(0L, 0L, 0L, 0L);
      assertThat(runner.acknowledgedPosition()).isZero();
      assertThat(recordLog.exporterPosition("busy")).isZero();
    }
    assertThat(recordLog.exporterPosition("busy")).isEqualTo(40);

    // A runner that has caught up acknowledges when its interval ends, with no new record.
    append(41, 45);
    FlakyExporter caughtUp = new FlakyExporter("busy", Map.of());
    caughtUp.durablePositions = recordLog;
    ExporterRunner.Settings acknowledgedQuickly =
        pagesOfTen(Duration.ofSeconds(30), Duration.ofMillis(200));
    try (ExporterRunner runner = ExporterRunner.start(recordLog, caughtUp, acknowledgedQuickly)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 45);
      assertThat(recordLog.exporterPosition("busy")).isEqualTo(45);
    }
    assertThat(caughtUp.durableAtExport).containsExactly(40L);

    // Every page, when the interval is zero.
    append(46, 70);
    FlakyExporter eager = new FlakyExporter("busy", Map.of());
    eager.durablePositions = recordLog;
    ExporterRunner.Settings everyPage = pagesOfTen(Duration.ofMillis(5), Duration.ZERO);
    try (ExporterRunner runner = ExporterRunner.start(recordLog, eager, everyPage)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 70);
    }
    assertThat(eager.durableAtExport).containsExactly(45L, 55L, 65L);
  }

  @Test
  void anExporterThatCannotOpenIsRetriedAndReportsItsLag() {
    append(1, 5);
    FlakyExporter exporter = new FlakyExporter("late-target", Map.of());
    exporter.openFailures = 2;
    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, FAST)) {
      assertThat(runner.lag()).isEqualTo(5);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 5);
      assertThat(exporter.openAttempts).isEqualTo(3);
    }
    assertThat(exporter.deliveredPositions()).containsExactlyElementsOf(range(1, 5));
  }

  @Test
  void aBatchDelayGathersRecordsThatArriveOneByOneIntoOneBatch() throws Exception {
    append(1, 1);
    FlakyExporter exporter = new FlakyExporter("gathering", Map.of());
    exporter.delay = Duration.ofMillis(600);
    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.exportedPosition() == 1);
      // the runner now waits the delay: records arriving meanwhile go out together
      for (long p = 2; p <= 6; p++) {
        append(p, p);
        Thread.sleep(20);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 6);
    }
    assertThat(exporter.delivered).containsExactly(List.of(1L), List.of(2L, 3L, 4L, 5L, 6L));

    // without a delay the same arrivals go out as they come (the runner looks again every 5 ms)
    FlakyExporter eager = new FlakyExporter("eager", Map.of());
    append(7, 7);
    try (ExporterRunner runner = ExporterRunner.start(recordLog, eager, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 7);
      for (long p = 8; p <= 10; p++) {
        append(p, p);
        long position = p;
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> runner.acknowledgedPosition() == position);
      }
    }
    assertThat(eager.delivered).hasSizeGreaterThanOrEqualTo(4);
    assertThat(eager.deliveredPositions()).containsExactlyElementsOf(range(1, 10));
  }

  @Test
  void aBatchDelayFromAPageSizeGathersOnlyAfterPagesThatLarge() throws Exception {
    FlakyExporter exporter = new FlakyExporter("busy-only", Map.of());
    exporter.delay = Duration.ofMillis(600);
    exporter.delayFrom = 3;
    append(1, 1);
    try (ExporterRunner runner = ExporterRunner.start(recordLog, exporter, FAST)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.exportedPosition() == 1);
      // a light load: single records go out one by one, as they come
      for (long p = 2; p <= 3; p++) {
        append(p, p);
        long position = p;
        await().atMost(Duration.ofSeconds(20)).until(() -> runner.exportedPosition() == position);
      }
      // a heavy one: a page of three (the threshold) makes the runner wait, and what arrives
      // meanwhile goes out together
      append(4, 6);
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.exportedPosition() == 6);
      for (long p = 7; p <= 9; p++) {
        append(p, p);
        Thread.sleep(20);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> runner.acknowledgedPosition() == 9);
    }
    assertThat(exporter.delivered)
        .containsExactly(
            List.of(1L), List.of(2L), List.of(3L), List.of(4L, 5L, 6L), List.of(7L, 8L, 9L));
  }

  private void append(long from, long to) {
    List<Record> batch = new ArrayList<>();
    for (long p = from; p <= to; p++) {
      batch.add(
          new Record(
              Record.PARTITION_ID,
              p,
              -1,
              p,
              1_730_000_000_000L + p,
              RecordType.EVENT,
              ValueType.JOB,
              JobIntent.CREATED,
              RejectionType.NULL_VAL,
              "",
              Record.BROKER_VERSION,
              Map.of("type", "test")));
    }
    recordLog.append(batch);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** Fails a given number of times for a batch starting at a given position, then takes it. */
  static final class FlakyExporter implements RecordExporter {
    final String id;
    final Map<Long, Integer> failuresLeft;
    final List<List<Long>> delivered = new CopyOnWriteArrayList<>();
    final List<Long> failedBatchStarts = new CopyOnWriteArrayList<>();
    final List<Long> attemptMillis = new CopyOnWriteArrayList<>();
    final List<Long> durableAtExport = new CopyOnWriteArrayList<>();
    volatile RecordLog durablePositions;
    volatile int openFailures;
    volatile int openAttempts;
    volatile boolean closed;
    volatile Duration delay = Duration.ZERO;
    volatile int delayFrom = 1;

    FlakyExporter(String id, Map<Long, Integer> failures) {
      this.id = id;
      this.failuresLeft = new HashMap<>(failures);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void open() {
      openAttempts++;
      if (openFailures-- > 0) {
        throw new IllegalStateException("target not reachable yet");
      }
    }

    @Override
    public void export(List<Record> batch) {
      attemptMillis.add(System.nanoTime() / 1_000_000);
      long start = batch.get(0).position();
      int left = failuresLeft.getOrDefault(start, 0);
      if (left > 0) {
        failuresLeft.put(start, left - 1);
        failedBatchStarts.add(start);
        throw new IllegalStateException("target down");
      }
      delivered.add(batch.stream().map(Record::position).toList());
      if (durablePositions != null) {
        durableAtExport.add(durablePositions.exporterPosition(id));
      }
    }

    List<Long> deliveredPositions() {
      return delivered.stream().flatMap(List::stream).toList();
    }

    @Override
    public Duration batchDelay() {
      return delay;
    }

    @Override
    public int batchDelayFrom() {
      return delayFrom;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}

package life.suoke.ops.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.log.CommitTimes;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The export bound: new commands wait while a bounding exporter is too far behind, and go on when
 * it catches up; a failing exporter does not hold the engine.
 */
class ExportGateTest {

  static final byte[] PROCESS =
      Bpmn.convertToString(
              Bpmn.createExecutableProcess("gated")
                  .startEvent()
                  .serviceTask("work", t -> t.zeebeJobType("gated-work"))
                  .endEvent()
                  .done())
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void newCommandsWaitWhileTheBoundingExporterIsBehindAndGoOnOnceItCatchesUp() throws Exception {
    HeldExporter audit = new HeldExporter("audit");
    EngineConfig config =
        EngineConfig.of(TestPostgres.newDatabase(ExportGateTest.class).dataSource())
            .withExportBound(new ExportGate.Bound(List.of("audit"), Duration.ofMillis(200)));
    try (Engine engine = Engine.start(config, List.of(audit))) {
      EngineApi api = engine.api();
      ExportGate gate = engine.exportGate().orElseThrow();
      api.deploy(List.of(new EngineApi.Resource("gated.bpmn", PROCESS)), "<default>").join();
      await().atMost(Duration.ofSeconds(10)).until(() -> gate.lagNanos() == 0);
      assertThat(gate.heldNanos()).isZero();

      audit.held = true;
      api.createProcessInstance(-1, "gated", -1, Map.of(), "<default>").get(10, TimeUnit.SECONDS);
      // The instance's records are not exported: once they are older than the bound, commands wait.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> gate.lagNanos() > Duration.ofMillis(200).toNanos());
      CompletableFuture<ProcessInstanceCreated> waiting =
          api.createProcessInstance(-1, "gated", -1, Map.of(), "<default>");
      Thread.sleep(1_000);
      assertThat(waiting).isNotDone();
      assertThat(gate.heldNanos()).isGreaterThan(0);

      audit.held = false;
      assertThat(waiting.get(10, TimeUnit.SECONDS).processInstanceKey()).isPositive();
      await().atMost(Duration.ofSeconds(10)).until(() -> gate.lagNanos() == 0);
      long held = gate.heldNanos();
      api.createProcessInstance(-1, "gated", -1, Map.of(), "<default>").get(10, TimeUnit.SECONDS);
      assertThat(gate.heldNanos()).isEqualTo(held);
    }
  }

  @Test
  void aFailingExporterDoesNotHoldTheEngine() throws Exception {
    FailingExporter broken = new FailingExporter("audit");
    EngineConfig config =
        EngineConfig.of(TestPostgres.newDatabase(ExportGateTest.class).dataSource())
            .withExportBound(new ExportGate.Bound(List.of("audit"), Duration.ofMillis(100)));
    try (Engine engine = Engine.start(config, List.of(broken))) {
      EngineApi api = engine.api();
      api.deploy(List.of(new EngineApi.Resource("gated.bpmn", PROCESS)), "<default>").join();
      ExporterRunner runner = engine.exporters().get(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> runner.consecutiveFailures() > 0);
      for (int i = 0; i < 5; i++) {
        Thread.sleep(150);
        assertThat(
                api.createProcessInstance(-1, "gated", -1, Map.of(), "<default>")
                    .get(5, TimeUnit.SECONDS)
                    .processInstanceKey())
            .isPositive();
      }
      assertThat(runner.acknowledgedPosition()).isZero();
      assertThat(broken.attempts.get()).isGreaterThan(0);
    }
  }

  @Test
  void aBoundMustNameAStartedExporter() {
    EngineConfig config =
        EngineConfig.of(TestPostgres.newDatabase(ExportGateTest.class).dataSource())
            .withExportBound(new ExportGate.Bound(List.of("nobody"), Duration.ofMillis(100)));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Engine.start(config, List.of(new HeldExporter("audit"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody");
  }

  @Test
  void commitTimesAnswerForTheBatchThatHoldsAPositionAndNothingBeforeTheFirstOrAfterTheLast() {
    CommitTimes times = new CommitTimes();
    assertThat(times.lastCommitted()).isEqualTo(-1);
    assertThat(times.committedAt(1)).isEqualTo(-1);
    times.committed(11, 20, 1_000);
    times.committed(21, 25, 2_000);
    times.committed(30, 31, 3_000); // 26..29 were never written (a rolled-back batch)
    assertThat(times.lastCommitted()).isEqualTo(31);
    assertThat(times.committedAt(10)).as("committed before the first batch noted").isEqualTo(-1);
    assertThat(times.committedAt(11)).isEqualTo(1_000);
    assertThat(times.committedAt(20)).isEqualTo(1_000);
    assertThat(times.committedAt(21)).isEqualTo(2_000);
    assertThat(times.committedAt(27)).as("no record there: the next batch").isEqualTo(3_000);
    assertThat(times.committedAt(31)).isEqualTo(3_000);
    assertThat(times.committedAt(32)).as("not yet committed").isEqualTo(-1);
  }

  /** Exports at once unless held, then waits until let go. */
  static final class HeldExporter implements RecordExporter {
    private final String id;
    volatile boolean held;

    HeldExporter(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void export(List<Record> batch) throws InterruptedException {
      while (held) {
        Thread.sleep(5);
      }
    }

    @Override
    public void close() {}
  }

  /** Fails every page. */
  static final class FailingExporter implements RecordExporter {
    private final String id;
    final AtomicInteger attempts = new AtomicInteger();

    FailingExporter(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void export(List<Record> batch) {
      attempts.incrementAndGet();
      throw new IllegalStateException("the target is down");
    }

    @Override
    public void close() {}
  }
}

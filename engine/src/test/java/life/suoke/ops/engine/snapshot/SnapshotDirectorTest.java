package life.suoke.ops.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.log.InMemoryLogStorage;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.EngineCommands;
import life.suoke.ops.engine.processing.StreamProcessor;
import life.suoke.ops.engine.testsupport.ForwardingLogStorage;
import org.junit.jupiter.api.Test;

/** A snapshot is stored without waiting for a compaction under way. */
class SnapshotDirectorTest {

  @Test
  void aSnapshotIsStoredWhileTheLogIsBeingCompacted() throws Exception {
    CountDownLatch compacting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SlowCompaction log = new SlowCompaction(new InMemoryLogStorage(), compacting, release);
    StreamProcessor processor =
        new StreamProcessor(log, new BpmnTransformer(), () -> 1_796_342_400_000L);
    EngineApi api = new EngineCommands(processor);
    SnapshotDirector director =
        new SnapshotDirector(log, processor, log::lastPosition, Duration.ZERO);
    try {
      deploy(api, "first");
      CompletableFuture<Long> first = CompletableFuture.supplyAsync(director::takeSnapshot);
      assertThat(compacting.await(10, TimeUnit.SECONDS)).isTrue();
      long firstPosition = log.snapshots().get(0).position();

      deploy(api, "second");
      CompletableFuture<Long> second = CompletableFuture.supplyAsync(director::takeSnapshot);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (log.snapshots().stream().noneMatch(s -> s.position() > firstPosition)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // stored while the first compaction still holds on
      assertThat(log.snapshots()).anyMatch(s -> s.position() > firstPosition);
      assertThat(first).isNotDone();

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(firstPosition);
      assertThat(second.get(10, TimeUnit.SECONDS)).isGreaterThan(firstPosition);
      assertThat(log.archivedUpTo()).isGreaterThanOrEqualTo(firstPosition);
    } finally {
      release.countDown();
      director.close();
      processor.close();
    }
  }

  private static void deploy(EngineApi api, String id) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(bytes, Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    api.deploy(List.of(new EngineApi.Resource(id + ".bpmn", bytes.toByteArray())), "<default>")
        .get(10, TimeUnit.SECONDS);
  }

  /** An in-memory log whose compaction waits until released, outside the log's own monitor. */
  private static final class SlowCompaction extends ForwardingLogStorage {
    private final CountDownLatch compacting;
    private final CountDownLatch release;

    SlowCompaction(InMemoryLogStorage log, CountDownLatch compacting, CountDownLatch release) {
      super(log);
      this.compacting = compacting;
      this.release = release;
    }

    @Override
    public long compact(long upToInclusive) {
      compacting.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.compact(upToInclusive);
    }
  }
}

package life.suoke.ops.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.log.InMemoryLogStorage;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.testsupport.ForwardingLogStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipelined commit: the next batch is processed while one commits, nothing is answered before
 * its batch is committed, and a failed commit rolls back that batch and the one processed
 * meanwhile.
 */
class PipelinedCommitTest {

  GatedLog log;
  StreamProcessor processor;
  EngineApi api;

  @BeforeEach
  void start() throws Exception {
    log = new GatedLog(new InMemoryLogStorage());
    processor = new StreamProcessor(log, new BpmnTransformer(), () -> 1_796_342_400_000L);
    api = new EngineCommands(processor);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(
        bytes, Bpmn.createExecutableProcess("p").startEvent().userTask("t").endEvent().done());
    api.deploy(List.of(new EngineApi.Resource("p.bpmn", bytes.toByteArray())), "<default>")
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    log.release();
    processor.close();
  }

  private CompletableFuture<ProcessInstanceCreated> create() {
    return api.createProcessInstance(-1, "p", -1, Map.of(), "<default>");
  }

  @Test
  void theNextBatchIsProcessedWhileOneCommitsAndEachIsAnsweredAfterItsCommit() throws Exception {
    log.hold();
    CompletableFuture<ProcessInstanceCreated> first = create();
    assertThat(log.writing.await(10, TimeUnit.SECONDS)).isTrue();
    long preparedBefore = log.prepared.size();

    CompletableFuture<ProcessInstanceCreated> second = create();
    // processed and made ready while the first batch's commit still waits
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.prepared.size() == preparedBefore && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(log.prepared).hasSize((int) preparedBefore + 1);
    Thread.sleep(100);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(log.written).hasSize(1); // the deployment's batch only

    log.release();
    long firstKey = first.get(10, TimeUnit.SECONDS).processInstanceKey();
    long secondKey = second.get(10, TimeUnit.SECONDS).processInstanceKey();
    assertThat(secondKey).isGreaterThan(firstKey);
    // committed in order, one batch after the other, positions following each other
    List<Long> firstPositions = new ArrayList<>();
    for (List<Record> batch : log.written) {
      firstPositions.add(batch.get(0).position());
    }
    assertThat(firstPositions).isSorted();
    assertThat(log.written.stream().flatMap(List::stream).map(Record::position).toList())
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void aFailedCommitRollsBackItsBatchAndTheOneProcessedMeanwhile() throws Exception {
    long committedBefore = log.lastPosition();
    log.hold();
    log.failNext.set(true);
    CompletableFuture<ProcessInstanceCreated> first = create();
    assertThat(log.writing.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<ProcessInstanceCreated> second = create();
    Thread.sleep(200); // the second is processed on the state the first left
    log.release();

    for (CompletableFuture<ProcessInstanceCreated> answer : List.of(first, second)) {
      assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("could not be committed");
    }
    assertThat(log.lastPosition()).isEqualTo(committedBefore);

    // the state was rebuilt from the log: the next instance takes the positions and keys up again
    ProcessInstanceCreated third = create().get(10, TimeUnit.SECONDS);
    assertThat(third.processInstanceKey()).isPositive();
    assertThat(log.written.get(log.written.size() - 1).get(0).position())
        .isEqualTo(committedBefore + 1);
  }

  @Test
  void aSnapshotHoldsOnlyCommittedEvents() throws Exception {
    log.hold();
    CompletableFuture<ProcessInstanceCreated> first = create();
    assertThat(log.writing.await(10, TimeUnit.SECONDS)).isTrue();
    var image = processor.snapshot();
    Thread.sleep(100);
    assertThat(image).as("waits for the batch in flight").isNotDone();
    log.release();
    first.get(10, TimeUnit.SECONDS);
    assertThat(image.get(10, TimeUnit.SECONDS).position()).isEqualTo(log.lastPosition());
  }

  /** An in-memory log whose writes can be held at a gate, and made to fail once. */
  static final class GatedLog extends ForwardingLogStorage {
    final List<List<Record>> prepared = new CopyOnWriteArrayList<>();
    final List<List<Record>> written = new CopyOnWriteArrayList<>();
    final AtomicBoolean failNext = new AtomicBoolean();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile CountDownLatch writing = new CountDownLatch(1);

    GatedLog(InMemoryLogStorage log) {
      super(log);
    }

    void hold() {
      writing = new CountDownLatch(1);
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public PreparedBatch prepare(List<Record> batch) {
      List<Record> copy = List.copyOf(batch);
      prepared.add(copy);
      return () -> {
        writing.countDown();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (failNext.getAndSet(false)) {
          throw new IllegalStateException("the database went away");
        }
        append(copy);
      };
    }

    @Override
    public void append(List<Record> batch) {
      super.append(batch);
      written.add(batch);
    }
  }
}

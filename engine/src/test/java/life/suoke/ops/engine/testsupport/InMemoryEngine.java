package life.suoke.ops.engine.testsupport;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.log.InMemoryLogStorage;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.EngineCommands;
import life.suoke.ops.engine.processing.StreamProcessor;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.snapshot.SnapshotDirector;

/**
 * The processing loop, its processors and the state on an {@link InMemoryLogStorage}: no
 * PostgreSQL, no gateways, no exporters. Commands go through {@link EngineApi} as the gateways send
 * them; the clock is a test's {@link AtomicLong}. A restart opens a new loop on the same records
 * (from the newest snapshot, if one was taken). For fast tests of processors and appliers;
 * durability is tested against PostgreSQL elsewhere.
 */
public final class InMemoryEngine implements AutoCloseable {

  private final InMemoryLogStorage log;
  private final AtomicLong clock;
  private final StreamProcessor processor;
  private final EngineApi api;
  private final SnapshotDirector snapshots;

  private InMemoryEngine(InMemoryLogStorage log, AtomicLong clock) {
    this.log = log;
    this.clock = clock;
    this.processor = new StreamProcessor(log, new BpmnTransformer(), clock::get);
    this.api = new EngineCommands(processor);
    this.snapshots = new SnapshotDirector(log, processor, log::lastPosition, Duration.ZERO);
  }

  /** A fresh engine on an empty in-memory log, its clock at 2026-12-04T00:00:00Z. */
  public static InMemoryEngine start() {
    return new InMemoryEngine(new InMemoryLogStorage(), new AtomicLong(1_796_342_400_000L));
  }

  public EngineApi api() {
    return api;
  }

  public InMemoryLogStorage log() {
    return log;
  }

  /** The engine's system clock (epoch milliseconds); the engine reads it on every use. */
  public AtomicLong clock() {
    return clock;
  }

  /** Writes a state snapshot now; returns its position. */
  public long takeSnapshot() {
    return snapshots.takeSnapshot();
  }

  /** Stops this loop and starts a new one on the same records, as after a restart. */
  public InMemoryEngine restart() {
    close();
    return new InMemoryEngine(log.reopen(), clock);
  }

  /** Deploys the models; returns the deployment's process definition keys in order. */
  public List<Long> deploy(BpmnModelInstance... models) {
    List<EngineApi.Resource> resources = new ArrayList<>();
    for (int i = 0; i < models.length; i++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Bpmn.writeModelToStream(bytes, models[i]);
      resources.add(new EngineApi.Resource("model-" + i + ".bpmn", bytes.toByteArray()));
    }
    return join(api.deploy(resources, "<default>")).processes().stream()
        .map(p -> p.processDefinitionKey())
        .toList();
  }

  /** Waits up to 10 s for the future. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Events with an intent (of its value type), in log order. */
  public List<Record> events(Intent intent) {
    List<Record> found = new ArrayList<>();
    log.replay(
        0,
        r -> {
          if (r.recordType() == RecordType.EVENT && r.intent() == intent) {
            found.add(r);
          }
        });
    return found;
  }

  @Override
  public void close() {
    snapshots.close();
    processor.close();
  }
}

package life.suoke.ops.engine.exporter;

import java.time.Duration;
import java.util.List;
import life.suoke.ops.engine.record.Record;

/**
 * A sink for the engine's records (search, an audit archive, ...), fed from the record log by an
 * {@link ExporterRunner} on a thread of its own, never on the engine's processing thread.
 *
 * <p>Delivery is at-least-once: a batch whose acknowledgement did not reach the log (a crash, a
 * failed {@code export}) is delivered again, so {@link #export} must be idempotent (write each
 * record under a key derived from its position, for example). Batches arrive in position order and
 * never skip a record: a failed batch is retried, with back-off, until it succeeds.
 */
public interface RecordExporter {

  /**
   * Names the exporter's durable position in the log ({@code exporter_position} table). Changing it
   * makes the exporter start again from the beginning of the log.
   */
  String id();

  /**
   * Prepares the target (index templates, tables) before the first batch. Called on the runner's
   * thread and retried with back-off like {@link #export}, so a target that is down at start does
   * not stop the engine from starting.
   */
  default void open() throws Exception {}

  /**
   * Writes the batch (one or more records, in position order) and returns only once the target
   * holds all of it; throws if any record of it was not written, and the runner retries the batch.
   */
  void export(List<Record> batch) throws Exception;

  /**
   * How long records may gather before a batch that is not full is written: after such a batch the
   * runner waits this long before it reads the log again, so that a target which pays per request
   * (a search node's bulk, its translog sync and per-shard work) gets fewer, larger batches under a
   * steady load. Zero (the default) writes whatever is there at once. Zeebe's Elasticsearch
   * exporter has the same knob ({@code bulk.delay}, 5 s by default).
   */
  default Duration batchDelay() {
    return Duration.ZERO;
  }

  /**
   * The fewest records a batch that is not full must hold for the runner to wait {@link
   * #batchDelay} after it: 1 (after any batch) unless told otherwise. An exporter that should stay
   * current under a light load and gather only under a heavy one sets it higher: a batch that large
   * says the log grows faster than the exporter writes, so waiting lets more of it arrive at once.
   */
  default int batchDelayFrom() {
    return 1;
  }

  /**
   * Whether the exporter reads only the records' envelopes and typed values, so that it can take
   * the records as the engine wrote them instead of decoded again ({@link
   * life.suoke.ops.engine.log.LogStorage#readWritten}). An exporter that digests or copies the JSON
   * values (the audit trail) must not: false by default.
   */
  default boolean readsTypedValues() {
    return false;
  }

  /** Called once when the runner stops; releases what the exporter opened itself. */
  void close();
}

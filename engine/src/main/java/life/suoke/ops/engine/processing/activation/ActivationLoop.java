package life.suoke.ops.engine.processing.activation;

import java.util.List;
import java.util.function.Consumer;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.processing.ProcessingContext;

/**
 * What job activation asks of the processing loop. Its work runs on the loop's thread inside a
 * batch, so that an activation is written, committed and answered like any command, and the jobs it
 * hands out are the committed state's.
 */
public interface ActivationLoop {

  /** Queues work for the loop; rejected once the engine is shutting down. */
  void submit(Consumer<ProcessingContext> work);

  /**
   * Queues work that tidies up after a client (a job it did not take, a stream it closed); after
   * shutdown it is dropped with the state it would tidy.
   */
  void enqueue(Consumer<ProcessingContext> work);

  /**
   * Activates up to {@code maxJobs} activatable jobs of the type in the current batch (one
   * JOB_BATCH ACTIVATED event); none if there are none.
   */
  List<ActivatedJob> activate(
      ProcessingContext ctx,
      String type,
      String worker,
      long timeoutMillis,
      int maxJobs,
      List<String> fetchVariables);

  /** Makes an activated job activatable again, for a client that could not take it. */
  void yield(ProcessingContext ctx, long jobKey);
}

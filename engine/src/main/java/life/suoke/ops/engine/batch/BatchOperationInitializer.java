package life.suoke.ops.engine.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import life.suoke.ops.engine.api.BatchOperationCreation;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.projection.Condition;
import life.suoke.ops.engine.projection.SearchStore;
import life.suoke.ops.engine.state.BatchOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the items of new batch operations, as Zeebe does, in the secondary storage: on a thread of
 * its own, it runs each batch's filter over the search projection in pages (key order, after the
 * cursor the batch recorded) and hands every page to the engine, which records it durably with the
 * cursor to go on from; when a page comes back short, the total is fixed and the items run. A
 * restart goes on from the recorded cursor. As in Zeebe, suspending a batch stops the execution of
 * its items, not the search for them.
 *
 * <p>The projection is eventually consistent; a batch's filter is run only once the projection has
 * applied the log up to the batch's creation, so every instance that existed (and matched) when the
 * batch was created is found. A query that keeps failing fails the batch (QUERY_FAILED), after a
 * few tries with growing pauses.
 */
public final class BatchOperationInitializer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchOperationInitializer.class);
  static final int PAGE_SIZE = 1_000;
  private static final long IDLE_MILLIS = 100;
  private static final int MAX_ATTEMPTS = 5;

  private final EngineApi engine;
  private final SearchStore store;
  private final LongSupplier projectedPosition;
  private final Function<String, List<Condition>> filters;
  private final Map<Long, Integer> failures = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private record Pending(
      long key, String type, String filter, String cursor, long createdPosition) {}

  /**
   * @param projectedPosition the log position the search projection has applied
   * @param filters a stored filter's conditions over the projection's process instances
   */
  public BatchOperationInitializer(
      EngineApi engine,
      SearchStore store,
      LongSupplier projectedPosition,
      Function<String, List<Condition>> filters) {
    this.engine = engine;
    this.store = store;
    this.projectedPosition = projectedPosition;
    this.filters = filters;
    this.thread = new Thread(this::run, "suoke-batch-initializer");
    this.thread.setDaemon(true);
  }

  public BatchOperationInitializer start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try {
        if (!step()) {
          Thread.sleep(IDLE_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | ExecutionException e) {
        if (!running) {
          return;
        }
        log.warn("Batch operation initialization failed; retrying", e);
        sleep(1_000);
      }
    }
  }

  /** One page for each batch whose items are being found; returns whether anything was done. */
  private boolean step() throws InterruptedException, ExecutionException {
    List<Pending> pending =
        engine
            .query(
                state -> {
                  List<Pending> found = new ArrayList<>();
                  for (BatchOperation batch : state.batchOperations()) {
                    // a suspended batch is still initialized (as in Zeebe); only its execution
                    // waits
                    if (!batch.initialized() && !batch.isFinished()) {
                      found.add(
                          new Pending(
                              batch.key,
                              batch.type,
                              batch.filter,
                              batch.searchCursor(),
                              batch.createdPosition));
                    }
                  }
                  return found;
                })
            .get();
    boolean worked = false;
    for (Pending batch : pending) {
      if (!running) {
        return worked;
      }
      if (projectedPosition.getAsLong() < batch.createdPosition()) {
        continue; // the projection has not seen everything that existed when the batch was created
      }
      worked = true;
      page(batch);
    }
    return worked;
  }

  private void page(Pending batch) throws InterruptedException {
    List<long[]> page;
    try {
      List<Condition> conditions = filters.apply(batch.filter());
      long after = batch.cursor().isEmpty() ? 0 : Long.parseLong(batch.cursor());
      page =
          store
              .batchItems(
                  BatchOperationCreation.RESOLVE_INCIDENT.equals(batch.type()),
                  conditions,
                  after,
                  PAGE_SIZE)
              .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      int attempts = failures.merge(batch.key(), 1, Integer::sum);
      boolean retryable =
          !(cause instanceof IllegalArgumentException)
              && !(cause instanceof life.suoke.ops.engine.gateway.rest.RestProblem);
      if (retryable && attempts < MAX_ATTEMPTS) {
        log.warn(
            "The items of batch operation {} could not be searched (attempt {}): {}",
            batch.key(),
            attempts,
            cause.getMessage());
        sleep(200L << attempts);
        return;
      }
      failures.remove(batch.key());
      submit(
          () ->
              engine.failBatchOperation(
                  batch.key(),
                  "Failed to query the items of the batch operation: " + cause.getMessage()));
      return;
    }
    failures.remove(batch.key());
    if (!page.isEmpty()) {
      List<BatchOperationCreation.Item> items = new ArrayList<>(page.size());
      page.forEach(item -> items.add(new BatchOperationCreation.Item(item[0], item[1])));
      String next = String.valueOf(page.get(page.size() - 1)[0]);
      if (!submit(
          () ->
              engine.addBatchOperationItems(batch.key(), batch.cursor(), items, next, PAGE_SIZE))) {
        return;
      }
    }
    if (page.size() < PAGE_SIZE) {
      submit(() -> engine.finishBatchOperationInitialization(batch.key()));
    }
  }

  /** Sends a command; a rejection (the batch was suspended or canceled meanwhile) is no failure. */
  private boolean submit(
      java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> command)
      throws InterruptedException {
    try {
      command.get().get(60, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Rejection) {
        return false;
      }
      throw new IllegalStateException(
          "The engine did not take the batch operation's items: " + e.getCause().getMessage(), e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("The engine did not answer in time", e);
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.log.LogStorage;
import life.suoke.ops.engine.log.StoredSnapshot;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.processing.activation.ActivationLoop;
import life.suoke.ops.engine.processing.activation.JobActivation;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.state.EngineClock;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.StateSnapshot;
import life.suoke.ops.engine.state.TimerInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the engine. One thread takes commands from a queue, processes as many as are
 * waiting into records (events are applied to the in-memory state as they are written), commits all
 * of them to the record log in one transaction (group commit), and only then answers the clients.
 * Due work is done by the same thread between the commands: job time-outs and back-offs, message
 * expiry, timers, a chunk of a batch operation, and serving the job streams and long-polling
 * activations of {@link JobActivation}; so the state needs no locks.
 *
 * <p>The commands come from {@link EngineCommands}, which turns each API call into one. Answers
 * that wait past their command's commit (a creation with result, a user task command whose task
 * listeners run) are held here and given by the after-commit listener, which the processors call on
 * this thread once the batch that finished the instance or the transition is committed.
 */
public final class StreamProcessor implements ActivationLoop, EngineListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
  private static final int MAX_COMMANDS_PER_BATCH = 2_000;

  /** How long the loop pauses between looks while new commands are held back. */
  private static final long HELD_PAUSE_MILLIS = 1;

  private static final int MAX_TIMERS_PER_BATCH = 500;
  private boolean moreTimersDue;
  private boolean moreBatchWork;

  private final LogStorage recordLog;
  private final BpmnTransformer transformer;
  private final EngineClock clock;
  private final ProcessingContext ctx;
  private final EngineProcessors processors;
  private final JobActivation jobActivation;
  private final BlockingQueue<Consumer<ProcessingContext>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile BooleanSupplier intake = () -> true;

  /**
   * A command taken from the queue just as the intake closed; the next one to run. Loop thread
   * only.
   */
  private Consumer<ProcessingContext> heldBack;

  private final Map<Long, List<ResultWaiter>> resultWaiters = new HashMap<>();

  /** Snapshots asked for, taken after the next commit. */
  private final List<CompletableFuture<StateSnapshot.Image>> snapshotRequests = new ArrayList<>();

  /** Whether snapshotRequests may hold a request: the loop looks at it without taking the lock. */
  private volatile boolean snapshotRequested;

  /** Commands on user tasks whose transition waits for task listeners, answered when it ends. */
  private final Map<Long, CompletableFuture<Void>> userTaskWaiters = new HashMap<>();

  private record ResultWaiter(
      CompletableFuture<ProcessInstanceCreated> future,
      ProcessInstanceCreated created,
      List<String> fetchVariables) {}

  public StreamProcessor(LogStorage recordLog, BpmnTransformer transformer, LongSupplier clock) {
    this.recordLog = recordLog;
    this.transformer = transformer;
    this.clock = new EngineClock(clock);
    this.ctx = new ProcessingContext(replay(), this.clock);
    this.processors = EngineProcessors.wire(transformer, this.clock, this);
    this.jobActivation = new JobActivation(this);
    this.thread = new Thread(this::run, "suoke-engine-processor");
    jobActivation.stateRebuilt(ctx.state());
    thread.start();
  }

  /**
   * Rebuilds the state: from the newest snapshot and the records after it, or, without a usable
   * snapshot, from the whole log.
   */
  private EngineState replay() {
    long start = System.nanoTime();
    EngineState state = null;
    long from = 0;
    java.util.Optional<StoredSnapshot> snapshot = recordLog.latestSnapshot();
    if (snapshot.isPresent()) {
      StoredSnapshot stored = snapshot.get();
      try {
        state = StateSnapshot.read(stored.data(), transformer::transform, clock);
        from = stored.position();
      } catch (RuntimeException e) {
        log.warn(
            "The state snapshot at position {} cannot be read ({}); replaying the whole log",
            stored.position(),
            e.getMessage());
      }
    }
    if (state == null) {
      state = new EngineState(transformer::transform, clock);
    }
    long loaded = System.nanoTime();
    long count = recordLog.replay(from, state::apply);
    if (from > 0) {
      log.info(
          "Engine state rebuilt from the snapshot at position {} ({} bytes, {} ms) and {} records"
              + " after it ({} ms)",
          from,
          snapshot.get().data().length,
          (loaded - start) / 1_000_000,
          count,
          (System.nanoTime() - loaded) / 1_000_000);
    } else {
      log.info(
          "Engine state rebuilt from {} records in {} ms",
          count,
          (System.nanoTime() - start) / 1_000_000);
    }
    return state;
  }

  /**
   * The committed state as bytes ({@link StateSnapshot}), taken on the processing thread between
   * two batches; the future fails if the engine stops first.
   */
  public CompletableFuture<StateSnapshot.Image> snapshot() {
    CompletableFuture<StateSnapshot.Image> request = new CompletableFuture<>();
    synchronized (snapshotRequests) {
      if (!running) {
        request.completeExceptionally(new IllegalStateException("the engine has stopped"));
        return request;
      }
      snapshotRequests.add(request);
      snapshotRequested = true;
    }
    queue.add(ctx -> {}); // wakes the loop
    return request;
  }

  /**
   * The state as bytes once the processing thread has stopped ({@link #close}): what the last
   * committed batch left.
   */
  public StateSnapshot.Image stoppedSnapshot() {
    if (thread.isAlive()) {
      throw new IllegalStateException("the processing thread still runs");
    }
    return StateSnapshot.write(ctx.state());
  }

  private void serveSnapshotRequests() {
    List<CompletableFuture<StateSnapshot.Image>> requests;
    if (!snapshotRequested) {
      return;
    }
    synchronized (snapshotRequests) {
      snapshotRequested = false;
      if (snapshotRequests.isEmpty()) {
        return;
      }
      requests = new ArrayList<>(snapshotRequests);
      snapshotRequests.clear();
    }
    try {
      StateSnapshot.Image image = StateSnapshot.write(ctx.state());
      requests.forEach(r -> r.complete(image));
    } catch (RuntimeException e) {
      log.error("The engine state could not be written as a snapshot", e);
      requests.forEach(r -> r.completeExceptionally(e));
    }
  }

  /**
   * Asked before each batch whether new commands may be taken (see {@link
   * life.suoke.ops.engine.exporter.ExportGate}); while it says no, queued commands wait and due
   * work (timers, job time-outs, job pushes) goes on.
   */
  public void setIntake(BooleanSupplier admitsCommands) {
    this.intake = java.util.Objects.requireNonNull(admitsCommands, "admitsCommands");
  }

  EngineProcessors processors() {
    return processors;
  }

  JobActivation jobActivation() {
    return jobActivation;
  }

  // ================================================================== the processing loop

  private void run() {
    while (running) {
      try {
        Consumer<ProcessingContext> first = null;
        boolean admits = intake.getAsBoolean();
        if (admits) {
          first = heldBack != null ? heldBack : queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
          heldBack = null;
          // The intake may have closed while the loop waited for this command: it waits in turn.
          if (first != null && !(admits = intake.getAsBoolean())) {
            heldBack = first;
            first = null;
          }
        }
        if (!admits) {
          // Held back for an exporter (see setIntake): due work goes on, new commands wait.
          Thread.sleep(HELD_PAUSE_MILLIS);
        }
        int processed = 0;
        if (first != null) {
          runTask(first);
          processed++;
          Consumer<ProcessingContext> next;
          while (processed < MAX_COMMANDS_PER_BATCH && (next = queue.poll()) != null) {
            runTask(next);
            processed++;
          }
        }
        runDueWork();
        commit();
        serveSnapshotRequests();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("Engine processing failed; rebuilding its state from the record log", e);
        rollback(e);
      }
    }
  }

  private long waitMillis() {
    if (jobActivation.hasJobsToServe() || moreTimersDue || moreBatchWork) {
      moreTimersDue = false;
      return 0;
    }
    long now = clock.getAsLong();
    long next =
        Math.min(
            Math.min(ctx.state().nextJobDeadline(), ctx.state().nextJobBackoff()),
            Math.min(ctx.state().nextTimerDueDate(), ctx.state().nextMessageDeadline()));
    long wait = Math.min(Math.min(next - now, 1_000), jobActivation.millisToNextExpiry());
    return Math.max(1, wait);
  }

  private void runTask(Consumer<ProcessingContext> task) {
    ctx.beginCommand();
    task.accept(ctx);
    ctx.drainFollowUps();
  }

  private void runDueWork() {
    ctx.beginCommand();
    long now = ctx.now();
    List<Long> timedOut = ctx.state().jobsTimedOutAt(now);
    if (!timedOut.isEmpty()) {
      processors.jobs().timeOut(ctx, timedOut);
    }
    List<Long> recurring = ctx.state().jobsRecurringAt(now);
    if (!recurring.isEmpty()) {
      processors.jobs().recur(ctx, recurring);
    }
    if (ctx.state().nextMessageDeadline() <= now) {
      processors.bpmn().messages().expire(ctx, now);
    }
    // Timers fire in due order; work a fired timer causes runs before the next one fires. At most
    // a batch's worth fire per round, so that a burst of timers due at once is committed in
    // several transactions and commands keep being served between them.
    List<TimerInstance> due = ctx.state().timersDueAt(now, MAX_TIMERS_PER_BATCH + 1);
    for (int i = 0; i < due.size(); i++) {
      if (i == MAX_TIMERS_PER_BATCH) {
        moreTimersDue = true;
        break;
      }
      processors.bpmn().eventTriggers().triggerTimer(ctx, due.get(i));
      ctx.drainFollowUps();
    }
    // One chunk of a batch operation per round: each is committed on its own, between other
    // commands.
    moreBatchWork = processors.batches().executeNext(ctx);
    ctx.drainFollowUps();
    jobActivation.serve(ctx);
    ctx.drainFollowUps();
  }

  private void commit() {
    if (ctx.isEmpty()) {
      return;
    }
    if (!ctx.records().isEmpty()) {
      recordLog.append(ctx.records());
    }
    List<Runnable> effects = new ArrayList<>(ctx.sideEffects());
    ctx.reset();
    for (Runnable effect : effects) {
      try {
        effect.run();
      } catch (RuntimeException e) {
        log.warn("A side effect after commit failed", e);
      }
    }
  }

  private void rollback(RuntimeException cause) {
    processors.batches().rolledBack(cause);
    moreBatchWork = true;
    List<Runnable> rollbacks = new ArrayList<>(ctx.rollbacks());
    ctx.reset();
    ctx.replaceState(replay());
    jobActivation.stateRebuilt(ctx.state());
    for (Runnable rollback : rollbacks) {
      rollback.run();
    }
  }

  // ================================================================== commands

  /**
   * Queues a command: it is written as a COMMAND record, then handled; its result answers the
   * returned future after the batch is committed. A {@link Rejection} thrown by the handler, which
   * must not have written anything, is written as a COMMAND_REJECTION and answers exceptionally.
   */
  <T> CompletableFuture<T> command(
      Intent intent, long key, Map<String, Object> value, Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    submit(
        ctx -> {
          ctx.command(intent, key, value);
          int mark = ctx.records().size();
          try {
            T result = handler.apply(ctx);
            ctx.afterCommit(() -> future.complete(result));
          } catch (Rejection rejection) {
            ctx.rejection(mark, intent, key, value, rejection);
            ctx.afterCommit(() -> future.completeExceptionally(rejection));
          }
          ctx.onRollback(
              () ->
                  future.completeExceptionally(
                      new Rejection(
                          RejectionType.PROCESSING_ERROR,
                          "The command could not be committed; retry it")));
        });
    return future;
  }

  @Override
  public void submit(Consumer<ProcessingContext> task) {
    if (!running) {
      throw new Rejection(RejectionType.PROCESSING_ERROR, "The engine is shutting down");
    }
    queue.add(task);
  }

  @Override
  public void enqueue(Consumer<ProcessingContext> task) {
    queue.add(task);
  }

  // ================================================================== job activation

  @Override
  public List<ActivatedJob> activate(
      ProcessingContext ctx,
      String type,
      String worker,
      long timeoutMillis,
      int maxJobs,
      List<String> fetchVariables) {
    return processors.jobs().activate(ctx, type, worker, timeoutMillis, maxJobs, fetchVariables);
  }

  @Override
  public void yield(ProcessingContext ctx, long jobKey) {
    processors.jobs().yield(ctx, jobKey);
  }

  // ================================================================== answers that wait

  /**
   * Answers {@code future} when the instance a command created completes (with the requested
   * variables, all if none are named) or is terminated.
   */
  void awaitResult(
      ProcessInstanceCreated created,
      List<String> fetchVariables,
      CompletableFuture<ProcessInstanceCreated> future) {
    resultWaiters
        .computeIfAbsent(created.processInstanceKey(), k -> new ArrayList<>())
        .add(new ResultWaiter(future, created, fetchVariables));
  }

  /** Its client stopped waiting for the instance's result. */
  void forgetResult(long processInstanceKey) {
    resultWaiters.remove(processInstanceKey);
  }

  /**
   * Answers {@code answer} when the user task's transition that the current command began ends,
   * once its task listeners are done.
   */
  void awaitTransition(ProcessingContext c, long userTaskKey, CompletableFuture<Void> answer) {
    userTaskWaiters.put(userTaskKey, answer);
    c.onRollback(() -> userTaskWaiters.remove(userTaskKey, answer));
  }

  boolean awaitsTransition(CompletableFuture<Void> answer) {
    return userTaskWaiters.containsValue(answer);
  }

  // ================================================================== listener (after commit, on
  // this thread)

  @Override
  public void jobsAvailable(String type) {
    jobActivation.jobsAvailable(type);
  }

  @Override
  public void processInstanceCompleted(long processInstanceKey, Map<String, Object> variables) {
    List<ResultWaiter> waiters = resultWaiters.remove(processInstanceKey);
    if (waiters == null) {
      return;
    }
    for (ResultWaiter waiter : waiters) {
      Map<String, Object> selected = variables;
      if (waiter.fetchVariables() != null && !waiter.fetchVariables().isEmpty()) {
        selected = new LinkedHashMap<>();
        for (String name : waiter.fetchVariables()) {
          if (variables.containsKey(name)) {
            selected.put(name, variables.get(name));
          }
        }
      }
      ProcessInstanceCreated c = waiter.created();
      waiter
          .future()
          .complete(
              new ProcessInstanceCreated(
                  c.processDefinitionKey(),
                  c.bpmnProcessId(),
                  c.version(),
                  c.processInstanceKey(),
                  c.tenantId(),
                  selected));
    }
  }

  @Override
  public void processInstanceTerminated(long processInstanceKey) {
    List<ResultWaiter> waiters = resultWaiters.remove(processInstanceKey);
    if (waiters != null) {
      for (ResultWaiter waiter : waiters) {
        waiter
            .future()
            .completeExceptionally(
                new Rejection(
                    RejectionType.PROCESSING_ERROR,
                    "Expected to receive the result of process instance '"
                        + processInstanceKey
                        + "', but it was terminated"));
      }
    }
  }

  @Override
  public void userTaskTransitionEnded(long userTaskKey, Rejection rejection) {
    CompletableFuture<Void> waiter = userTaskWaiters.remove(userTaskKey);
    if (waiter != null) {
      if (rejection == null) {
        waiter.complete(null);
      } else {
        waiter.completeExceptionally(rejection);
      }
    }
  }

  // ================================================================== lifecycle

  @Override
  public void close() {
    synchronized (snapshotRequests) {
      running = false;
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Rejection closing =
        new Rejection(RejectionType.PROCESSING_ERROR, "The engine is shutting down");
    jobActivation.close();
    resultWaiters.values().forEach(w -> w.forEach(r -> r.future().completeExceptionally(closing)));
    userTaskWaiters.values().forEach(w -> w.completeExceptionally(closing));
    synchronized (snapshotRequests) {
      snapshotRequests.forEach(r -> r.completeExceptionally(closing));
      snapshotRequests.clear();
    }
  }
}

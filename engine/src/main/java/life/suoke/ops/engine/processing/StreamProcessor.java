package life.suoke.ops.engine.processing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.DeploymentResult;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.api.ProcessInstanceMigration;
import life.suoke.ops.engine.api.ProcessInstanceModification;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.state.EngineClock;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.TimerInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the engine. One thread takes commands from a queue, processes as many as are
 * waiting into records (events are applied to the in-memory state as they are written), commits all
 * of them to the record log in one transaction (group commit), and only then answers the clients.
 * Job time-outs, back-offs, long-polling activations and job pushes are served by the same thread,
 * so the state needs no locks.
 *
 * <p>Everything the engine decides is timed by the engine clock, which a test may pin; how long a
 * long-polling activation waits is not: it is the client's request timeout, a promise about its
 * request, so it runs on the wall clock ({@link System#nanoTime()}) and an activation that finds no
 * job is answered in time however the engine clock stands.
 */
public final class StreamProcessor implements EngineApi, EngineListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
  private static final int MAX_COMMANDS_PER_BATCH = 2_000;

  /** How long the loop pauses between looks while new commands are held back. */
  private static final long HELD_PAUSE_MILLIS = 1;

  private static final int MAX_TIMERS_PER_BATCH = 500;
  private boolean moreTimersDue;
  private boolean moreBatchWork;

  private final RecordLog recordLog;
  private final BpmnTransformer transformer;
  private final EngineClock clock;
  private final ProcessingContext ctx;
  private final BpmnProcessor bpmn;
  private final JobProcessor jobs;
  private final UserTaskProcessor userTasks;
  private final DeploymentProcessor deployments;
  private final ResourceDeletionProcessor deletions;
  private final ProcessInstanceProcessor instances;
  private final ProcessInstanceModificationProcessor modifications;
  private final ProcessInstanceMigrationProcessor migrations;
  private final BatchOperationProcessor batches;
  private final BlockingQueue<Consumer<ProcessingContext>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile BooleanSupplier intake = () -> true;

  /**
   * A command taken from the queue just as the intake closed; the next one to run. Loop thread
   * only.
   */
  private Consumer<ProcessingContext> heldBack;

  private final Map<String, ArrayDeque<PendingActivation>> pendingActivations = new HashMap<>();
  private final Map<String, List<JobStream>> streams = new HashMap<>();
  private final Map<Long, List<ResultWaiter>> resultWaiters = new HashMap<>();

  /** Commands on user tasks whose transition waits for task listeners, answered when it ends. */
  private final Map<Long, CompletableFuture<Void>> userTaskWaiters = new HashMap<>();

  private final Set<String> typesToServe = new LinkedHashSet<>();

  /**
   * A long-polling activation; it expires at {@code expiresAtNanos} on the wall clock ({@link
   * System#nanoTime()}).
   */
  private record PendingActivation(
      String type,
      String worker,
      long timeout,
      int maxJobs,
      List<String> fetchVariables,
      CompletableFuture<List<ActivatedJob>> future,
      long expiresAtNanos) {

    boolean expiredAt(long nanos) {
      return expiresAtNanos - nanos <= 0;
    }

    long millisLeftAt(long nanos) {
      return TimeUnit.NANOSECONDS.toMillis(expiresAtNanos - nanos + 999_999);
    }
  }

  private static final class JobStream {
    final String type;
    final String worker;
    final long timeout;
    final List<String> fetchVariables;
    final Consumer<ActivatedJob> consumer;
    volatile boolean open = true;

    JobStream(
        String type,
        String worker,
        long timeout,
        List<String> fetchVariables,
        Consumer<ActivatedJob> consumer) {
      this.type = type;
      this.worker = worker;
      this.timeout = timeout;
      this.fetchVariables = fetchVariables;
      this.consumer = consumer;
    }
  }

  private record ResultWaiter(
      CompletableFuture<ProcessInstanceCreated> future,
      ProcessInstanceCreated created,
      List<String> fetchVariables) {}

  public StreamProcessor(RecordLog recordLog, BpmnTransformer transformer, LongSupplier clock) {
    this.recordLog = recordLog;
    this.transformer = transformer;
    this.clock = new EngineClock(clock);
    this.ctx = new ProcessingContext(replay(), this.clock);
    ExpressionBehavior expressions = new ExpressionBehavior(this.clock.asClock());
    this.bpmn = new BpmnProcessor(expressions, new VariableBehavior(), this);
    this.jobs = new JobProcessor(bpmn, this);
    this.userTasks = bpmn.userTasks();
    this.deployments = new DeploymentProcessor(transformer, bpmn.timers(), bpmn.decisions());
    this.deletions = new ResourceDeletionProcessor(bpmn.timers(), bpmn.decisions());
    this.instances = new ProcessInstanceProcessor(bpmn, this);
    this.modifications = new ProcessInstanceModificationProcessor(bpmn);
    this.migrations = new ProcessInstanceMigrationProcessor(bpmn);
    this.batches = new BatchOperationProcessor(instances, jobs, migrations, modifications);
    this.thread = new Thread(this::run, "suoke-engine-processor");
    // Jobs that were activatable before a restart can be pushed or polled right away.
    typesToServe.addAll(jobTypesOf(ctx.state()));
    thread.start();
  }

  private EngineState replay() {
    EngineState state = new EngineState(transformer::transform, clock);
    long start = System.nanoTime();
    long count = recordLog.replay(0, state::apply);
    log.info(
        "Engine state rebuilt from {} records in {} ms",
        count,
        (System.nanoTime() - start) / 1_000_000);
    return state;
  }

  private static Set<String> jobTypesOf(EngineState state) {
    Set<String> types = new LinkedHashSet<>();
    state.jobs().forEach(job -> types.add(job.type));
    return types;
  }

  /**
   * Asked before each batch whether new commands may be taken (see {@link
   * life.suoke.ops.engine.exporter.ExportGate}); while it says no, queued commands wait and due
   * work (timers, job time-outs, job pushes) goes on.
   */
  public void setIntake(BooleanSupplier admitsCommands) {
    this.intake = java.util.Objects.requireNonNull(admitsCommands, "admitsCommands");
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
    if (!typesToServe.isEmpty() || moreTimersDue || moreBatchWork) {
      moreTimersDue = false;
      return 0;
    }
    long now = clock.getAsLong();
    long next =
        Math.min(
            Math.min(ctx.state().nextJobDeadline(), ctx.state().nextJobBackoff()),
            Math.min(ctx.state().nextTimerDueDate(), ctx.state().nextMessageDeadline()));
    long wait = Math.min(next - now, 1_000);
    long nanos = System.nanoTime();
    for (ArrayDeque<PendingActivation> pendings : pendingActivations.values()) {
      for (PendingActivation pending : pendings) {
        wait = Math.min(wait, pending.millisLeftAt(nanos));
      }
    }
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
      jobs.timeOut(ctx, timedOut);
    }
    List<Long> recurring = ctx.state().jobsRecurringAt(now);
    if (!recurring.isEmpty()) {
      jobs.recur(ctx, recurring);
    }
    if (ctx.state().nextMessageDeadline() <= now) {
      bpmn.messages().expire(ctx, now);
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
      bpmn.triggerTimer(ctx, due.get(i));
      ctx.drainFollowUps();
    }
    // One chunk of a batch operation per round: each is committed on its own, between other
    // commands.
    moreBatchWork = batches.executeNext(ctx);
    ctx.drainFollowUps();
    long nanos = System.nanoTime();
    for (ArrayDeque<PendingActivation> pendings : pendingActivations.values()) {
      for (Iterator<PendingActivation> it = pendings.iterator(); it.hasNext(); ) {
        PendingActivation pending = it.next();
        if (pending.expiredAt(nanos) || pending.future().isDone()) {
          it.remove();
          ctx.afterCommit(() -> pending.future().complete(List.of()));
        }
      }
    }
    if (!typesToServe.isEmpty()) {
      List<String> types = new ArrayList<>(typesToServe);
      typesToServe.clear();
      for (String type : types) {
        serveJobs(type);
      }
    }
    ctx.drainFollowUps();
  }

  /** Hands activatable jobs of a type to open job streams first, then to waiting activations. */
  private void serveJobs(String type) {
    List<JobStream> open = streams.get(type);
    if (open != null) {
      open.removeIf(s -> !s.open);
      int next = 0;
      while (!open.isEmpty() && ctx.state().hasActivatableJobs(type)) {
        JobStream stream = open.get(next++ % open.size());
        for (ActivatedJob job :
            jobs.activate(ctx, type, stream.worker, stream.timeout, 1, stream.fetchVariables)) {
          ctx.afterCommit(() -> push(stream, job));
        }
      }
    }
    ArrayDeque<PendingActivation> pendings = pendingActivations.get(type);
    while (pendings != null && !pendings.isEmpty() && ctx.state().hasActivatableJobs(type)) {
      PendingActivation pending = pendings.poll();
      if (pending.future().isDone()) {
        continue;
      }
      List<ActivatedJob> activated =
          jobs.activate(
              ctx,
              type,
              pending.worker(),
              pending.timeout(),
              pending.maxJobs(),
              pending.fetchVariables());
      ctx.afterCommit(
          () -> {
            if (!pending.future().complete(activated)) {
              activated.forEach(job -> queue.add(c -> jobs.yield(c, job.key())));
            }
          });
    }
  }

  private void push(JobStream stream, ActivatedJob job) {
    try {
      if (!stream.open) {
        throw new IllegalStateException("stream closed");
      }
      stream.consumer.accept(job);
    } catch (RuntimeException e) {
      stream.open = false;
      queue.add(c -> jobs.yield(c, job.key()));
    }
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
    batches.rolledBack(cause);
    moreBatchWork = true;
    List<Runnable> rollbacks = new ArrayList<>(ctx.rollbacks());
    ctx.reset();
    ctx.replaceState(replay());
    typesToServe.addAll(jobTypesOf(ctx.state()));
    for (Runnable rollback : rollbacks) {
      rollback.run();
    }
  }

  // ================================================================== commands

  private <T> CompletableFuture<T> command(
      ValueType valueType,
      String intent,
      long key,
      Map<String, Object> value,
      Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    submit(
        ctx -> {
          ctx.command(valueType, intent, key, value);
          int mark = ctx.records().size();
          try {
            T result = handler.apply(ctx);
            ctx.afterCommit(() -> future.complete(result));
          } catch (Rejection rejection) {
            if (ctx.records().size() != mark) {
              throw new IllegalStateException(
                  "Command " + valueType + " " + intent + " wrote records before it was rejected",
                  rejection);
            }
            ctx.rejection(valueType, intent, key, value, rejection);
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

  private void submit(Consumer<ProcessingContext> task) {
    if (!running) {
      throw new Rejection(RejectionType.PROCESSING_ERROR, "The engine is shutting down");
    }
    queue.add(task);
  }

  @Override
  public CompletableFuture<DeploymentResult> deploy(List<Resource> resources, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("resources", resources.stream().map(r -> Map.of("resourceName", r.name())).toList());
    value.put("tenantId", tenantId);
    return command(
        ValueType.DEPLOYMENT, "CREATE", -1, value, c -> deployments.deploy(c, resources, tenantId));
  }

  @Override
  public CompletableFuture<Void> deleteResource(long resourceKey) {
    return command(
        ValueType.RESOURCE_DELETION,
        "DELETE",
        -1,
        ResourceDeletionProcessor.value(resourceKey, ""),
        c -> {
          deletions.delete(c, resourceKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions) {
    return command(
        ValueType.PROCESS_INSTANCE_CREATION,
        "CREATE",
        -1,
        creationValue(
            processDefinitionKey, bpmnProcessId, version, variables, tenantId, startInstructions),
        c ->
            instances.create(
                c,
                processDefinitionKey,
                bpmnProcessId,
                version,
                variables,
                tenantId,
                startInstructions));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstanceWithResult(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions,
      List<String> fetchVariables,
      Duration requestTimeout) {
    CompletableFuture<ProcessInstanceCreated> result = new CompletableFuture<>();
    CompletableFuture<ProcessInstanceCreated> created =
        command(
            ValueType.PROCESS_INSTANCE_CREATION,
            "CREATE_WITH_AWAITING_RESULT",
            -1,
            creationValue(
                processDefinitionKey,
                bpmnProcessId,
                version,
                variables,
                tenantId,
                startInstructions),
            c -> {
              ProcessInstanceCreated instance =
                  instances.create(
                      c,
                      processDefinitionKey,
                      bpmnProcessId,
                      version,
                      variables,
                      tenantId,
                      startInstructions);
              resultWaiters
                  .computeIfAbsent(instance.processInstanceKey(), k -> new ArrayList<>())
                  .add(new ResultWaiter(result, instance, fetchVariables));
              return instance;
            });
    created.whenComplete(
        (instance, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          }
        });
    if (requestTimeout != null && !requestTimeout.isZero() && !requestTimeout.isNegative()) {
      result
          .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (r, failure) -> {
                if (failure instanceof TimeoutException) {
                  created.thenAccept(
                      instance ->
                          queue.add(c -> resultWaiters.remove(instance.processInstanceKey())));
                }
              });
    }
    return result;
  }

  private static Map<String, Object> creationValue(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      Map<String, Object> variables,
      String tenantId,
      List<String> startInstructions) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", bpmnProcessId == null ? "" : bpmnProcessId);
    value.put("processDefinitionKey", processDefinitionKey);
    value.put("version", version);
    value.put("variables", variables == null ? Map.of() : variables);
    value.put("startInstructions", StartInstructions.recordValue(startInstructions));
    value.put("tenantId", tenantId);
    return value;
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return command(
        ValueType.PROCESS_INSTANCE,
        "CANCEL",
        processInstanceKey,
        Map.of("processInstanceKey", processInstanceKey),
        c -> {
          instances.cancel(c, processInstanceKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> modifyProcessInstance(
      long processInstanceKey, ProcessInstanceModification modification) {
    return command(
        ValueType.PROCESS_INSTANCE_MODIFICATION,
        "MODIFY",
        processInstanceKey,
        ProcessInstanceModificationProcessor.commandValue(
            processInstanceKey, modification, "<default>"),
        c -> {
          modifications.modify(c, processInstanceKey, modification);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> migrateProcessInstance(
      long processInstanceKey, ProcessInstanceMigration migration) {
    return command(
        ValueType.PROCESS_INSTANCE_MIGRATION,
        "MIGRATE",
        processInstanceKey,
        ProcessInstanceMigrationProcessor.commandValue(processInstanceKey, migration, "<default>"),
        c -> {
          migrations.migrate(c, processInstanceKey, migration);
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> createBatchOperation(
      life.suoke.ops.engine.api.BatchOperationCreation creation) {
    return command(
        ValueType.BATCH_OPERATION_CREATION,
        "CREATE",
        -1,
        BatchOperationProcessor.creationValue(-1, creation),
        c -> batches.create(c, creation));
  }

  @Override
  public CompletableFuture<Void> suspendBatchOperation(long batchOperationKey) {
    return command(
        ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT,
        "SUSPEND",
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()),
        c -> {
          batches.suspend(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> resumeBatchOperation(long batchOperationKey) {
    return command(
        ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT,
        "RESUME",
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()),
        c -> {
          batches.resume(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> cancelBatchOperation(long batchOperationKey) {
    return command(
        ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT,
        "CANCEL",
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()),
        c -> {
          batches.cancel(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> addBatchOperationItems(
      long batchOperationKey,
      String cursorBefore,
      List<life.suoke.ops.engine.api.BatchOperationCreation.Item> items,
      String cursorAfter,
      int pageSize) {
    return command(
        ValueType.BATCH_OPERATION_INITIALIZATION,
        "INITIALIZE",
        batchOperationKey,
        BatchOperationProcessor.initializationValue(batchOperationKey, cursorBefore, pageSize),
        c -> {
          batches.addItems(c, batchOperationKey, cursorBefore, items, cursorAfter, pageSize);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> finishBatchOperationInitialization(long batchOperationKey) {
    return command(
        ValueType.BATCH_OPERATION_INITIALIZATION,
        "FINISH_INITIALIZATION",
        batchOperationKey,
        Map.of("batchOperationKey", batchOperationKey),
        c -> {
          batches.finishInitialization(c, batchOperationKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> failBatchOperation(long batchOperationKey, String message) {
    return command(
        ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT,
        "FAIL",
        batchOperationKey,
        BatchOperationProcessor.lifecycleValue(batchOperationKey, List.of()),
        c -> {
          batches.fail(c, batchOperationKey, message);
          return null;
        });
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(
      String type,
      String worker,
      Duration timeout,
      int maxJobs,
      List<String> fetchVariables,
      Duration requestTimeout) {
    if (type == null || type.isBlank()) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument("Expected to activate jobs with a non-empty type"));
    }
    if (maxJobs < 1) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument(
              "Expected to activate jobs with a maximum number of jobs greater than zero, but was %d",
              maxJobs));
    }
    CompletableFuture<List<ActivatedJob>> future = new CompletableFuture<>();
    long timeoutMillis = timeout.toMillis();
    submit(
        c -> {
          List<ActivatedJob> activated =
              jobs.activate(c, type, worker, timeoutMillis, maxJobs, fetchVariables);
          if (!activated.isEmpty()
              || requestTimeout == null
              || requestTimeout.isZero()
              || requestTimeout.isNegative()) {
            c.afterCommit(() -> future.complete(activated));
            c.onRollback(
                () ->
                    future.completeExceptionally(
                        new Rejection(RejectionType.PROCESSING_ERROR, "Activation failed; retry")));
          } else {
            pendingActivations
                .computeIfAbsent(type, t -> new ArrayDeque<>())
                .add(
                    new PendingActivation(
                        type,
                        worker,
                        timeoutMillis,
                        maxJobs,
                        fetchVariables,
                        future,
                        System.nanoTime() + requestTimeout.toNanos()));
          }
        });
    return future;
  }

  @Override
  public AutoCloseable streamJobs(
      String type,
      String worker,
      Duration timeout,
      List<String> fetchVariables,
      Consumer<ActivatedJob> consumer) {
    JobStream stream = new JobStream(type, worker, timeout.toMillis(), fetchVariables, consumer);
    submit(
        c -> {
          streams.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(stream);
          typesToServe.add(type);
        });
    return () -> {
      stream.open = false;
      queue.add(
          c -> {
            List<JobStream> open = streams.get(type);
            if (open != null) {
              open.remove(stream);
            }
          });
    };
  }

  @Override
  public CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables) {
    return completeJob(jobKey, variables, null);
  }

  @Override
  public CompletableFuture<Void> completeJob(
      long jobKey, Map<String, Object> variables, JobResult result) {
    return command(
        ValueType.JOB,
        "COMPLETE",
        jobKey,
        Map.of("variables", nonNull(variables)),
        c -> {
          jobs.complete(c, jobKey, nonNull(variables), result);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> activateAdHocSubProcessActivities(
      long adHocSubProcessInstanceKey,
      List<life.suoke.ops.engine.api.AdHocElementActivation> elements,
      boolean cancelRemainingInstances) {
    return command(
        ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION,
        "ACTIVATE",
        adHocSubProcessInstanceKey,
        AdHocSubProcessBehavior.instructionValue(
            adHocSubProcessInstanceKey, elements, cancelRemainingInstances, false, "<default>"),
        c -> {
          bpmn.adHocSubProcesses()
              .activateByCommand(c, adHocSubProcessInstanceKey, elements, cancelRemainingInstances);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> failJob(
      long jobKey,
      int retries,
      String errorMessage,
      Duration retryBackoff,
      Map<String, Object> variables) {
    long backoff = retryBackoff == null ? 0 : retryBackoff.toMillis();
    return command(
        ValueType.JOB,
        "FAIL",
        jobKey,
        Map.of(
            "retries",
            retries,
            "errorMessage",
            errorMessage == null ? "" : errorMessage,
            "retryBackoff",
            backoff),
        c -> {
          jobs.fail(c, jobKey, retries, errorMessage, backoff, variables);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    if (errorCode == null || errorCode.isBlank()) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument("Expected to throw an error with a non-empty error code"));
    }
    return command(
        ValueType.JOB,
        "THROW_ERROR",
        jobKey,
        Map.of("errorCode", errorCode, "errorMessage", errorMessage == null ? "" : errorMessage),
        c -> {
          jobs.throwError(c, jobKey, errorCode, errorMessage, variables);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> updateJobRetries(long jobKey, int retries) {
    return command(
        ValueType.JOB,
        "UPDATE_RETRIES",
        jobKey,
        Map.of("retries", retries),
        c -> {
          jobs.updateRetries(c, jobKey, retries);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> updateJobTimeout(long jobKey, Duration timeout) {
    return command(
        ValueType.JOB,
        "UPDATE_TIMEOUT",
        jobKey,
        Map.of("timeout", timeout.toMillis()),
        c -> {
          jobs.updateTimeout(c, jobKey, timeout.toMillis());
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> setVariables(
      long elementInstanceKey, Map<String, Object> variables, boolean local) {
    return command(
        ValueType.VARIABLE_DOCUMENT,
        "UPDATE",
        elementInstanceKey,
        Map.of(
            "scopeKey",
            elementInstanceKey,
            "variables",
            nonNull(variables),
            "updateSemantics",
            local ? "LOCAL" : "PROPAGATE"),
        c -> {
          instances.setVariables(c, elementInstanceKey, nonNull(variables), local);
          long key = c.state().nextKey();
          c.event(
              ValueType.VARIABLE_DOCUMENT,
              "UPDATED",
              key,
              Map.of(
                  "scopeKey",
                  elementInstanceKey,
                  "variables",
                  nonNull(variables),
                  "updateSemantics",
                  local ? "LOCAL" : "PROPAGATE"));
          return key;
        });
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return command(
        ValueType.INCIDENT,
        "RESOLVE",
        incidentKey,
        Map.of(),
        c -> {
          instances.resolveIncident(c, incidentKey);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> assignUserTask(
      long userTaskKey, String assignee, boolean allowOverride, String action) {
    return userTaskCommand(
        "ASSIGN",
        userTaskKey,
        Map.of("assignee", assignee == null ? "" : assignee),
        c -> userTasks.assign(c, userTaskKey, assignee, allowOverride, action));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(long userTaskKey, String action) {
    return userTaskCommand(
        "ASSIGN",
        userTaskKey,
        Map.of("assignee", ""),
        c -> userTasks.unassign(c, userTaskKey, action));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(
      long userTaskKey, Map<String, Object> changes, String action) {
    return userTaskCommand(
        "UPDATE",
        userTaskKey,
        Map.of("changes", nonNull(changes)),
        c -> userTasks.update(c, userTaskKey, nonNull(changes), action));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(
      long userTaskKey, Map<String, Object> variables, String action) {
    return userTaskCommand(
        "COMPLETE",
        userTaskKey,
        Map.of("variables", nonNull(variables)),
        c -> userTasks.complete(c, userTaskKey, nonNull(variables), action));
  }

  /**
   * A user task command, answered when its transition ends: now, or once its task listeners are
   * done.
   */
  private CompletableFuture<Void> userTaskCommand(
      String intent,
      long userTaskKey,
      Map<String, Object> value,
      Function<ProcessingContext, Boolean> handler) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    command(
            ValueType.USER_TASK,
            intent,
            userTaskKey,
            value,
            c -> {
              if (handler.apply(c)) {
                userTaskWaiters.put(userTaskKey, answer);
                c.onRollback(() -> userTaskWaiters.remove(userTaskKey, answer));
              }
              return null;
            })
        .whenComplete(
            (v, failure) -> {
              if (failure != null) {
                answer.completeExceptionally(failure);
              } else if (!userTaskWaiters.containsValue(answer)) {
                answer.complete(null);
              }
            });
    return answer;
  }

  @Override
  public CompletableFuture<Long> publishMessage(
      String name,
      String correlationKey,
      Duration timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {
    long ttl = timeToLive == null ? 0 : timeToLive.toMillis();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name == null ? "" : name);
    value.put("correlationKey", correlationKey == null ? "" : correlationKey);
    value.put("timeToLive", ttl);
    value.put("messageId", messageId == null ? "" : messageId);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return command(
        ValueType.MESSAGE,
        "PUBLISH",
        -1,
        value,
        c ->
            bpmn.messages()
                .publish(c, name, correlationKey, ttl, messageId, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<life.suoke.ops.engine.api.MessageCorrelated> correlateMessage(
      String name, String correlationKey, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name == null ? "" : name);
    value.put("correlationKey", correlationKey == null ? "" : correlationKey);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return command(
        ValueType.MESSAGE_CORRELATION,
        "CORRELATE",
        -1,
        value,
        c -> bpmn.messages().correlateNow(c, name, correlationKey, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<Long> broadcastSignal(
      String signalName, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("signalName", signalName == null ? "" : signalName);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return command(
        ValueType.SIGNAL,
        "BROADCAST",
        -1,
        value,
        c -> bpmn.signals().broadcast(c, signalName, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<life.suoke.ops.engine.api.DecisionEvaluated> evaluateDecision(
      long decisionKey, String decisionId, Map<String, Object> variables, String tenantId) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("decisionId", decisionId == null ? "" : decisionId);
    value.put("decisionKey", decisionKey);
    value.put("variables", nonNull(variables));
    value.put("tenantId", tenantId);
    return command(
        ValueType.DECISION_EVALUATION,
        "EVALUATE",
        -1,
        value,
        c -> bpmn.decisions().evaluate(c, decisionKey, decisionId, nonNull(variables), tenantId));
  }

  @Override
  public CompletableFuture<Long> pinClock(long epochMillis) {
    if (epochMillis < 0) {
      return CompletableFuture.failedFuture(
          Rejection.invalidArgument(
              "Expected to pin the clock to a non-negative timestamp, but was %d", epochMillis));
    }
    return command(
        ValueType.CLOCK,
        "PIN",
        -1,
        Map.of("time", epochMillis),
        c -> {
          c.event(ValueType.CLOCK, "PINNED", c.state().nextKey(), Map.of("time", epochMillis));
          return epochMillis;
        });
  }

  @Override
  public CompletableFuture<Void> resetClock() {
    return command(
        ValueType.CLOCK,
        "RESET",
        -1,
        Map.of(),
        c -> {
          c.event(ValueType.CLOCK, "RESETTED", c.state().nextKey(), Map.of("time", -1L));
          return null;
        });
  }

  @Override
  public <T> CompletableFuture<T> query(Function<EngineState, T> query) {
    CompletableFuture<T> future = new CompletableFuture<>();
    submit(
        c -> {
          try {
            T value = query.apply(c.state());
            c.afterCommit(() -> future.complete(value));
            c.onRollback(
                () ->
                    future.completeExceptionally(
                        new Rejection(RejectionType.PROCESSING_ERROR, "Query failed; retry")));
          } catch (RuntimeException e) {
            c.afterCommit(() -> future.completeExceptionally(e));
          }
        });
    return future;
  }

  private static Map<String, Object> nonNull(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }

  // ================================================================== listener (after commit, on
  // this thread)

  @Override
  public void jobsAvailable(String type) {
    if (streams.containsKey(type) || pendingActivations.containsKey(type)) {
      typesToServe.add(type);
    }
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
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Rejection closing =
        new Rejection(RejectionType.PROCESSING_ERROR, "The engine is shutting down");
    pendingActivations.values().forEach(p -> p.forEach(a -> a.future().complete(List.of())));
    resultWaiters.values().forEach(w -> w.forEach(r -> r.future().completeExceptionally(closing)));
    userTaskWaiters.values().forEach(w -> w.completeExceptionally(closing));
  }
}
